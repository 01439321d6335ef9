"""Force units renamed or merged: a merged unit's row takes its predecessors' figures in the periods before it
existed, so it compares with their sum; a unit that has ended keeps its own row for the periods it lived in.

A rename keeps the unit (its code and id), so its figures follow it and its row shows today's name. A unit that
ended (valid_to) before a computed period starts, with exactly one successor chain, reports under the successor
valid then; a unit split into several successors keeps its own row (its figures cannot be apportioned).
"""

from sc389.org.models import Unit

from .periods import Period


def unit_key_map(keys, period: Period) -> dict[str, str]:
    """{code of an ended unit: code of the unit that carries its figures in `period`'s report}."""
    ended = {
        u.code: u
        for u in Unit.objects.filter(
            code__in=[k for k in keys if k], valid_to__lt=period.start
        ).prefetch_related("successors")
    }
    out = {}
    for code, unit in ended.items():
        current, seen = unit, {unit.pk}
        while current.valid_to is not None and current.valid_to < period.start:
            successors = list(current.successors.all())
            if len(successors) != 1 or successors[0].pk in seen:
                break
            current = successors[0]
            seen.add(current.pk)
        if current.pk != unit.pk and (current.valid_to is None or current.valid_to >= period.start):
            out[code] = current.code
    return out


def remap_units(groups_by_code: dict[str, dict], period: Period) -> dict[str, dict]:
    """compute()'s {indicator: {unit code: value}} with ended units' figures moved to their successor."""
    keys = {k for groups in groups_by_code.values() for k in groups}
    mapping = unit_key_map(keys, period)
    if not mapping:
        return groups_by_code
    out = {}
    for code, groups in groups_by_code.items():
        merged: dict = {}
        for key, value in groups.items():
            target = mapping.get(key, key)
            merged[target] = merged.get(target, 0) + value
        out[code] = merged
    return out
