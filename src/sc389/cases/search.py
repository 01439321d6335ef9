"""The folded text a case is found by: reference, places, units, goods, parties, narrative."""

from collections.abc import Iterable

from sc389.core.text import fold_words

from .models import Case, GoodsLine, Party


def case_search_text(
    case: Case, *, parties: Iterable[Party] | None = None, goods: Iterable[GoodsLine] | None = None
) -> str:
    """`parties` and `goods`, when given, stand for the case's own (a bulk import passes them before saving)."""
    parts = [
        case.reference,
        case.external_ref,
        case.place.name if case.place_id else "",
        case.province.name if case.province_id else "",
        case.place_text,
        case.lead_unit.name if case.lead_unit_id else "",
        case.channel_shop,
        case.narrative[:2000],
    ]
    if parties is None and case.pk:
        parties = case.parties.all()
    if goods is None and case.pk:
        goods = case.goods.all()
    for party in parties or ():
        parts += [party.name, party.id_number, party.tax_code, party.plate, party.phone, party.account]
    parts += [g.description for g in goods or ()]
    return " ".join(fold_words(p) for p in parts if p)
