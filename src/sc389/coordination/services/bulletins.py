from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from sc389.cases.models import Case
from sc389.core import access, audit
from sc389.core.text import fold_words, nfc
from sc389.notifications.services import notify
from sc389.org.models import Unit

from .. import rules
from ..choices import BulletinStatus, EntityKind, Sensitivity
from ..errors import CoordinationErrorCode, error
from ..models import Bulletin, BulletinCase, BulletinEntity, BulletinReach, Distribution, Receipt


@transaction.atomic
def bulletin_publish(
    *,
    actor,
    author_unit: Unit,
    title: str,
    body: str,
    sensitivity: str = Sensitivity.NORMAL,
    distributions: list[dict],
    cases: list[Case] | None = None,
    entities: list[tuple[str, str]] | None = None,
) -> Bulletin:
    """Publish a warning or intelligence note for `author_unit` to several distributions at once.

    `distributions`: dicts with `kind` and, for named provinces, `province`, for groups, `group`. The reach
    (units, committees) is fixed now; the readers are notified (restricted bulletins: leaders and admins only).
    """
    if not rules.may_act_for_unit(actor, author_unit.pk):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if not distributions:
        raise error(CoordinationErrorCode.NO_DISTRIBUTION, field="distributions")
    if not nfc(title) or not body.strip():
        raise error(CoordinationErrorCode.EMPTY, field="title" if not nfc(title) else "body")
    cases = cases or []
    visible = set(
        access.scope(Case.objects.filter(pk__in=[c.pk for c in cases]), user=actor).values_list(
            "pk", flat=True
        )
    )
    if any(c.pk not in visible for c in cases):
        raise error(CoordinationErrorCode.BAD_CASE, field="cases")
    unit_ids, committee_ids = rules.expand(author_unit=author_unit, distributions=distributions, actor=actor)
    bulletin = Bulletin(
        author_unit=author_unit,
        author=actor,
        title=nfc(title),
        body=body.strip(),
        sensitivity=Sensitivity(sensitivity),
    )
    entities = [(EntityKind(kind), nfc(label)) for kind, label in entities or [] if nfc(label)]
    bulletin.search_folded = fold_words(
        " ".join([bulletin.title, bulletin.body, *(label for _k, label in entities)])
    )
    bulletin.full_clean(exclude=["search_folded"])
    bulletin.save()
    for d in distributions:
        row = Distribution(
            bulletin=bulletin, kind=d["kind"], province=d.get("province"), group=d.get("group")
        )
        row.full_clean()
        row.save()
    BulletinReach.objects.bulk_create(
        [BulletinReach(bulletin=bulletin, unit_id=pk) for pk in sorted(unit_ids)]
        + [BulletinReach(bulletin=bulletin, committee_id=pk) for pk in sorted(committee_ids)]
    )
    BulletinCase.objects.bulk_create([BulletinCase(bulletin=bulletin, case=c) for c in cases])
    BulletinEntity.objects.bulk_create(
        [BulletinEntity(bulletin=bulletin, kind=k, label=v) for k, v in entities]
    )
    audit.record(
        actor=actor,
        verb="bulletin.published",
        target=bulletin,
        changes=audit.diff({}, audit.snapshot(bulletin, ["author_unit_id", "title", "body", "sensitivity"])),
        data={
            "distributions": [
                {"kind": d["kind"], "province": d.get("province"), "group": d.get("group")}
                for d in distributions
            ],
            "units": sorted(unit_ids),
            "committees": sorted(committee_ids),
            "cases": [c.pk for c in cases],
            "entities": [[k, v] for k, v in entities],
        },
    )
    readers = rules.users_reached(
        unit_ids=unit_ids, committee_ids=committee_ids, sensitivity=bulletin.sensitivity
    )
    restricted = bulletin.sensitivity == Sensitivity.RESTRICTED
    params, labels = _notice_name(bulletin)
    notify(
        readers.exclude(pk=actor.pk),
        kind="bulletin.published",
        title=gettext_noop("Bản tin hạn chế mới từ %(unit)s")
        if restricted
        else gettext_noop("Bản tin mới từ %(unit)s: %(title)s"),
        params={"unit": str(bulletin.author_unit), **params},
        labels=labels,
        # Only a normal bulletin's text travels by e-mail; internal and restricted ones are read in SC389.
        body_text=bulletin.body[:500] if bulletin.sensitivity == Sensitivity.NORMAL else "",
        link=reverse("coordination:bulletin_detail", args=[bulletin.pk]),
        actor=actor,
    )
    return bulletin


def _receipt(bulletin: Bulletin, actor) -> tuple[Receipt, dict]:
    receipt, _created = Receipt.objects.select_for_update().get_or_create(bulletin=bulletin, user=actor)
    return receipt, audit.snapshot(receipt, ["read_at", "acknowledged_at", "action_taken"])


@transaction.atomic
def bulletin_read(*, bulletin: Bulletin, actor) -> Receipt | None:
    """A recipient opened the bulletin (the first time is kept); the author's side leaves no trace."""
    if rules.is_author_side(actor, bulletin):
        return None
    receipt, before = _receipt(bulletin, actor)
    if receipt.read_at is None:
        receipt.read_at = timezone.now()
        receipt.save(update_fields=["read_at"])
        audit.record(actor=actor, verb="bulletin.read", target=bulletin, data={"receipt": receipt.pk})
    return receipt


@transaction.atomic
def bulletin_acknowledge(*, bulletin: Bulletin, actor) -> Receipt:
    """A recipient confirms they received the bulletin (xác nhận đã nhận)."""
    if rules.is_author_side(actor, bulletin):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if bulletin.is_withdrawn():
        raise error(CoordinationErrorCode.WITHDRAWN)
    receipt, before = _receipt(bulletin, actor)
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.acknowledged_at = receipt.acknowledged_at or now
    receipt.save()
    audit.record(
        actor=actor,
        verb="bulletin.acknowledged",
        target=bulletin,
        changes=audit.diff(before, audit.snapshot(receipt, ["read_at", "acknowledged_at", "action_taken"])),
    )
    return receipt


@transaction.atomic
def bulletin_report_action(*, bulletin: Bulletin, actor, action_taken: str) -> Receipt:
    """A recipient reports what they did on the bulletin (which acknowledges it too); the author is told."""
    if rules.is_author_side(actor, bulletin):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if bulletin.is_withdrawn():
        raise error(CoordinationErrorCode.WITHDRAWN)
    text = action_taken.strip()
    if not text:
        raise error(CoordinationErrorCode.EMPTY, field="action_taken")
    receipt, before = _receipt(bulletin, actor)
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.acknowledged_at = receipt.acknowledged_at or now
    receipt.action_taken = text
    receipt.action_at = now
    receipt.save()
    audit.record(
        actor=actor,
        verb="bulletin.action_reported",
        target=bulletin,
        changes=audit.diff(before, audit.snapshot(receipt, ["read_at", "acknowledged_at", "action_taken"])),
    )
    notify(
        [bulletin.author],
        kind="bulletin.action_reported",
        title=gettext_noop("%(user)s đã báo cáo kết quả xử lý bản tin"),
        params={"user": actor.get_full_name() or actor.get_username()},
        link=reverse("coordination:bulletin_detail", args=[bulletin.pk]),
        actor=actor,
    )
    return receipt


EDITED = ["title", "body", "version", "status", "withdrawn_reason"]


def _locked_for_edit(bulletin: Bulletin, actor) -> tuple[Bulletin, dict]:
    locked = Bulletin.objects.select_for_update().select_related("author_unit").get(pk=bulletin.pk)
    if not rules.may_edit_bulletin(actor, locked):
        raise error(CoordinationErrorCode.NOT_ALLOWED, status=403)
    if locked.is_withdrawn():
        raise error(CoordinationErrorCode.WITHDRAWN)
    return locked, audit.snapshot(locked, EDITED)


def _recipients(bulletin: Bulletin, actor):
    """Who received it, as fixed at publication (a later change of a group or a committee changes nothing)."""
    reach = list(bulletin.reach.values_list("unit_id", "committee_id"))
    return rules.users_reached(
        unit_ids={u for u, _c in reach if u},
        committee_ids={c for _u, c in reach if c},
        sensitivity=bulletin.sensitivity,
    ).exclude(pk=actor.pk)


@transaction.atomic
def bulletin_update(
    *, bulletin: Bulletin, actor, title: str, body: str, entities: list[tuple[str, str]] | None = None
) -> Bulletin:
    """Correct a bulletin (đính chính): a new version for the same recipients, who are told of the correction.

    The distribution and the marking stay as published: who received it cannot be undone by an edit.
    `entities` None keeps the named entities; a list replaces them.
    """
    bulletin, before = _locked_for_edit(bulletin, actor)
    if not nfc(title) or not body.strip():
        raise error(CoordinationErrorCode.EMPTY, field="title" if not nfc(title) else "body")
    old_entities = [[e.kind, e.label] for e in bulletin.entities.all()]
    if entities is not None:
        kept = [(EntityKind(kind), nfc(label)) for kind, label in entities if nfc(label)]
        bulletin.entities.all().delete()
        BulletinEntity.objects.bulk_create(
            [BulletinEntity(bulletin=bulletin, kind=k, label=v) for k, v in kept]
        )
    labels = list(bulletin.entities.values_list("label", flat=True))
    bulletin.title, bulletin.body = nfc(title), body.strip()
    bulletin.version += 1
    bulletin.edited_at = timezone.now()
    bulletin.search_folded = fold_words(" ".join([bulletin.title, bulletin.body, *labels]))
    bulletin.full_clean(exclude=["search_folded"])
    bulletin.save()
    audit.record(
        actor=actor,
        verb="bulletin.corrected",
        target=bulletin,
        changes=audit.diff(before, audit.snapshot(bulletin, EDITED)),
        data={"entities": [old_entities, [[e.kind, e.label] for e in bulletin.entities.all()]]},
    )
    params, labels = _notice_name(bulletin)
    notify(
        _recipients(bulletin, actor),
        kind="bulletin.corrected",
        title=gettext_noop("%(unit)s đính chính bản tin (lần %(version)s): %(title)s"),
        params={"unit": str(bulletin.author_unit), "version": bulletin.version, **params},
        labels=labels,
        body_text=bulletin.body[:500] if bulletin.sensitivity == Sensitivity.NORMAL else "",
        link=reverse("coordination:bulletin_detail", args=[bulletin.pk]),
        actor=actor,
    )
    return bulletin


@transaction.atomic
def bulletin_withdraw(*, bulletin: Bulletin, actor, reason: str) -> Bulletin:
    """Withdraw a bulletin (thu hồi) with a reason: recipients still see it, marked withdrawn, and it no longer
    awaits their acknowledgement."""
    bulletin, before = _locked_for_edit(bulletin, actor)
    reason = nfc(reason)
    if not reason:
        raise error(CoordinationErrorCode.EMPTY, field="reason")
    bulletin.status = BulletinStatus.WITHDRAWN
    bulletin.withdrawn_at = timezone.now()
    bulletin.withdrawn_reason = reason[:255]
    bulletin.full_clean(exclude=["search_folded"])
    bulletin.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    audit.record(
        actor=actor,
        verb="bulletin.withdrawn",
        target=bulletin,
        changes=audit.diff(before, audit.snapshot(bulletin, EDITED)),
    )
    params, labels = _notice_name(bulletin)
    notify(
        _recipients(bulletin, actor),
        kind="bulletin.withdrawn",
        title=gettext_noop("%(unit)s thu hồi bản tin: %(title)s"),
        body=gettext_noop("Lý do: %(reason)s"),
        params={"unit": str(bulletin.author_unit), "reason": reason, **params},
        labels=labels,
        link=reverse("coordination:bulletin_detail", args=[bulletin.pk]),
        actor=actor,
    )
    return bulletin


def _notice_name(bulletin: Bulletin) -> tuple[dict, dict]:
    """How a notice names the bulletin, as `title`: (params, labels) for notify().

    A restricted bulletin's title never travels in a notice (nor by e-mail): a label in the reader's language
    stands for it.
    """
    if bulletin.sensitivity == Sensitivity.RESTRICTED:
        return {}, {"title": gettext_noop("bản tin hạn chế")}
    return {"title": bulletin.title}, {}
