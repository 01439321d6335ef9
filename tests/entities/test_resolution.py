"""The person resolver and the synthetic population, without the database."""

import csv
import re
from collections import Counter

import pytest
from django.core.management import call_command

from sc389.entities.population import COLUMNS, Population, write_csv
from sc389.entities.resolution import engine
from sc389.entities.resolution.model import BLOCKING_RULES
from sc389.entities.resolution.names import FAMILY_FOLDED


def scores(rows: list[dict]) -> dict[tuple[str, str], float]:
    con = engine.connect()
    engine.prepare(con, engine.load_rows(con, rows))
    result = engine.score(con, minimum=0.0)
    return {(a, b) if a < b else (b, a): p for a, b, p in result.pair_rows(minimum=0.0)}


def test_diacritics_and_name_order_do_not_hide_a_person():
    got = scores(
        [
            {"id": "1", "full_name": "Nguyễn Văn Hùng", "dob": "1985-04-12", "cccd": "020085001234"},
            {"id": "2", "full_name": "NGUYEN VAN HUNG", "dob": "12/04/1985"},
            {"id": "3", "full_name": "Hùng Nguyễn Văn", "dob": "1985-04-12", "sex": "nam"},
            {"id": "4", "full_name": "Hùng Văn Nguyễn", "dob": "1985-04-12"},
        ]
    )
    assert all(got[pair] >= engine.AUTO_MATCH for pair in [("1", "2"), ("1", "3"), ("1", "4"), ("2", "3")])


def test_hung_and_hung_with_their_marks_go_to_an_analyst():
    # both typed with diacritics: Hùng and Hưng fold alike but are different names (twins, or a typo)
    got = scores(
        [
            {"id": "1", "full_name": "Lê Văn Hùng", "dob": "1990-01-01", "address": "Xã An Bình, Huế"},
            {"id": "2", "full_name": "Lê Văn Hưng", "dob": "1990-01-01", "address": "Xã An Bình, Huế"},
        ]
    )
    assert engine.REVIEW <= got[("1", "2")] < engine.AUTO_MATCH


def test_different_cccds_or_sexes_veto_a_pair():
    got = scores(
        [
            {
                "id": "1",
                "full_name": "Trần Thị Hoa",
                "dob": "1970-03-03",
                "cccd": "001170000001",
                "phone": "0912000111",
            },
            {
                "id": "2",
                "full_name": "Trần Thị Hoa",
                "dob": "1970-03-03",
                "cccd": "001170555555",
                "phone": "0912000111",
            },
            {"id": "3", "full_name": "Trần Hoa", "dob": "1970-03-03", "sex": "male", "phone": "0912000111"},
            {
                "id": "4",
                "full_name": "Trần Thị Hoa",
                "dob": "1970-03-03",
                "sex": "female",
                "phone": "0912000111",
            },
        ]
    )
    assert ("1", "2") not in got and ("3", "4") not in got
    assert got[("1", "4")] >= engine.AUTO_MATCH


def test_records_sharing_no_exact_key_are_still_compared():
    # no birth date, phone or exact name in common: a CCCD with one digit mistyped (in its random part or in its
    # province code), or a shared address with a typo in the given name, is all that brings these records together
    got = scores(
        [
            {
                "id": "1",
                "full_name": "Nguyễn Văn Hùng",
                "dob": "1985-04-12",
                "cccd": "020085001234",
                "address": "Xã An Bình, Huế",
            },
            {"id": "2", "full_name": "Nguyen Van Hung", "cccd": "020085001284"},
            {"id": "3", "full_name": "Nguyễn Văn Hùnh", "address": "Xã An Bình, Huế"},
            {"id": "4", "full_name": "Nguyễn Hùng", "cccd": "021085001234"},
        ]
    )
    assert ("1", "2") in got and ("1", "3") in got and ("1", "4") in got


def test_a_middle_name_left_out_is_not_a_different_middle_name():
    # two namesakes at one address differ in their middle names; one person written short only lacks it
    got = scores(
        [
            {"id": "1", "full_name": "Nguyễn Công Hưng", "address": "Xã An Bình, Huế", "sex": "nam"},
            {"id": "2", "full_name": "Nguyễn Ngọc Hưng", "address": "Xã An Bình, Huế", "sex": "nam"},
            {"id": "3", "full_name": "Nguyễn Hưng", "address": "Xã An Bình, Huế", "sex": "nam"},
        ]
    )
    assert got[("1", "2")] < engine.AUTO_MATCH <= got[("1", "3")]


def test_blocking_never_on_the_family_name_alone():
    # every column a rule reads on the left record (keys may be substrings: substr(l.cccd, 1, 9))
    for rule in BLOCKING_RULES:
        terms = set(re.findall(r"\bl\.(\w+)", rule))
        assert terms and terms != {"fam"}, rule
    # the rules that run are the code's, not a list frozen in the trained model
    assert engine.trained_settings(1_000_000)["blocking_rules_to_generate_predictions"] == BLOCKING_RULES


def test_population_is_deterministic_and_shaped_like_the_country():
    first = list(Population(7).records(5000))
    assert first == list(Population(7).records(5000))
    assert first != list(Population(8).records(5000))
    persons = {r["person_id"]: r["full_name"] for r in first if r["full_name"] == r["full_name"].title()}
    families = Counter(n.split()[0] for n in persons.values())
    share = (families["Nguyễn"] + families["Nguyen"]) / len(persons)
    assert 0.3 < share < 0.46
    names = [r["full_name"] for r in first]
    assert any(n.split()[0].lower() not in FAMILY_FOLDED and n.isascii() for n in names)  # lost marks / order
    assert len({r["person_id"] for r in first}) < len(first)  # duplicates


def test_resolve_entities_command(tmp_path, capsys):
    source = tmp_path / "people.csv"
    write_csv(source, n=400, seed=3)
    # an outside list: unknown columns ignored, optional ones missing, ids of its own
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    odd = tmp_path / "odd.csv"
    with odd.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ID", "Full_Name", "dob", "notes"])
        for row in rows:
            writer.writerow([row["id"], row["full_name"], row["dob"], "x"])
    out = tmp_path / "clusters.csv"
    call_command("resolve_entities", input=str(odd), output=str(out))
    clusters = {r["id"]: r["cluster_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(clusters) == {r["id"] for r in rows}
    # with every column, records of one true person mostly share a cluster and other persons do not
    call_command("resolve_entities", input=str(source), output=str(out))
    clusters = {r["id"]: r["cluster_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    truth = {r["id"]: r["person_id"] for r in rows}
    ids = sorted(clusters)
    same = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if clusters[a] == clusters[b]]
    true = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if truth[a] == truth[b]]
    hits = sum(truth[a] == truth[b] for a, b in same)
    assert hits / len(same) > 0.9 and hits / len(true) > 0.9
    assert "clusters" in capsys.readouterr().out
    assert COLUMNS[0] == "id"


def test_resolve_entities_needs_an_id_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nA\n", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("resolve_entities", input=str(bad), output=str(tmp_path / "o.csv"))
