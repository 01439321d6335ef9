"""Train the person model on a labelled synthetic population and write data/person_model.json.

    python -m sc389.entities.resolution.train [--records 200000] [--seed 1]

u (how often non-matching records agree) is estimated by random sampling; m (how often matching records agree)
from the population's truth labels. Evaluate on another seed (bench/bench_entities.py uses seed 2 by default),
so the figures are not measured on the data the model was fitted to.
"""

import argparse
import json
import logging
import tempfile
from pathlib import Path

from . import engine
from . import model as person_model

# A level never seen among the training matches (m) or non-matches (u) would weigh infinitely: floor both.
M_FLOOR, U_FLOOR = 1e-5, 1e-7


def smooth(settings: dict) -> dict:
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            level["m_probability"] = max(level.get("m_probability") or 0.0, M_FLOOR)
            level["u_probability"] = max(level.get("u_probability") or 0.0, U_FLOOR)
    return settings


def train(*, records: int, seed: int, out: Path = person_model.MODEL_PATH) -> dict:
    from splink import DuckDBAPI, Linker

    from ..population import write_csv

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.csv"
        write_csv(path, n=records, seed=seed)
        con = engine.connect()
        columns = engine.load_csv(con, path)
        engine.prepare(con, columns)
    con.execute(
        "CREATE OR REPLACE TABLE persons AS SELECT p.*, s.person_id FROM persons p JOIN source s ON s.id = p.unique_id"
    )
    true_pairs = con.execute(
        "SELECT sum(k * (k - 1) / 2) FROM (SELECT count(*) AS k FROM persons GROUP BY person_id)"
    ).fetchall()[0][0]
    settings = person_model.settings()
    linker = Linker(DuckDBAPI(connection=con).register("persons"), settings, log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e7, seed=seed)
    linker.training.estimate_m_from_label_column("person_id")
    trained = smooth(linker.misc.save_model_to_json(overwrite=True))
    trained["sc389"] = {
        "trained_on": f"synthetic population, seed {seed}, {records} records",
        "matches_per_record": round(2 * float(true_pairs) / records, 6),
    }
    trained.pop("linker_uid", None)
    out.write_text(json.dumps(trained, indent=1, ensure_ascii=False) + "\n")
    return trained["sc389"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(train(records=args.records, seed=args.seed))


if __name__ == "__main__":
    main()
