import json

import pytest
from django.test import Client

from sc389.api import services as api_services

API = "/api/v1"


class Caller:
    """Calls the API as a persona with a bearer token (or as nobody), JSON in and out."""

    def __init__(self, client: Client, tokens: dict[str, str]):
        self.client = client
        self.tokens = tokens

    def __call__(
        self, persona: str | None, method: str, path: str, payload=None, *, query=None, headers=None
    ):
        headers = dict(headers or {})
        if persona and persona != "anonymous":
            headers.setdefault("Authorization", f"Bearer {self.tokens[persona]}")
        url = path if path.startswith("/api/") else API + path
        kwargs = {"headers": headers}
        if method == "GET":
            return self.client.get(url, data=query or {}, **kwargs)
        body = json.dumps(payload if payload is not None else {})
        return self.client.generic(method, url, data=body, content_type="application/json", **kwargs)


@pytest.fixture
def tokens(tree) -> dict[str, str]:
    return {
        name: api_services.api_token_create(user=user, name="tests").raw for name, user in tree.users.items()
    }


@pytest.fixture
def call(client, tokens) -> Caller:
    return Caller(client, tokens)


def assert_error(response, status: int, code: str | None = None, field: str | None = None) -> dict:
    """The one error schema, with the expected status (and code and field when given)."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"code", "message", "field", "errors"}, body
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], list)
    if code is not None:
        assert body["code"] == code, body
    if field is not None:
        assert body["field"] == field, body
        assert any(e["field"] == field for e in body["errors"]), body
    return body
