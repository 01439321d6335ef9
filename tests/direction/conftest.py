import pytest

from sc389.api import services as api_services

from ..api.conftest import Caller


@pytest.fixture
def tokens(tree) -> dict[str, str]:
    return {
        name: api_services.api_token_create(user=user, name="tests").raw for name, user in tree.users.items()
    }


@pytest.fixture
def call(client, tokens) -> Caller:
    return Caller(client, tokens)


@pytest.fixture
def login(client, tree):
    def sign_in(persona: str):
        client.logout()
        if persona != "anonymous":
            client.force_login(tree.users[persona])
        return client

    return sign_in
