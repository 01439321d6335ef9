"""Forms of the submission pages: they only parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sc389.cases.choices import Category

from ..models.submissions import INDICATOR_CHOICES
from ..periods import Period
from .figures import PART_KEYS, TOTAL_KEY
from .permissions import submittable_units


class PeriodForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Đơn vị"))
    date_from = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = submittable_units(user)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to"):
            try:
                data["period"] = Period(data["date_from"], data["date_to"])
            except ValueError as exc:
                self.add_error("date_to", str(exc))
        return data


def field_name(code: str, key: str) -> str:
    return f"f__{code}__{key}"


class FiguresForm(PeriodForm):
    """The period form with one number box per indicator and per total or category part."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for code, label in INDICATOR_CHOICES:
            for key in (TOTAL_KEY, *PART_KEYS):
                self.fields[field_name(code, key)] = forms.IntegerField(
                    required=False, min_value=0, label=f"{label} — {key}"
                )

    def grid(self) -> list[dict]:
        """Rows for the template: indicator label and its bound fields, total first."""
        return [
            {"label": label, "fields": [self[field_name(code, key)] for key in (TOTAL_KEY, *PART_KEYS)]}
            for code, label in INDICATOR_CHOICES
        ]

    @staticmethod
    def headers() -> list[str]:
        return [str(_("Tổng số")), *[str(c.label) for c in Category]]

    def figures(self) -> dict:
        out: dict = {}
        for code, _label in INDICATOR_CHOICES:
            for key in (TOTAL_KEY, *PART_KEYS):
                value = self.cleaned_data.get(field_name(code, key))
                if value is not None:
                    out.setdefault(code, {})[key] = value
        return out


class UploadForm(PeriodForm):
    file = forms.FileField(label=_("Tệp XLSX"))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WindowForm(forms.Form):
    date_from = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
