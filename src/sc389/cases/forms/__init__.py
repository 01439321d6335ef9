"""Forms of the case pages: they validate input only; every write goes through cases.services."""

from .actions import CloseForm, MergeForm, ShareForm
from .case import CASE_FIELD_LABELS, CaseForm
from .common import (
    DATE_INPUT_FORMATS,
    DateInput,
    apply_error,
    date_field,
    localize_dates,
    parse_day,
    recordable_units,
    unit_choices,
)
from .filters import CaseFilterForm
from .outcomes import (
    OUTCOME_EDIT_FORMS,
    OUTCOME_FORMS,
    OUTCOME_TITLES,
    PenaltyForm,
    ProsecutionForm,
    RemittanceForm,
    TransferForm,
    outcome_values,
)
from .parts import (
    GOODS_LABELS,
    PARTY_LABELS,
    AttachmentForm,
    GoodsLineEditForm,
    GoodsLineForm,
    PartyEditForm,
    PartyForm,
)
from .places import PLACE_RESULTS, PlaceFormMixin, place_fields, place_label, place_matches, resolve_place

__all__ = [
    "CASE_FIELD_LABELS",
    "DATE_INPUT_FORMATS",
    "GOODS_LABELS",
    "OUTCOME_EDIT_FORMS",
    "OUTCOME_FORMS",
    "OUTCOME_TITLES",
    "PARTY_LABELS",
    "PLACE_RESULTS",
    "AttachmentForm",
    "CaseFilterForm",
    "CaseForm",
    "CloseForm",
    "DateInput",
    "GoodsLineEditForm",
    "GoodsLineForm",
    "MergeForm",
    "PartyEditForm",
    "PartyForm",
    "PenaltyForm",
    "PlaceFormMixin",
    "ProsecutionForm",
    "RemittanceForm",
    "ShareForm",
    "TransferForm",
    "apply_error",
    "date_field",
    "localize_dates",
    "outcome_values",
    "parse_day",
    "place_fields",
    "place_label",
    "place_matches",
    "recordable_units",
    "resolve_place",
    "unit_choices",
]
