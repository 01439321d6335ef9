"""The registry world: the access matrix's cases (tests/cases/matrix.py) with parties that resolve into known
entities, so every test knows which entity should hold which case."""

import datetime as dt
from dataclasses import dataclass

import pytest

from sc389.cases import services as cases
from sc389.entities.models import Appearance, Entity

from ..api.conftest import call, tokens  # noqa: F401  (fixtures)
from ..cases.matrix import build_cases


@dataclass
class World:
    tree: object
    cases: dict
    parties: dict

    def entity(self, party: str) -> Entity:
        return Appearance.objects.get(party=self.parties[party]).entity


def build_world(tree) -> World:
    c = build_cases(tree)
    admin = tree.users["admin_national"]

    def _add(case, **fields):
        return cases.party_add(case=case, actor=admin, **fields)

    p = {
        # one man in three provinces: with diacritics and CCCD, without diacritics, given name first
        "hung_ls": _add(c["huunghi"], kind="person", name="Nguyễn Văn Hùng", date_of_birth=dt.date(1985, 4, 12),
                        sex="male", id_number="020085001234", phone="0912345678"),
        "hung_cb": _add(c["bp_caobang"], kind="person", name="Nguyen Van Hung", date_of_birth=dt.date(1985, 4, 12),
                        sex="male", role="driver"),
        "hung_hy": _add(c["hungyen"], kind="person", name="Hùng Nguyễn Văn", date_of_birth=dt.date(1985, 4, 12),
                        phone="+84 912 345 678", role="owner"),
        # a namesake family member: same family name and birth date, another person
        "lan": _add(c["qltt"], kind="person", name="Nguyễn Thị Lan", date_of_birth=dt.date(1985, 4, 12),
                    sex="female"),
        # the model is unsure: same name (one without diacritics), born the same year, not the same day
        "mai_a": _add(c["joint"], kind="person", name="Trần Thị Mai", date_of_birth=dt.date(1990, 5, 2)),
        "mai_b": _add(c["hungyen_shared"], kind="person", name="Tran Thi Mai", date_of_birth=dt.date(1990, 8, 21)),
        # exact identifiers: one truck, one company
        "truck_ls": _add(c["huunghi"], kind="vehicle", plate="29A-123.45", role="related"),
        "truck_hy": _add(c["hungyen"], kind="vehicle", plate="29a 12345", role="related"),
        "firm_ls": _add(c["qltt"], kind="company", name="Công ty TNHH Thương mại Hữu Nghị", tax_code="0100109106",
                        role="owner"),
        "firm_cb": _add(c["bp_caobang"], kind="company", name="CTY TNHH TM HUU NGHI", tax_code="0100109106",
                        role="owner"),
    }  # fmt: skip
    return World(tree=tree, cases=c, parties=p)


@pytest.fixture
def world(tree) -> World:
    return build_world(tree)
