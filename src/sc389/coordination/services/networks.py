from django.db import transaction

from sc389.cases.models import Case
from sc389.core import access, audit
from sc389.core.text import nfc

from ..errors import CoordinationErrorCode, error
from ..models import CaseNetwork, CaseNetworkMember


def _ensure_visible(actor, cases: list[Case]) -> None:
    visible = set(
        access.scope(Case.objects.filter(pk__in=[c.pk for c in cases]), user=actor).values_list(
            "pk", flat=True
        )
    )
    if not cases or any(c.pk not in visible for c in cases):
        raise error(CoordinationErrorCode.BAD_CASE, field="cases")


@transaction.atomic
def case_network_create(*, actor, name: str, description: str = "", cases: list[Case]) -> CaseNetwork:
    """Link cases (of different provinces) as one network; the actor links only cases they may see."""
    _ensure_visible(actor, cases)
    if not nfc(name):
        raise error(CoordinationErrorCode.EMPTY, field="name")
    network = CaseNetwork(name=nfc(name), description=description.strip(), created_by=actor)
    network.full_clean()
    network.save()
    for case in cases:
        CaseNetworkMember.objects.get_or_create(network=network, case=case, defaults={"added_by": actor})
    audit.record(
        actor=actor,
        verb="case_network.created",
        target=network,
        changes=audit.diff({}, audit.snapshot(network, ["name", "description"])),
        data={"cases": [c.pk for c in cases]},
    )
    return network


@transaction.atomic
def case_network_add_case(*, actor, network: CaseNetwork, case: Case) -> CaseNetworkMember:
    """Add a case the actor may see to a network the actor may see."""
    if not access.can(actor, network):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    _ensure_visible(actor, [case])
    member, created = CaseNetworkMember.objects.get_or_create(
        network=network, case=case, defaults={"added_by": actor}
    )
    if created:
        audit.record(actor=actor, verb="case_network.case_added", target=network, data={"case": case.pk})
    return member
