import pytest

from sc389.cases.imports.importer import import_cases


@pytest.fixture
def run_import(tree):
    """Import bytes as the Hữu Nghị customs officer (unit and actor overridable)."""

    def run(
        data: bytes,
        name: str = "vu-viec.csv",
        *,
        unit="customs_huunghi",
        user="officer_langson_customs",
        **kw,
    ):
        return import_cases(
            data=data, file_name=name, unit=tree.units[unit], actor=tree.users[user] if user else None, **kw
        )

    return run
