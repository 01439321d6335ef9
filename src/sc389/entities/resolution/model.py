"""The Splink model of person records: comparisons, blocking rules, and the trained parameters in data/.

Blocking never uses the family name alone (about 38 % of the country is Nguyễn): pairs are only scored when they
share a CCCD, a phone, a tax code, a plate, a date of birth with the given or family name, or the family and given
names with the birth year, or the whole name with the address.
"""

import json
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "person_model.json"

BLOCKING_RULES = [
    "l.cccd = r.cccd",
    "l.phone = r.phone",
    "l.tax_code = r.tax_code",
    "l.plate = r.plate",
    "l.dob = r.dob AND l.given = r.given",
    "l.dob = r.dob AND l.fam = r.fam",
    "l.fam = r.fam AND l.given = r.given AND l.birth_year = r.birth_year",
    "l.name_f = r.name_f AND l.addr = r.addr",
    # Records with no identifier and no birth date in common (a record without a date is one in five) that share
    # an address: a typo in the given or the family name, or a dropped middle name, hides them from the rules above.
    # Cheap while an address names one household; a commune-level address puts a few dozen people in one block.
    "l.given = r.given AND l.addr = r.addr",
    "l.fam = r.fam AND l.addr = r.addr",
    # same birth date and address: a name written in an order the resolver could not recognise
    "l.dob = r.dob AND l.addr = r.addr",
    "l.dob_swapped = r.dob AND l.given = r.given",
    # a CCCD with one digit mistyped agrees on two of its three parts (province-sex-year, digits 7-9, 10-12)
    "substr(l.cccd, 1, 9) = substr(r.cccd, 1, 9) AND length(l.cccd) = 12 AND length(r.cccd) = 12",
    "substr(l.cccd, 1, 6) = substr(r.cccd, 1, 6) AND substr(l.cccd, 10, 3) = substr(r.cccd, 10, 3)"
    " AND length(l.cccd) = 12 AND length(r.cccd) = 12",
    "substr(l.cccd, 7, 6) = substr(r.cccd, 7, 6) AND length(l.cccd) = 12 AND length(r.cccd) = 12",
]


def _null(*cols: str) -> dict[str, Any]:
    cond = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return {"sql_condition": cond, "label_for_charts": "null", "is_null_level": True}


def _level(sql: str, label: str) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label}


ELSE = _level("ELSE", "else")


def comparisons() -> list[dict[str, Any]]:
    return [
        {
            "output_column_name": "name",
            "comparison_levels": [
                _null("name_f"),
                _level("name_n_l = name_n_r", "same name, same marks"),
                # one record typed without diacritics: the folded name is all it can agree on
                _level(
                    "name_f_l = name_f_r AND (NOT marked_l OR NOT marked_r)", "same folded name, marks lost"
                ),
                # both have marks and they differ: Hùng and Hưng are different names
                _level("name_f_l = name_f_r", "same folded name, different marks"),
                # a middle name left out is one person written short; two different middle names are as often
                # two namesakes sharing an address (Nguyễn Công Hưng, Nguyễn Ngọc Hưng)
                _level(
                    "fam_l = fam_r AND given_l = given_r AND len(tokens_l) <> len(tokens_r)",
                    "same family and given names, middle name left out",
                ),
                _level(
                    "fam_l = fam_r AND given_l = given_r", "same family and given names, middle names differ"
                ),
                _level("jaro_winkler_similarity(name_f_l, name_f_r) >= 0.95", "folded name JW >= 0.95"),
                _level("jaro_winkler_similarity(name_f_l, name_f_r) >= 0.88", "folded name JW >= 0.88"),
                ELSE,
            ],
        },
        {
            "output_column_name": "given",
            "comparison_levels": [
                _null("given"),
                _level("given_n_l = given_n_r", "same given name, same marks"),
                _level(
                    "given_l = given_r AND (NOT marked_l OR NOT marked_r)",
                    "same folded given name, marks lost",
                ),
                _level("given_l = given_r", "same folded given name, different marks (Hùng/Hưng)"),
                # short names: one typo ("Huy"/"Hy", "Linh"/"Limh") costs too much Jaro-Winkler
                _level(
                    "jaro_winkler_similarity(given_l, given_r) >= 0.88 OR levenshtein(given_l, given_r) <= 1",
                    "given name JW >= 0.88 or one letter apart",
                ),
                # the order could not be recognised: the given name is somewhere else in the other name
                _level(
                    "list_contains(tokens_r, given_l) OR list_contains(tokens_l, given_r)",
                    "given name elsewhere in the other name",
                ),
                ELSE,
            ],
        },
        {
            "output_column_name": "dob",
            "comparison_levels": [
                _null("dob"),
                _level("dob_l = dob_r", "same date"),
                _level(
                    "dob_swapped_l = dob_r OR levenshtein(dob_l, dob_r) <= 1",
                    "day/month swapped or one digit",
                ),
                _level("birth_year_l = birth_year_r", "same year"),
                ELSE,
            ],
        },
        {
            "output_column_name": "cccd",
            "comparison_levels": [
                _null("cccd"),
                _level("cccd_l = cccd_r", "same number"),
                _level("levenshtein(cccd_l, cccd_r) <= 1", "one digit apart"),
                ELSE,
            ],
        },
        {
            "output_column_name": "phone",
            "comparison_levels": [_null("phone"), _level("phone_l = phone_r", "same phone"), ELSE],
        },
        {
            "output_column_name": "sex",
            "comparison_levels": [_null("sex"), _level("sex_l = sex_r", "same sex"), ELSE],
        },
        {
            "output_column_name": "addr",
            "comparison_levels": [
                _null("addr"),
                _level("addr_l = addr_r", "same address"),
                _level("jaro_winkler_similarity(addr_l, addr_r) >= 0.9", "address JW >= 0.9"),
                ELSE,
            ],
        },
        {
            "output_column_name": "tax_code",
            "comparison_levels": [
                _null("tax_code"),
                _level("tax_code_l = tax_code_r", "same tax code"),
                ELSE,
            ],
        },
        {
            "output_column_name": "plate",
            "comparison_levels": [_null("plate"), _level("plate_l = plate_r", "same plate"), ELSE],
        },
    ]


def settings() -> dict[str, Any]:
    """The untrained settings (training fills in m and u)."""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons(),
        "blocking_rules_to_generate_predictions": list(BLOCKING_RULES),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
    }


# Term-frequency adjustment: agreeing on "Nguyễn Thị Hương" says less than agreeing on a rare name. At a million
# records common names with the same birth date belong to different people often enough to cost precision
# (0.936 without, 0.977 with, bench/bench_entities.py --records 1000000 --seed 2); half weight, because the
# synthetic population draws names from short lists and a full adjustment cost recall at 300,000 records.
TERM_FREQUENCIES = {"name": ("name_f", 0.5), "given": ("given", 0.5)}


def with_term_frequencies(settings: dict[str, Any]) -> dict[str, Any]:
    """Adjust the exact-agreement levels of the name comparisons by how common the name is in the input."""
    for comparison in settings["comparisons"]:
        column_weight = TERM_FREQUENCIES.get(comparison["output_column_name"])
        if column_weight is None:
            continue
        for level in comparison["comparison_levels"]:
            label = level.get("label_for_charts", "")
            if label.startswith("same") and "family and given" not in label:
                level["tf_adjustment_column"], level["tf_adjustment_weight"] = column_weight
    return settings


def load(*, term_frequencies: bool = False) -> dict[str, Any]:
    """The trained model: Splink's settings with m and u, plus `sc389` metadata (matches per record); with
    `term_frequencies`, the name levels adjusted by how common each name is in the input."""
    settings = json.loads(MODEL_PATH.read_text())
    # the rules are the code's, not a copy frozen at training (m and u do not depend on them): a rule added here
    # takes effect without retraining, and the test of the rules tests what runs
    settings["blocking_rules_to_generate_predictions"] = list(BLOCKING_RULES)
    return with_term_frequencies(settings) if term_frequencies else settings
