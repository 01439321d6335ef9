"""From case parties to entities, as plain functions (no database): keys, exact links, and the grouping that
honours analysts' judgements.

Order of evidence: an analyst's confirmation, then exact links on validated identifiers (CCCD, tax code, plate,
phone, shop address), then the model's matches from the most to the least probable. A rejected pair is a
cannot-link constraint: no union may put its two parties in one group, whatever path would join them.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sc389.core.text import fold

from .choices import EntityKind, LinkReason

PARTY_KIND_TO_ENTITY = {
    "person": EntityKind.PERSON,
    "company": EntityKind.COMPANY,
    "household": EntityKind.COMPANY,
    "vehicle": EntityKind.VEHICLE,
    "online_account": EntityKind.ONLINE_SHOP,
    "phone": EntityKind.PHONE,
}
MATCHED_FIELDS = (
    "kind", "name", "date_of_birth", "sex", "id_number", "tax_code", "plate", "phone", "platform", "account",
    "url", "address",
)  # fmt: skip
STRENGTH = {LinkReason.ALONE: 0, LinkReason.MODEL: 1, LinkReason.IDENTIFIER: 2, LinkReason.ANALYST: 3}


def fingerprint(row: dict) -> str:
    """A digest of the fields resolution reads: an unchanged party needs no new resolution."""
    text = "\x1f".join(str(row.get(name) or "") for name in MATCHED_FIELDS)
    return hashlib.sha256(text.encode()).hexdigest()


def _shop_key(row: dict) -> str:
    url = (row.get("url") or "").strip().lower()
    if url:
        return "url:" + re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return "shop:" + fold(row.get("platform")) + ":" + fold(row.get("account"))


def exact_keys(row: dict) -> list[str]:
    """The validated identifiers that make two parties of one kind the same entity (cases.identifiers checked
    and normalised them on entry)."""
    kind = PARTY_KIND_TO_ENTITY.get(row["kind"])
    if kind == EntityKind.PERSON:
        keys = [f"cccd:{row['id_number']}"] if row.get("id_number") else []
        if row.get("tax_code") and row.get("tax_code_kind") == "personal_id":
            keys.append(f"cccd:{row['tax_code']}")
        return keys
    if kind == EntityKind.COMPANY:
        if row.get("tax_code"):
            return [f"tax:{row['tax_code']}"]
        return [f"name:{fold(row.get('name'))}"] if row.get("name") else []
    if kind == EntityKind.VEHICLE:
        return [f"plate:{row['plate']}"] if row.get("plate") else []
    if kind == EntityKind.ONLINE_SHOP:
        return [_shop_key(row)] if (row.get("url") or row.get("account")) else []
    if kind == EntityKind.PHONE:
        return [f"phone:{row['phone']}"] if row.get("phone") else []
    return []


def person_record(row: dict) -> dict[str, str]:
    """A person party in the resolver's input columns (resolution.prepare.INPUT_COLUMNS)."""
    dob = row.get("date_of_birth")
    return {
        "id": str(row["id"]),
        "full_name": row.get("name") or "",
        "dob": dob.isoformat() if dob else "",
        "sex": row.get("sex") or "",
        "cccd": row.get("id_number") or "",
        "phone": row.get("phone") or "",
        "address": row.get("address") or "",
        "tax_code": row.get("tax_code") or "",
        "plate": row.get("plate") or "",
    }


@dataclass
class Grouping:
    """Union-find over party ids with cannot-link pairs; remembers the strongest link of each party."""

    rejected: set[tuple[int, int]] = field(default_factory=set)
    parent: dict[int, int] = field(default_factory=dict)
    members: dict[int, set[int]] = field(default_factory=dict)
    reason: dict[int, str] = field(default_factory=dict)

    def add(self, pid: int) -> None:
        if pid not in self.parent:
            self.parent[pid] = pid
            self.members[pid] = {pid}
            self.reason[pid] = LinkReason.ALONE

    def find(self, pid: int) -> int:
        root = pid
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[pid] != root:
            self.parent[pid], pid = root, self.parent[pid]
        return root

    def _forbidden(self, a: set[int], b: set[int]) -> bool:
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        return any((min(x, y), max(x, y)) in self.rejected for x in small for y in large)

    def union(self, a: int, b: int, reason: str) -> bool:
        """Join the groups of a and b unless a rejected pair would end up inside; True if joined (or already)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self._forbidden(self.members[ra], self.members[rb]):
                return False
            if len(self.members[ra]) < len(self.members[rb]):
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.members[ra] |= self.members.pop(rb)
        for pid in (a, b):
            if STRENGTH[reason] > STRENGTH[self.reason[pid]]:
                self.reason[pid] = reason
        return True

    def groups(self) -> list[set[int]]:
        return [set(m) for m in self.members.values()]


def group_parties(
    rows: Iterable[dict],
    *,
    scored: Iterable[tuple[int, int, float]],
    confirmed: Iterable[tuple[int, int]],
    rejected: Iterable[tuple[int, int]],
    threshold: float,
) -> Grouping:
    """Parties (dicts with id, kind and identifiers) grouped into entities."""
    grouping = Grouping(rejected={(min(a, b), max(a, b)) for a, b in rejected})
    by_id = {}
    for row in rows:
        grouping.add(row["id"])
        by_id[row["id"]] = row
    for a, b in confirmed:
        if a in by_id and b in by_id:
            grouping.union(a, b, LinkReason.ANALYST)
    first_with_key: dict[tuple[str, str], int] = {}
    for pid, row in by_id.items():
        kind = PARTY_KIND_TO_ENTITY.get(row["kind"], "")
        for key in exact_keys(row):
            other = first_with_key.setdefault((kind, key), pid)
            if other != pid:
                grouping.union(other, pid, LinkReason.IDENTIFIER)
    for a, b, p in sorted(scored, key=lambda t: -t[2]):
        if p >= threshold and a in by_id and b in by_id:
            grouping.union(a, b, LinkReason.MODEL)
    return grouping
