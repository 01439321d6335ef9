"""The coordination pages × every persona × every object of the matrix: the same table as the API."""

import re

import pytest

from .matrix import (
    BULLETIN_AUTHOR_SIDE,
    BULLETIN_EDITORS,
    BULLETIN_VIEWERS,
    GROUP_MANAGERS,
    GROUP_VIEWERS,
    NETWORK_VIEWERS,
    PERSONA_NAMES,
    REQUEST_SIDES,
    REQUEST_VIEWERS,
)

TITLE = re.compile(r"Cảnh báo (\w+)")
SUBJECT = re.compile(r"Đề nghị xác minh (\w+)")


def _listed(pattern, html: str) -> set[str]:
    return set(pattern.findall(html))


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_pages_show_exactly_what_was_shared(persona, world, login):
    client = login(persona)
    if persona == "anonymous":
        for path in (
            "/coordination/bulletins/",
            f"/coordination/bulletins/{world.bulletins['own_unit'].pk}/",
        ):
            assert client.get(path).status_code == 302
        return
    # lists
    html = client.get("/coordination/bulletins/").content.decode()
    assert _listed(TITLE, html) == {n for n, v in BULLETIN_VIEWERS.items() if persona in v}
    html = client.get("/coordination/requests/").content.decode()
    assert _listed(SUBJECT, html) == {n for n, v in REQUEST_VIEWERS.items() if persona in v}
    # search, diacritics folded
    html = client.get("/coordination/search/", {"q": "ga thai"}).content.decode()
    assert _listed(TITLE, html) == {n for n, v in BULLETIN_VIEWERS.items() if persona in v}
    html = client.get("/coordination/search/", {"q": "xac minh"}).content.decode()
    assert _listed(SUBJECT, html) == {n for n, v in REQUEST_VIEWERS.items() if persona in v}
    # bulletin pages: seen or 404; receipts only for the author's side (and the national committee)
    for name, bulletin in world.bulletins.items():
        response = client.get(f"/coordination/bulletins/{bulletin.pk}/")
        assert response.status_code == (200 if persona in BULLETIN_VIEWERS[name] else 404), name
        if response.status_code == 200:
            html = response.content.decode()
            assert ("Xác nhận đã nhận" in html) == (persona not in BULLETIN_AUTHOR_SIDE[name]), name
            sees_receipts = persona in BULLETIN_AUTHOR_SIDE[name] or persona.endswith("_national")
            assert ("Tình hình tiếp nhận" in html) == sees_receipts, name
        # the correction page: its author only (others, even the author's side, do not find it)
        edit = client.get(f"/coordination/bulletins/{bulletin.pk}/edit/")
        assert edit.status_code == (200 if persona in BULLETIN_EDITORS[name] else 404), name
        # the bulletin list's search box, with the pending filter: what reached them, not yet acknowledged
        pending = client.get("/coordination/bulletins/", {"q": f"ma {name.replace('_', '')}", "pending": "1"})
        awaits = persona in BULLETIN_VIEWERS[name] and persona not in BULLETIN_AUTHOR_SIDE[name]
        assert (f"Cảnh báo {name}<" in pending.content.decode()) == awaits, name
        ack = client.post(f"/coordination/bulletins/{bulletin.pk}/acknowledge/")
        assert ack.status_code == (302 if persona in BULLETIN_VIEWERS[name] else 404), name
    # request pages
    for name, req in world.requests.items():
        response = client.get(f"/coordination/requests/{req.pk}/")
        assert response.status_code == (200 if persona in REQUEST_VIEWERS[name] else 404), name
        if response.status_code == 200:
            may_reply = persona in set().union(*REQUEST_SIDES[name].values())
            assert ("Gửi trả lời" in response.content.decode()) == may_reply, name
    # the sharing group: its page to its viewers, the members to its managers
    response = client.get(f"/coordination/groups/{world.group.pk}/")
    assert response.status_code == (200 if persona in GROUP_VIEWERS else 404)
    if response.status_code == 200:
        html = response.content.decode()
        assert ("Đồn Biên phòng Trà Lĩnh" in html) == (persona in GROUP_MANAGERS)
        assert ("members-hidden" in html) == (persona not in GROUP_MANAGERS)
    post = client.post(f"/coordination/groups/{world.group.pk}/", {"units": []})
    want = (302 if persona in GROUP_MANAGERS else 403) if persona in GROUP_VIEWERS else 404
    assert post.status_code == want
    # the network: its page to whoever sees one of its cases
    response = client.get(f"/coordination/networks/{world.network.pk}/")
    assert response.status_code == (200 if persona in NETWORK_VIEWERS else 404)
