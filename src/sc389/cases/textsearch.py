"""Finding cases by words at a million rows: folded text, matched with LIKE everywhere (exact semantics), and
an index that can serve a rare word. PostgreSQL: pg_trgm GIN indexes serve LIKE '%word%' directly.
SQLite: FTS5 trigram tables kept by triggers (migration cases.0003); `fts_ids` restricts a query to their rows.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

# folded column -> its FTS5 table (SQLite)
FTS_TABLES = {
    ("cases_case", "search_folded"): "cases_case_fts",
    ("cases_goodsline", "description_folded"): "cases_goodsline_fts",
}


def fts_statements(table: str, column: str) -> list[str]:
    """An external-content FTS5 trigram index on table.column and the triggers that keep it."""
    fts = FTS_TABLES[(table, column)]
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        f"INSERT INTO {fts}({fts}) VALUES('rebuild')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES('delete', old.id, old.{column}); "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
    ]


def fts_drop_statements(table: str, column: str) -> list[str]:
    fts = FTS_TABLES[(table, column)]
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [f"DROP TABLE IF EXISTS {fts}"]


def trigram_statements(table: str, column: str) -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)",
    ]


def fts_ids(table: str, column: str, tokens: list[str]) -> RawSQL | None:
    """Row ids whose folded text holds every token of 3+ letters (trigram FTS); None where it cannot help."""
    usable = [t for t in tokens if len(t) >= 3]
    if connection.vendor != "sqlite" or not usable:
        return None
    fts = FTS_TABLES[(table, column)]
    query = " AND ".join(f'"{t}"' for t in usable)  # tokens are [0-9a-z]+: nothing to escape
    return RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [query])
