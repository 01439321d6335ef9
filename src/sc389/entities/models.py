"""The entity registry: persons, companies, vehicles, online shops and phones met in cases.

An Entity is one real-world thing; each of its Appearances is one party of one case (cases.Party), with the role
it had there and the case's province; each of its Sightings is one detector's finding outside any case (a tax
code flagged from invoices, a flagged online shop). Entities carry no scope of their own: a user sees an entity
through the appearances whose cases they may see and the sightings of their area (selectors.py), and only those.
"""

from django.conf import settings
from django.db import models

from sc389.cases.models import Case, Party
from sc389.core.access import ScopeSpec
from sc389.org.models import AdministrativeUnit

from .choices import EntityKind, JudgementStatus, LinkReason, SightingSource


class Entity(models.Model):
    """One person, company, vehicle, online shop or phone, resolved from the parties of cases."""

    kind = models.CharField(max_length=16, choices=EntityKind.choices)
    name = models.CharField(max_length=200, blank=True)  # as most often recorded (NFC)
    name_folded = models.CharField(max_length=200, blank=True, db_index=True)
    identifier = models.CharField(
        max_length=64, blank=True, db_index=True
    )  # CCCD, tax code, plate, phone, account
    date_of_birth = models.DateField(null=True, blank=True)
    province_count = models.PositiveIntegerField(default=0)
    case_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-case_count", "id"]
        verbose_name_plural = "entities"
        indexes = [models.Index(fields=["kind", "name_folded"], name="entity_kind_name_idx")]

    def __str__(self) -> str:
        return self.name or self.identifier or f"#{self.pk}"


class Appearance(models.Model):
    """One party of one case, as part of an entity."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="appearances")
    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="entity_appearance")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(AdministrativeUnit, null=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16)
    reason = models.CharField(max_length=16, choices=LinkReason.choices, default=LinkReason.ALONE)
    fingerprint = models.CharField(max_length=64)  # the party's matched fields: a change re-resolves it

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["entity", "case"], name="appearance_entity_case_idx")]

    def __str__(self) -> str:
        return f"{self.entity_id}@{self.case_id}"


class Sighting(models.Model):
    """A detector's finding about an entity, outside any case: an invoice lead's tax code, a flagged shop.

    Written by the app that owns the finding (sightings.sightings_sync), replaced at each of its runs; `key` is the
    exact identifier it was matched on ("tax:<digits>", "shop:<platform>:<seller id>", folded), so a case party
    with the same identifier later joins the same entity. Seen like the finding itself: analysts of the province
    (the company's or the shop's), national analysts everywhere."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="sightings")
    source = models.CharField(max_length=16, choices=SightingSource.choices)
    source_id = models.PositiveBigIntegerField()  # the lead's or the shop's id in its app
    detector = models.CharField(max_length=32)
    # the detector's name as a msgid, translated when shown
    label = models.CharField(max_length=200, blank=True)
    key = models.CharField(max_length=300, db_index=True)
    # the tax code or the platform's seller id, as the detector gave it
    identifier = models.CharField(max_length=128)
    platform = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, blank=True)
    province = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)  # the detector's own words, for an officer to check
    seen_at = models.DateTimeField()

    scope_spec = ScopeSpec(province="province")

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="entities_sighting_once_per_finding")
        ]

    def __str__(self) -> str:
        return f"{self.entity_id}: {self.source}/{self.detector} {self.identifier}"


class Judgement(models.Model):
    """An analyst's decision on a pair of person parties the model was unsure of; kept across re-runs.

    A confirmed pair is always in one entity; a rejected pair never is (not even through a third record)."""

    party_a = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    party_b = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    status = models.CharField(max_length=16, choices=JudgementStatus.choices, default=JudgementStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [
            models.UniqueConstraint(fields=["party_a", "party_b"], name="judgement_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(party_a__lt=models.F("party_b")), name="judgement_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_a_id}~{self.party_b_id} {self.status}"


class EntityAlert(models.Model):
    """An entity seen in cases of two provinces or more, raised once per set of provinces."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="alerts")
    provinces = models.JSONField()  # sorted AdministrativeUnit ids
    units = models.JSONField()  # lead units of the cases involved, alerted
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.entity_id}: {self.provinces}"
