"""Which unit a tip should go to: the suggestion the standing office starts from (and may override).

Competence by category is the forces' statutory fields: smuggling across the border goes first to the border
guard and customs, counterfeit goods to market surveillance, trade and tax fraud to market surveillance and tax.
Among units of a competent force, one whose area holds the tip's commune beats one holding only its province,
and a unit covering fewer provinces (a local team) beats a regional one.
"""

from dataclasses import dataclass

from sc389.org.models import Unit

from .models import Tip

FORCES_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "smuggling": ("border_guard", "customs", "coast_guard", "police", "market_surveillance"),
    "counterfeit_ip": ("market_surveillance", "police", "customs"),
    "trade_fraud": ("market_surveillance", "tax", "police", "customs"),
    "other": ("market_surveillance", "police"),
}


@dataclass(frozen=True)
class Candidate:
    """What ranking needs to know of a unit, so it can be tested without a database."""

    unit_id: int
    force: str
    covers_commune: bool
    provinces_covered: int
    name: str


def rank(candidates: list[Candidate], category: str) -> list[Candidate]:
    """Competent candidates, best first; units of forces not competent for the category are left out."""
    forces = FORCES_BY_CATEGORY.get(category, FORCES_BY_CATEGORY["other"])
    competent = [c for c in candidates if c.force in forces]
    return sorted(
        competent,
        key=lambda c: (forces.index(c.force), not c.covers_commune, c.provinces_covered, c.name, c.unit_id),
    )


def candidates_for(tip: Tip) -> list[Candidate]:
    """Today's units whose area holds the tip's province or commune."""
    area_ids = [tip.province_id] + ([tip.commune_id] if tip.commune_id else [])
    units = (
        Unit.objects.filter(valid_to__isnull=True, area__in=area_ids)
        .distinct()
        .select_related("force")
        .prefetch_related("area")
    )
    out = []
    for unit in units:
        areas = list(unit.area.all())
        out.append(
            Candidate(
                unit_id=unit.pk,
                force=unit.force.code,
                covers_commune=tip.commune_id is not None and any(a.pk == tip.commune_id for a in areas),
                provinces_covered=sum(1 for a in areas if a.level == "province") or 1,
                name=unit.name,
            )
        )
    return out


def suggestions(tip: Tip, *, limit: int = 5) -> list[Unit]:
    """The best units for `tip`, best first."""
    ranked = rank(candidates_for(tip), tip.category)[:limit]
    by_id = Unit.objects.in_bulk([c.unit_id for c in ranked])
    return [by_id[c.unit_id] for c in ranked]
