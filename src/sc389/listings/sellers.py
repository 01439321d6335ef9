"""What is known about sellers outside the listings: the invoice store (registered companies, invoice parties,
input invoices, declared imports) and the entity registry (parties of cases).

Everything is read once per scoring run for the sellers at hand, so scoring a file costs a few queries.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sc389.core.text import fold, fold_words
from sc389.entities.choices import EntityKind
from sc389.entities.models import Entity
from sc389.invoices import store


@dataclass
class SellerFacts:
    registered_codes: set[str] = field(default_factory=set)
    registered_names: dict[str, str] = field(default_factory=dict)  # folded name -> tax code
    # tax code -> [(folded goods text, quantity)] of input invoice lines and declared imports / opening stock
    inputs: dict[str, list[tuple[str, Decimal, str]]] = field(default_factory=lambda: defaultdict(list))
    entities: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # key -> (entity id, cases, name)

    def input_quantity(self, tax_code: str, brand_folded: str) -> tuple[Decimal, Decimal]:
        """(invoiced purchases, declared imports and opening stock) of goods whose name holds the brand."""
        words = f" {brand_folded} "
        invoiced = declared = Decimal(0)
        for text, qty, kind in self.inputs.get(tax_code, ()):
            if words in f" {text} ":
                if kind == "invoice":
                    invoiced += qty
                else:
                    declared += qty
        return invoiced, declared


def _tables(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def facts(*, tax_codes: Iterable[str], seller_ids: Iterable[str], names: Iterable[str]) -> SellerFacts:
    out = SellerFacts()
    codes = sorted({c for c in tax_codes if c})
    folded_names = {fold_words(n) for n in names if n}
    path = store.store_dir() / "invoices.duckdb"
    if path.exists():
        con = store.connect(read_only=True)
        try:
            _from_store(con, out, codes, folded_names)
        finally:
            con.close()
    keys = set(codes) | {s for s in seller_ids if s}
    # entities from cases only: one a detector made (a sighting, no case yet) is no evidence for another detector
    in_cases = Entity.objects.filter(case_count__gt=0)
    rows = in_cases.filter(identifier__in=keys).values_list("pk", "identifier", "case_count", "name")
    for pk, identifier, cases, name in rows:
        out.entities[identifier] = (pk, cases, name)
    entity_names = {fold(n) for n in names if n}
    shops = in_cases.filter(kind=EntityKind.ONLINE_SHOP, name_folded__in=entity_names).values_list(
        "pk", "name_folded", "case_count", "name"
    )
    for pk, name_folded, cases, name in shops:
        out.entities.setdefault(f"name:{name_folded}", (pk, cases, name))
    companies = in_cases.filter(kind=EntityKind.COMPANY, identifier__in=codes).values_list(
        "identifier", flat=True
    )
    out.registered_codes |= set(companies)
    return out


def _from_store(con, out: SellerFacts, codes: list[str], folded_names: set[str]) -> None:
    tables = _tables(con)
    if "companies" in tables:
        for code, name in con.execute("SELECT tax_code, name FROM companies").fetchall():
            if code in codes:
                out.registered_codes.add(code)
            folded = fold_words(name)
            if folded in folded_names:
                out.registered_names[folded] = code
    if not codes:
        return
    # a seller or buyer of an effective invoice is a registered business the tax authority knows
    known = con.execute(
        "SELECT DISTINCT seller_tax_code FROM effective_invoices WHERE seller_tax_code IN (SELECT unnest($1)) "
        "UNION SELECT DISTINCT buyer_tax_code FROM effective_invoices WHERE buyer_tax_code IN (SELECT unnest($1))",
        [codes],
    ).fetchall()
    out.registered_codes |= {r[0] for r in known}
    lines = con.execute(
        "SELECT buyer_tax_code, coalesce(name, '') || ' ' || coalesce(code, ''), quantity FROM effective_lines "
        "WHERE kind = 1 AND buyer_tax_code IN (SELECT unnest(?))",
        [codes],
    ).fetchall()
    for code, text, qty in lines:
        out.inputs[code].append((fold_words(text), qty, "invoice"))
    if "declared_stock" in tables:
        names = (
            dict(con.execute("SELECT code, name FROM commodities").fetchall())
            if "commodities" in tables
            else {}
        )
        declared = con.execute(
            "SELECT tax_code, commodity, quantity FROM declared_stock WHERE tax_code IN (SELECT unnest(?))",
            [codes],
        ).fetchall()
        for code, commodity, qty in declared:
            out.inputs[code].append((fold_words(f"{names.get(commodity, '')} {commodity}"), qty, "declared"))
