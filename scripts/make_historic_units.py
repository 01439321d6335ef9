"""Write src/sc389/org/data/historic_units_2025.csv: the provinces and districts abolished on 1 July 2025.

Source: the pre-reform data of `vietnam-provinces` 0.6.0 (63 provinces, 696 districts), read from its
nested-divisions.json (`pip download --no-deps vietnam-provinces==0.6.0`, unzip, pass the path). The province
merges follow Resolution 202/2025/QH15. Run once; the CSV is what `sc389 load_historic_units` reads.

    python scripts/make_historic_units.py PATH/nested-divisions.json > src/sc389/org/data/historic_units_2025.csv
"""

import csv
import json
import sys

# new province code -> old province codes merged into it (Resolution 202/2025/QH15)
MERGES = {
    8: [8, 2],
    15: [10, 15],
    19: [19, 6],
    25: [25, 26, 17],
    24: [27, 24],
    33: [33, 34],
    31: [31, 30],
    37: [37, 35, 36],
    44: [45, 44],
    48: [48, 49],
    51: [51, 62],
    52: [64, 52],
    56: [56, 58],
    68: [68, 67, 60],
    66: [66, 54],
    79: [79, 74, 77],
    75: [75, 70],
    80: [72, 80],
    92: [92, 94, 93],
    86: [86, 83, 84],
    82: [87, 82],
    96: [96, 95],
    91: [89, 91],
}
UNCHANGED = {1, 4, 11, 12, 14, 20, 22, 38, 40, 42, 46}
LAST_DAY = "2025-06-30"


def main(path: str) -> None:
    old_to_new = {old: new for new, olds in MERGES.items() for old in olds}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "level", "parent", "valid_from", "valid_to", "successors"])
    with open(path, encoding="utf-8") as fh:
        provinces = json.load(fh)
    for p in provinces:
        if p["code"] in UNCHANGED:
            continue
        out.writerow(
            [p["code"], p["name"], "province", "", "", LAST_DAY, f"province:{old_to_new[p['code']]}"]
        )
    for p in provinces:
        new = p["code"] if p["code"] in UNCHANGED else old_to_new[p["code"]]
        for d in p["districts"]:
            out.writerow(
                [d["code"], d["name"], "district", f"province:{p['code']}", "", LAST_DAY, f"province:{new}"]
            )


if __name__ == "__main__":
    main(sys.argv[1])
