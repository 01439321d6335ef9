"""Load XML documents into the store: parse, check, skip duplicates, insert whole files or nothing of them."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import store
from .parse import ParseError, parse_document
from .records import Invoice, Notice
from .sources import Document, documents
from .validate import invoice_problems, notice_problems

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
BATCH = 500  # files per DuckDB transaction: one commit per file would cost more than the parsing


@dataclass
class FileResult:
    name: str
    sha256: str
    size: int
    outcome: str
    invoices: int = 0
    notices: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Checked:
    result: FileResult
    raw: bytes
    invoices: list[Invoice]
    notices: list[Notice]


def check(doc: Document) -> tuple[FileResult, _Checked | None]:
    """Parse and check one document; a result with reasons when it is refused."""
    if doc.data is None:
        return FileResult(doc.name, "", 0, REJECTED, reasons=[doc.refusal]), None
    sha = hashlib.sha256(doc.data).hexdigest()
    result = FileResult(doc.name, sha, len(doc.data), REJECTED)
    try:
        invoices, notices = parse_document(doc.data)
    except ParseError as exc:
        result.reasons = [str(exc)]
        return result, None
    for inv in invoices:
        label = f"{inv.series}-{inv.number}"
        result.reasons += [f"{label}: {p}" for p in invoice_problems(inv)]
    for notice in notices:
        result.reasons += notice_problems(notice)
    if result.reasons:
        return result, None
    result.invoices, result.notices = len(invoices), len(notices)
    return result, _Checked(result, doc.data, invoices, notices)


def import_path(
    path: Path, *, progress: Callable[[int], None] | None = None, con: duckdb.DuckDBPyConnection | None = None
) -> list[FileResult]:
    """Import every document under path; the results in reading order, one per document."""
    own = con is None
    con = con or store.connect()
    results: list[FileResult] = []
    seen_files: set[str] = set()
    seen_invoices: set[str] = set()
    try:
        batch: list[Document] = []
        for doc in documents(path):
            batch.append(doc)
            if len(batch) >= BATCH:
                results += _batch(con, batch, seen_files, seen_invoices)
                batch = []
                if progress:
                    progress(len(results))
        results += _batch(con, batch, seen_files, seen_invoices)
    finally:
        if own:
            con.close()
    return results


def _batch(con, docs: Iterable[Document], seen_files: set[str], seen_invoices: set[str]) -> list[FileResult]:
    docs = list(docs)
    hashes = [hashlib.sha256(d.data).hexdigest() if d.data is not None else "" for d in docs]
    known = store.known_files(con, [h for h in hashes if h])
    checked = []
    for doc, sha in zip(docs, hashes, strict=True):
        if sha and (sha in known or sha in seen_files):  # a file already loaded is not parsed again
            checked.append((FileResult(doc.name, sha, len(doc.data), DUPLICATE), None))
        else:
            checked.append(check(doc))
    keys = [store.key_of(inv) for _r, c in checked if c for inv in c.invoices]
    taken = store.known_invoices(con, keys)
    good: list[_Checked] = []
    for result, c in checked:
        if c is None:
            continue
        if result.sha256 in seen_files:  # the same bytes twice in this batch
            result.outcome, result.invoices, result.notices = DUPLICATE, 0, 0
            continue
        clash = [store.key_of(i) for i in c.invoices if store.key_of(i) in taken | seen_invoices]
        ids = [store.key_of(i) for i in c.invoices]
        if clash or len(set(ids)) < len(ids):
            result.outcome = REJECTED
            result.reasons = [f"hóa đơn {k} đã được nhập từ một tệp khác" for k in clash] or [
                "tệp có hai hóa đơn trùng số"
            ]
            result.invoices = result.notices = 0
            continue
        seen_files.add(result.sha256)
        seen_invoices.update(ids)
        good.append(c)
    if good:
        _insert(con, good)
    return [r for r, _c in checked]


def _insert(con, good: list[_Checked]) -> None:
    rows = [(c.result.sha256, c.result.name, c.raw, c.invoices, c.notices) for c in good]
    try:
        con.begin()
        store.insert(con, rows)
        con.commit()
    except duckdb.Error:
        con.rollback()
        for c, row in zip(good, rows, strict=True):  # one by one: only the file at fault is refused
            try:
                con.begin()
                store.insert(con, [row])
                con.commit()
            except duckdb.Error as exc:
                con.rollback()
                c.result.outcome = REJECTED
                c.result.reasons = [f"lỗi ghi vào kho hóa đơn: {exc}"]
                c.result.invoices = c.result.notices = 0
                continue
            c.result.outcome = ACCEPTED
        return
    for c in good:
        c.result.outcome = ACCEPTED
