from django import forms

from sc389.core.widgets import FastSelect


class Form(forms.Form):
    choice = forms.ChoiceField(choices=[("", "Tất cả"), ("a", "<Đội 5>"), ("b", "B & C")], widget=FastSelect)


def test_fast_select_renders_like_a_select_and_escapes():
    html = str(Form(initial={"choice": "b"})["choice"])
    assert html.startswith("<select") and 'name="choice"' in html and 'id="id_choice"' in html
    assert '<option value="a">&lt;Đội 5&gt;</option>' in html
    assert '<option value="b" selected>B &amp; C</option>' in html
    assert html.count("selected") == 1


def test_fast_select_round_trips_a_submitted_value():
    form = Form(data={"choice": "a"})
    assert form.is_valid() and form.cleaned_data["choice"] == "a"
    assert '<option value="a" selected>' in str(form["choice"])
