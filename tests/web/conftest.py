import pytest


@pytest.fixture
def login(client, tree):
    """Sign the test client in as a persona of the standard tree; returns the client."""

    def sign_in(persona: str, *, lang: str = "vi"):
        client.logout()
        if persona != "anonymous":
            client.force_login(tree.users[persona])
        client.cookies["django_language"] = lang
        return client

    return sign_in
