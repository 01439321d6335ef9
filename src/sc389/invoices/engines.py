"""Where the detectors' SQL runs: the DuckDB store (always) or Spark in local mode (the optional extra).

A runner answers `rows(sql)` (the query in DuckDB's dialect, translated for its engine) and
`table(name, columns, rows)` (a small input such as the flagged sellers, registered for the next queries).
Rows come back as tuples of Python values (str, Decimal, date, list), the same from both engines.
"""

from pathlib import Path
from typing import Any, Protocol

import duckdb

from .pipelines import VIEWS, translate

TABLES = ("invoices", "lines", "notices", "companies", "declared_stock", "commodities")


class Runner(Protocol):
    dialect: str

    def rows(self, sql: str) -> list[tuple]: ...

    def table(self, name: str, columns: list[str], rows: list[tuple]) -> None: ...


class DuckDBRunner:
    """The store's own connection; the views are the store's (store.SCHEMA)."""

    dialect = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def table(self, name: str, columns: list[str], rows: list[tuple]) -> None:
        # A temporary table (not a registered Arrow view): it needs no finished result on the connection.
        select = ", ".join(f"unnest(?::VARCHAR[]) AS {c}" for c in columns)
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}",  # noqa: S608 (names are ours)
            [[r[i] for r in rows] for i in range(len(columns))],
        )


class SparkRunner:
    """A SparkSession over Parquet copies of the store's tables (`export_parquet`), views made as temp views."""

    dialect = "spark"

    def __init__(self, spark: Any, parquet_dir: Path) -> None:
        self.spark = spark
        for name in TABLES:
            spark.read.parquet(str(parquet_dir / name)).createOrReplaceTempView(name)
        for name, sql in VIEWS.items():
            spark.sql(translate(sql, "spark")).createOrReplaceTempView(name)

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(row) for row in self.spark.sql(translate(sql, "spark")).collect()]

    def table(self, name: str, columns: list[str], rows: list[tuple]) -> None:
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType()) for c in columns])
        self.spark.createDataFrame(rows, schema).createOrReplaceTempView(name)


def export_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> Path:
    """Copy the store's tables to Parquet (one folder per table), what a Spark job reads."""
    from .reference import ensure

    ensure(con)
    directory.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        target = directory / name
        target.mkdir(exist_ok=True)
        con.execute(f"COPY {name} TO '{target / 'part-0.parquet'}' (FORMAT parquet)")  # noqa: S608
    return directory


def runner(con: "duckdb.DuckDBPyConnection | Runner") -> Runner:
    """A DuckDB connection is wrapped; a runner is passed through."""
    return DuckDBRunner(con) if isinstance(con, duckdb.DuckDBPyConnection) else con


def spark_session(*, cores: int = 2, memory: str = "2g") -> Any:
    """A local-mode session (pyspark must be installed: `pip install -e '.[spark]'`)."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("sc389-invoices")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
