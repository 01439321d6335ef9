"""Run every detector over the store and keep its leads in the Django database (the pages' source)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation

from sc389.core import audit
from sc389.entities.choices import EntityKind, SightingSource
from sc389.entities.sightings import Found, sightings_sync

from . import detectors, engines, pipelines, store
from .legalised import Seizures, legalised, province_ids
from .models import Detector, InvoiceLead

EVIDENCE_LIMIT = 50
EVIDENCE = """
SELECT i.invoice_id, i.seller_tax_code, i.seller_name, i.buyer_tax_code, i.buyer_name, i.series, i.number,
       i.issued_on, i.total_before_tax, s.status,
       (SELECT string_agg(l.code || ' ' || CAST(l.quantity AS VARCHAR), ', ') FROM lines l
        WHERE l.invoice_id = i.invoice_id) AS goods
FROM invoices i JOIN invoice_status s USING (invoice_id)
WHERE i.invoice_id IN (SELECT unnest(?)) ORDER BY i.issued_on, i.invoice_id
"""


def run_all(
    con: detectors.Source, *, since: dt.date | None = None, seizures: Seizures | None = None
) -> list[detectors.Lead]:
    """The four detectors; legalised goods reuse the provenance and ghost leads rather than finding them again.
    `seizures`: the case register's (legalised.seizures_from_cases) unless given."""
    flagged = detectors.provenance(con) + detectors.ghost(con)
    leads = (
        flagged + legalised(con, since=since, flagged=flagged, seizures=seizures) + detectors.circular(con)
    )
    first_sales(con, [lead for lead in leads if not lead.invoices])
    return leads


def first_sales(con: detectors.Source, leads: list[detectors.Lead]) -> None:
    """The seller's own first sales are what provenance and ghost leads rest on: one query for all of them."""
    if not leads:
        return
    run = engines.runner(con)
    run.table("wanted", ["tax_code"], sorted({(lead.tax_code,) for lead in leads}))
    found: dict[str, list[str]] = {}
    for seller, invoice in run.rows(pipelines.FIRST_SALES.format(limit=EVIDENCE_LIMIT)):
        found.setdefault(seller, []).append(invoice)
    for lead in leads:
        lead.invoices = found.get(lead.tax_code, [])


def _evidence(con, ids: list[str]) -> list[dict]:
    out = []
    for row in con.execute(EVIDENCE, [ids[:EVIDENCE_LIMIT]]).fetchall():
        iid, seller, seller_name, buyer, buyer_name, series, number, day, amount, status, goods = row
        out.append(
            {
                "id": iid,
                "seller": seller,
                "seller_name": seller_name,
                "buyer": buyer,
                "buyer_name": buyer_name,
                "series": series,
                "number": number,
                "issued_on": day.isoformat(),
                "amount": int(amount),
                "status": status,
                "goods": goods or "",
            }
        )
    return out


@transaction.atomic
def invoice_leads_refresh(*, actor=None, since: dt.date | None = None) -> list[InvoiceLead]:
    """Replace the leads with a fresh run of the four detectors; one audit row per lead and one for the run."""
    con = store.connect()
    try:
        found = run_all(con, since=since)
        codes = sorted({lead.tax_code for lead in found})
        companies = (
            dict(
                con.execute(
                    "SELECT tax_code, province FROM companies WHERE tax_code IN (SELECT unnest(?))", [codes]
                ).fetchall()
            )
            if codes
            else {}
        )
        names = (
            dict(
                con.execute(
                    "SELECT seller_tax_code, any_value(seller_name) FROM invoices WHERE seller_tax_code IN "
                    "(SELECT unnest(?)) GROUP BY 1",
                    [codes],
                ).fetchall()
            )
            if codes
            else {}
        )
        provinces = province_ids({p for p in companies.values() if p})
        now = timezone.now()
        rows = [
            InvoiceLead(
                detector=lead.detector,
                tax_code=lead.tax_code,
                name=(names.get(lead.tax_code) or "")[:255],
                province_id=provinces.get(companies.get(lead.tax_code) or ""),
                score=round(lead.score, 4),
                reasons=lead.reasons,
                evidence=_evidence(con, lead.invoices),
                detected_at=now,
            )
            for lead in found
        ]
    finally:
        con.close()
    removed = InvoiceLead.objects.count()
    InvoiceLead.objects.all().delete()
    created = InvoiceLead.objects.bulk_create(rows, batch_size=500)
    audit.record_many(
        [
            audit.build(
                actor=actor,
                verb="invoices.lead_found",
                target=lead,
                data={"detector": lead.detector, "tax_code": lead.tax_code, "score": lead.score},
            )
            for lead in created
        ]
    )
    audit.record(
        actor=actor, verb="invoices.leads_refreshed", data={"removed": removed, "found": len(created)}
    )
    sightings_sync(source=SightingSource.INVOICE_LEAD, found=[_finding(x) for x in created], actor=actor)
    return created


def _finding(lead: InvoiceLead) -> Found:
    """A lead as the entity registry files it: a sighting of the company with that tax code."""
    with translation.override(None):
        label = str(Detector(lead.detector).label)  # the msgid: the registry translates it per reader
    return Found(
        source=SightingSource.INVOICE_LEAD,
        source_id=lead.pk,
        detector=lead.detector,
        label=label,
        kind=EntityKind.COMPANY,
        identifier=lead.tax_code,
        name=lead.name,
        province_id=lead.province_id,
        score=lead.score,
        reasons=tuple(str(r) for r in lead.reasons),
        seen_at=lead.detected_at,
    )
