"""Resolve person records with Splink on DuckDB: features in SQL, scored pairs, clusters.

The model is trained once on a labelled synthetic population (`train.py`) and shipped in data/; a run only
predicts, so it is deterministic and works on ten records as on a million. The prior (the probability that two
random records match) is scaled to the input's size: the trained number of matches per record over N − 1.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from . import model as person_model
from .prepare import INPUT_COLUMNS, features_sql

# Pairs at or above AUTO_MATCH are the same person; pairs between REVIEW and AUTO_MATCH go to an analyst.
AUTO_MATCH = 0.97
REVIEW = 0.5
UNSURE_CAP = 0.9  # the most a pair an analyst must see can score


def connect(
    *, threads: int = 2, memory_limit: str = "3GB", temp_dir: str | None = None
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    if temp_dir:
        con.execute(f"SET temp_directory = '{temp_dir}'")
    return con


def load_csv(con: duckdb.DuckDBPyConnection, path: str | Path, *, table: str = "source") -> set[str]:
    """Read a CSV (every column as text) into `table`; returns its column names, lower-cased."""
    con.execute(
        f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
        [str(path)],
    )
    columns = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    renames = {c: c.strip().lower() for c in columns if c != c.strip().lower()}
    for old, new in renames.items():
        con.execute(f'ALTER TABLE {table} RENAME COLUMN "{old}" TO "{new}"')
    return {renames.get(c, c) for c in columns}


def load_rows(
    con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]], *, table: str = "source"
) -> set[str]:
    """Records given as dicts (the registry's parties) into `table`."""
    columns = list(INPUT_COLUMNS) + sorted({k for r in rows for k in r} - set(INPUT_COLUMNS))
    definition = ", ".join(f'"{c}" VARCHAR' for c in columns)
    con.execute(f"CREATE OR REPLACE TABLE {table} ({definition})")
    if rows:
        values = [[None if r.get(c) in (None, "") else str(r[c]) for c in columns] for r in rows]
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in columns)})", values)
    return set(columns)


@dataclass
class Resolution:
    """The outcome of a run, as DuckDB tables in `con`: `persons`, `pairs` (≥ REVIEW) and `clusters`."""

    con: duckdb.DuckDBPyConnection
    records: int
    pairs: int

    def pair_rows(self, *, minimum: float = REVIEW) -> list[tuple[str, str, float]]:
        return self.con.execute(
            "SELECT unique_id_l, unique_id_r, match_probability FROM pairs WHERE match_probability >= ?",
            [minimum],
        ).fetchall()


def prepare(con: duckdb.DuckDBPyConnection, columns: set[str], *, source: str = "source") -> int:
    if "id" not in columns:
        raise ValueError("the input has no 'id' column")
    con.execute(f"CREATE OR REPLACE TABLE persons AS {features_sql(source, columns)}")
    return con.execute("SELECT count(*) FROM persons").fetchall()[0][0]


# The prior is about a population, not about the size of one batch: ten records from a registry are not ten
# people among whom each has 1.5 duplicates. Below this size the prior is that of this many records.
MIN_POPULATION = 10_000


def trained_settings(records: int) -> dict[str, Any]:
    # How common a name is can only be read from a population: a batch of a few records would call every name
    # in it common. Below MIN_POPULATION the names are weighed as trained.
    settings = person_model.load(term_frequencies=records >= MIN_POPULATION)
    per_record = settings.pop("sc389", {}).get("matches_per_record", 0.6)
    settings["probability_two_random_records_match"] = per_record / (max(records, MIN_POPULATION) - 1)
    return settings


def score(con: duckdb.DuckDBPyConnection, *, minimum: float = REVIEW, chunks: int = 1) -> Resolution:
    """Score the blocked pairs of `persons` into table `pairs` (match_probability ≥ minimum)."""
    from splink import DuckDBAPI, Linker

    records = con.execute("SELECT count(*) FROM persons").fetchall()[0][0]
    con.execute(
        "CREATE OR REPLACE TABLE pairs (unique_id_l VARCHAR, unique_id_r VARCHAR, match_probability DOUBLE)"
    )
    if records < 2:
        return Resolution(con=con, records=records, pairs=0)
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("persons"), trained_settings(records), log_level=logging.WARNING)
    kwargs = {"num_chunks_left": chunks, "num_chunks_right": 1} if chunks > 1 else {}
    predicted = linker.inference.predict(threshold_match_probability=minimum, warning_mode="never", **kwargs)
    # Two identifiers that cannot belong to one person veto the pair, whatever the rest says (twins share a
    # birth date, an address and often a phone): CCCDs more than one digit apart, or different recorded sexes.
    con.execute(
        f"""
        INSERT INTO pairs
        SELECT p.unique_id_l, p.unique_id_r,
            -- given names alike but for their marks, both written with marks (Hùng/Hưng): a twin as often as a
            -- typo, so never merged without an analyst
            -- a given name that is another name altogether (not a typo, not elsewhere in the other name): a twin or
            -- a sibling sharing birth date, address and phone as often as one person, so an analyst decides too
            CASE WHEN l.marked AND r.marked AND l.given = r.given AND l.given_n <> r.given_n
                   OR l.given <> r.given AND jaro_winkler_similarity(l.given, r.given) < 0.88
                      AND levenshtein(l.given, r.given) > 1
                      AND NOT list_contains(r.tokens, l.given) AND NOT list_contains(l.tokens, r.given)
                 THEN least(p.match_probability, {UNSURE_CAP}) ELSE p.match_probability END
        FROM {predicted.physical_name} p
        JOIN persons l ON l.unique_id = p.unique_id_l
        JOIN persons r ON r.unique_id = p.unique_id_r
        WHERE NOT coalesce(length(l.cccd) = 12 AND length(r.cccd) = 12 AND levenshtein(l.cccd, r.cccd) > 1, false)
          AND NOT coalesce(l.sex <> r.sex, false)
        """
    )
    predicted.drop_table_from_database_and_remove_from_cache()
    pairs = con.execute("SELECT count(*) FROM pairs").fetchall()[0][0]
    return Resolution(con=con, records=records, pairs=pairs)


def cluster(con: duckdb.DuckDBPyConnection, *, threshold: float = AUTO_MATCH) -> None:
    """Connected components of the pairs at or above `threshold` into table `clusters` (unique_id, cluster_id):
    a cluster is named by its smallest record id; a record with no match is its own cluster."""
    con.execute(
        """
        CREATE OR REPLACE TABLE edges AS
        SELECT unique_id_l AS a, unique_id_r AS b FROM pairs WHERE match_probability >= ?
        """,
        [threshold],
    )
    # Label propagation with the smallest id, in SQL: each pass lets every record take the smallest label of its
    # neighbours; it stops when no label changes (a handful of passes: clusters are small).
    con.execute("CREATE OR REPLACE TABLE clusters AS SELECT unique_id, unique_id AS cluster_id FROM persons")
    while True:
        con.execute(
            """
            CREATE OR REPLACE TABLE next_clusters AS
            WITH proposals AS (
                SELECT e.a AS unique_id, c.cluster_id FROM edges e JOIN clusters c ON c.unique_id = e.b
                UNION ALL
                SELECT e.b AS unique_id, c.cluster_id FROM edges e JOIN clusters c ON c.unique_id = e.a
            ), best AS (SELECT unique_id, min(cluster_id) AS cluster_id FROM proposals GROUP BY unique_id)
            SELECT c.unique_id, least(c.cluster_id, coalesce(b.cluster_id, c.cluster_id)) AS cluster_id
            FROM clusters c LEFT JOIN best b USING (unique_id)
            """
        )
        changed = con.execute(
            "SELECT count(*) FROM next_clusters n JOIN clusters c USING (unique_id) WHERE n.cluster_id <> c.cluster_id"
        ).fetchall()[0][0]
        con.execute("DROP TABLE clusters")
        con.execute("ALTER TABLE next_clusters RENAME TO clusters")
        if not changed:
            break


def resolve_csv(
    input_path: str | Path,
    output_path: str | Path,
    *,
    threshold: float = AUTO_MATCH,
    threads: int = 2,
    memory_limit: str = "3GB",
    chunks: int = 1,
) -> dict[str, int]:
    """`sc389 resolve_entities`: every input row's id with its cluster id, written as CSV (id, cluster_id)."""
    con = connect(threads=threads, memory_limit=memory_limit)
    columns = load_csv(con, input_path)
    records = prepare(con, columns)
    result = score(con, minimum=min(threshold, REVIEW), chunks=chunks)
    cluster(con, threshold=threshold)
    target = str(output_path).replace("'", "''")
    con.execute(
        f"COPY (SELECT unique_id AS id, cluster_id FROM clusters) TO '{target}' (HEADER, DELIMITER ',')"
    )
    clusters = con.execute("SELECT count(DISTINCT cluster_id) FROM clusters").fetchall()[0][0]
    return {"records": records, "pairs": result.pairs, "clusters": clusters}
