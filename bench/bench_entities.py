"""Entity resolution of person records on a labelled synthetic population: accuracy and speed.

    .venv/bin/python bench/bench_entities.py --records 100000
    /usr/bin/time -v .venv/bin/python bench/bench_entities.py --records 1000000 --seed 2

Generates the population (seed 2 by default; the shipped model was trained on seed 1, see
sc389/entities/resolution/train.py), writes it as CSV, then times what `sc389 resolve_entities` does: read the CSV,
compute the comparison columns, score the blocked pairs with Splink (DuckDB), cluster at the threshold, write the
clusters CSV. Accuracy is pairwise over the clusters (every pair of records put in one cluster is a predicted
match, every pair of one true person a true match); the uncertain band (0.5 ≤ p < threshold) is counted apart.
Peak memory is this process's maximum RSS (ru_maxrss), DuckDB included.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def accuracy(con) -> dict[str, float]:
    """Pairwise precision and recall of the clusters against the truth column `person_id`."""
    sql = """
        WITH j AS (SELECT c.cluster_id, s.person_id FROM clusters c JOIN source s ON s.id = c.unique_id),
        pred AS (SELECT sum(n * (n - 1) / 2) AS p FROM (SELECT count(*) n FROM j GROUP BY cluster_id)),
        truth AS (SELECT sum(n * (n - 1) / 2) AS t FROM (SELECT count(*) n FROM j GROUP BY person_id)),
        tp AS (SELECT sum(n * (n - 1) / 2) AS tp FROM (SELECT count(*) n FROM j GROUP BY cluster_id, person_id))
        SELECT p, t, tp FROM pred, truth, tp
    """
    predicted, true, hits = (float(v or 0) for v in con.execute(sql).fetchall()[0])
    band = con.execute(
        """
        SELECT count(*), count(*) FILTER (WHERE a.person_id = b.person_id)
        FROM pairs p JOIN source a ON a.id = p.unique_id_l JOIN source b ON b.id = p.unique_id_r
        WHERE p.match_probability < ?
        """,
        [THRESHOLD],
    ).fetchall()[0]
    return {
        "precision": hits / predicted if predicted else 1.0,
        "recall": hits / true if true else 1.0,
        "true_pairs": true,
        "predicted_pairs": predicted,
        "review_pairs": band[0],
        "review_pairs_true": band[1],
    }


THRESHOLD = 0.9


def cpu() -> float:
    """CPU seconds of this process so far (user + system, all threads): unlike wall time, not inflated by other
    jobs on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    global THRESHOLD
    from sc389.entities.population import write_csv
    from sc389.entities.resolution import engine

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=engine.AUTO_MATCH)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="3GB")
    parser.add_argument("--chunks", type=int, default=1)
    args = parser.parse_args()
    THRESHOLD = args.threshold

    print(f"machine: {machine()}; load average {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "people.csv"
        out = Path(tmp) / "clusters.csv"
        t = time.perf_counter()
        write_csv(source, n=args.records, seed=args.seed)
        print(f"generated {args.records:,} records (seed {args.seed}) in {time.perf_counter() - t:.1f} s")

        # the timed part: exactly what `sc389 resolve_entities --input people.csv --output clusters.csv` does
        c0 = cpu()
        t0 = time.perf_counter()
        con = engine.connect(threads=args.threads, memory_limit=args.memory_limit, temp_dir=tmp)
        columns = engine.load_csv(con, source)
        t1 = time.perf_counter()
        records = engine.prepare(con, columns)
        t2 = time.perf_counter()
        result = engine.score(con, minimum=engine.REVIEW, chunks=args.chunks)
        t3 = time.perf_counter()
        engine.cluster(con, threshold=args.threshold)
        t4 = time.perf_counter()
        target = str(out).replace("'", "''")
        con.execute(
            f"COPY (SELECT unique_id AS id, cluster_id FROM clusters) TO '{target}' (HEADER)"
        ).fetchall()
        t5 = time.perf_counter()
        c5 = cpu()
        print(
            f"resolved {records:,} records in {t5 - t0:.1f} s: read {t1 - t0:.1f} s, features {t2 - t1:.1f} s, "
            f"score {t3 - t2:.1f} s ({result.pairs:,} pairs >= {engine.REVIEW}), cluster {t4 - t3:.1f} s, "
            f"write {t5 - t4:.1f} s; CPU time {c5 - c0:.1f} s (both cores together)"
        )
        acc = accuracy(con)
        print(
            f"threshold {args.threshold}: pairwise precision {acc['precision']:.4f}, recall {acc['recall']:.4f} "
            f"({acc['predicted_pairs']:,.0f} predicted / {acc['true_pairs']:,.0f} true pairs); "
            f"review band: {acc['review_pairs']:,} pairs, {acc['review_pairs_true']:,} of them true"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
