"""The same detector SQL on Spark (local mode) gives the same leads as on DuckDB. Skipped when pyspark (the
optional `spark` extra) is not installed."""

import logging

import pytest

pyspark = pytest.importorskip("pyspark")
logging.getLogger("py4j").setLevel(logging.WARNING)  # its INFO lines at exit outlive pytest's capture

from sc389.invoices import detectors, engines, legalised  # noqa: E402
from sc389.invoices.synth import bulk  # noqa: E402

# Planted seizures (registry province code, commodity group): the case register is not what is compared here.
SEIZURES = {("20", "fuel"): ["LS-1"], ("4", "cigarettes"): ["CB-1"], ("79", "electronics"): ["HCM-1"]}


@pytest.fixture(scope="module")
def engines_pair(tmp_path_factory):
    import duckdb

    folder = tmp_path_factory.mktemp("spark")
    con = duckdb.connect(str(folder / "invoices.duckdb"))
    truth = bulk.generate(con, lines=20_000, seed=11)
    spark = engines.spark_session(cores=2, memory="1g")
    runner = engines.SparkRunner(spark, engines.export_parquet(con, folder / "parquet"))
    yield con, runner, truth
    con.close()
    spark.stop()


def _same(leads: list[detectors.Lead]) -> list[tuple]:
    return sorted(
        (x.detector, x.tax_code, round(x.score, 6), tuple(x.reasons), tuple(x.invoices)) for x in leads
    )


@pytest.mark.parametrize("name", ["provenance", "ghost", "circular"])
def test_detector_on_spark_gives_the_duckdb_leads(engines_pair, name):
    con, spark, truth = engines_pair
    on_duckdb = getattr(detectors, name)(con)
    on_spark = getattr(detectors, name)(spark)
    assert {x.tax_code for x in on_duckdb} == set(truth[name])  # the planted scheme, found
    assert _same(on_spark) == _same(on_duckdb)


def test_legalised_on_spark_gives_the_duckdb_leads(engines_pair):
    con, spark, _truth = engines_pair
    flagged = detectors.provenance(con) + detectors.ghost(con)
    on_duckdb = legalised.legalised(con, flagged=flagged, seizures=SEIZURES)
    on_spark = legalised.legalised(spark, flagged=flagged, seizures=SEIZURES)
    assert on_duckdb  # some buyer of a flagged seller sits in a province with a seizure
    assert _same(on_spark) == _same(on_duckdb)
