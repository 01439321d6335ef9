"""Finding cases by words at a million rows.

The searchable text (`Case.search_folded`, `GoodsLine.description_folded`) holds folded words separated by spaces;
a query word matches a word it starts ("lang" finds "Lạng Sơn", "0912" finds a phone number). `word_prefix`
expresses that as LIKE, which is exact on every database; the indexes only make it fast:
- PostgreSQL: pg_trgm GIN indexes serve LIKE 'w%' and LIKE '% w%' directly.
- SQLite: an FTS5 word index on cases (migration cases.0003), kept by triggers; `fts_ids` narrows a query to the
  cases whose words start with every query word. Goods words are in the case's text too, so it serves the goods
  filter as well.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "cases_case_fts"


def word_prefix(field: str, word: str) -> Q:
    """`field` has a word starting with `word` (words separated by single spaces)."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


_INSERT_TRIGGER = (
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON cases_case BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_folded) VALUES (new.id, new.search_folded); END"
)


def index_words(rows: list[tuple[int, str]]) -> None:
    """Add (case id, search_folded) rows to the SQLite word index: for bulk writers inside word_index_deferred
    that index each block as they write it, from values they hold (no read back)."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, search_folded) VALUES (%s, %s)", rows)


def fts_statements() -> list[str]:
    """An external-content FTS5 word index on cases_case.search_folded and the triggers that keep it.

    detail='none' keeps only which rows hold a word (no positions): all a word-prefix AND query needs, and the
    cheapest to maintain on bulk imports.
    """
    t = FTS_TABLE
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {t} USING fts5(search_folded, content='cases_case', "
        "content_rowid='id', tokenize='unicode61', detail='none')",
        f"INSERT INTO {t}({t}) VALUES('rebuild')",
        _INSERT_TRIGGER,
        f"CREATE TRIGGER IF NOT EXISTS {t}_ad AFTER DELETE ON cases_case BEGIN "
        f"INSERT INTO {t}({t}, rowid, search_folded) VALUES('delete', old.id, old.search_folded); END",
        f"CREATE TRIGGER IF NOT EXISTS {t}_au AFTER UPDATE OF search_folded ON cases_case BEGIN "
        f"INSERT INTO {t}({t}, rowid, search_folded) VALUES('delete', old.id, old.search_folded); "
        f"INSERT INTO {t}(rowid, search_folded) VALUES (new.id, new.search_folded); END",
    ]


def fts_drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {FTS_TABLE}"
    ]


def trigram_statements(table: str, column: str) -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)",
    ]


def fts_ids(words: list[str]) -> RawSQL | None:
    """Ids of cases whose text has words starting with every one of `words` (SQLite); None elsewhere."""
    if connection.vendor != "sqlite" or not words:
        return None
    query = " AND ".join(f'"{w}"*' for w in words)  # words are [0-9a-z]+: nothing to escape
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query])


@contextmanager
def word_index_deferred(ids: list[int]) -> Iterator[None]:
    """Bulk inserts of cases with ids `ids` (one contiguous block): index their words in one statement afterwards.

    On SQLite the per-row trigger costs about three times the insert itself; inside the caller's transaction it is
    dropped for the block and recreated (DDL is transactional there, so a failed import restores it, and the
    transaction holds the write lock, so no other row can slip in unindexed). `ids` is read when the block ends:
    a caller that reserves ids chunk by chunk (imports.pipeline) appends them as it goes. Elsewhere it does nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("word_index_deferred needs the caller's transaction")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai")
    yield
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, search_folded) SELECT id, search_folded FROM cases_case "
                "WHERE id BETWEEN %s AND %s",
                [min(ids), max(ids)],
            )
        cursor.execute(_INSERT_TRIGGER)
