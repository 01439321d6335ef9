"""Correcting one part of a case in place (a goods line, a party, an outcome): one page shape for all."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sc389.core.errors import DomainError

from ..errors import CaseErrorCode
from ..forms import apply_error
from ..models import Case
from .common import case_or_404, edit_url

EMPTY = "—"


def _shown(instance: models.Model, name: str) -> str:
    display = getattr(instance, f"get_{name}_display", None)
    value = display() if display else getattr(instance, name)
    return EMPTY if value in (None, "") else str(value)


def part_conflicts(form: ModelForm, current: models.Model) -> list[tuple[str, str]]:
    """Fields where the saved part now differs from what the user submitted (both normalised by the model's
    own rules, so "0912 345 678" and "0912345678" are the same phone): shown beside the form."""
    mine = form.instance  # the submitted values, cleaned by the model's clean() during form validation
    out = []
    for name in form._meta.fields:
        if (getattr(mine, name) or None) != (getattr(current, name) or None):
            out.append((str(form.fields[name].label), _shown(current, name)))
    return out


def part_edit(
    request: HttpRequest,
    case: Case,
    *,
    part: models.Model,
    reload: Callable[[Case], models.Model],
    form_class: type[ModelForm],
    prefix: str,
    write: Callable[..., object],
    title: str,
    done: str,
    remove_url: str,
    anchor: str,
    values: Callable[[ModelForm], dict] | None = None,
) -> HttpResponse:
    """The page that corrects one part (goods line, party, outcome) with the same checks as adding it.

    A save based on an old read of the case is refused and shown beside what the user typed (optimistic locking,
    as for the case's own fields); saving again from that page deliberately overwrites.
    """
    conflicts: list[tuple[str, str]] = []
    if request.method == "GET":
        form = form_class(instance=part, prefix=prefix, initial={"version": case.version})
    else:
        form = form_class(request.POST, prefix=prefix)  # unbound to `part`: the service sees the saved values
        if form.is_valid():
            try:
                data = values(form) if values else form.service_kwargs()
                write(expected_version=form.cleaned_data.get("version"), **data)
            except DomainError as exc:
                if exc.code != CaseErrorCode.STALE:
                    apply_error(form, exc)
                else:
                    # Keep what the user typed, show what is saved now; saving again deliberately overwrites it.
                    case = case_or_404(request, case.pk, "change")
                    part = reload(case)
                    data = request.POST.copy()
                    data[f"{prefix}-version"] = str(case.version)
                    form = form_class(data, prefix=prefix)
                    form.is_valid()
                    form.add_error(None, str(exc.message))
                    conflicts = part_conflicts(form, part)
            except ValidationError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, done)
                return redirect(edit_url(case, anchor))
    context = {
        "case": case,
        "form": form,
        "conflicts": conflicts,
        "title": title,
        "part": part,
        "remove_url": remove_url,
        "back_url": edit_url(case, anchor),
    }
    return render(request, "cases/part_edit.html", context)
