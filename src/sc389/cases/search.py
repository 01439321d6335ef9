"""The folded text a case is found by: reference, places, units, goods, parties, narrative."""

from sc389.core.text import fold

from .models import Case


def case_search_text(case: Case) -> str:
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
    if case.pk:
        for party in case.parties.all():
            parts += [party.name, party.id_number, party.tax_code, party.plate, party.phone, party.account]
        parts += [g.description for g in case.goods.all()]
    return " ".join(fold(p) for p in parts if p)
