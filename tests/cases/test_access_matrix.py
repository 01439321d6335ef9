import pytest
from django.contrib.auth.models import AnonymousUser

from sc389.cases.models import Case
from sc389.core import access

from ..orgtree import PERSONAS
from .matrix import MATRIX, build_cases


def test_matrix_covers_every_persona():
    assert set(MATRIX) == set(PERSONAS) | {"anonymous"}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_case_scope(tree, persona):
    cases = build_cases(tree)
    user = AnonymousUser() if persona == "anonymous" else tree.users[persona]
    names = {v.pk: k for k, v in cases.items()}
    may_view, may_change = MATRIX[persona]
    seen = {names[pk] for pk in access.scope(Case.objects.all(), user=user).values_list("pk", flat=True)}
    changeable = {
        names[pk]
        for pk in access.scope(Case.objects.all(), user=user, action="change").values_list("pk", flat=True)
    }
    assert seen == may_view
    assert changeable == may_change
