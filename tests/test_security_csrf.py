"""CSRF: every state-changing route of the URL map refuses a request without a valid token.

The routes come from the URL map (every method but GET, HEAD and OPTIONS), so a route
added later is covered without an entry here. They are sent as an admin (who may do
everything, so only the token stops them) and as a student, with the form a page would
send minus the token, then with a forged token; each must answer 400 and change no row.
"""

from __future__ import annotations

import pytest
from flask import g

from tests.security_world import build_world, fill, signed_in_client
from tests.test_access_matrix import ROUTES, classified, row_counts

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@pytest.fixture
def world(app, runner, tmp_path, monkeypatch):
    return build_world(runner, tmp_path, monkeypatch)


def state_changing(app) -> list[tuple[str, object, dict]]:
    rows = [
        (m, rule, names) for m, rule, _access, names in classified(app) if m not in SAFE_METHODS
    ]
    return rows


@pytest.mark.parametrize("role", ["admin", "student"])
def test_every_state_changing_route_refuses_a_request_without_a_token(app, world, role):
    client = signed_in_client(app, role)
    rows = state_changing(app)
    assert len(rows) >= 20, rows
    before = row_counts()
    problems = []
    for method, rule, names in rows:
        url = fill(rule, world.values, names)
        # What the page's form would send, minus the token.
        data = {"reason": "because", "title": "x", "text": "", "published": "1", "count": "1"}
        for label, extra in (("no token", {}), ("forged token", {"csrf_token": "forged.token"})):
            g.pop("csrf_token", None)
            response = client.open(url, method=method, data=data | extra)
            if response.status_code != 400:
                problems.append(f"{method} {url} with {label}: {response.status_code}")
            elif "CSRF" not in response.get_data(as_text=True):
                problems.append(f"{method} {url} with {label}: 400 without naming CSRF")
    assert not problems, "\n".join(problems)
    assert row_counts() == before, "a refused request changed the database"


def test_the_api_refuses_a_token_from_another_session(app, world):
    """A token is bound to its session: one taken from another signed-in client fails."""
    thief = signed_in_client(app, "instructor")
    stolen = thief.get("/bank").get_data(as_text=True)
    victim = signed_in_client(app, "admin")
    token = stolen.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    url = f"/api/items/{world.values['item']}/verdict"
    response = victim.post(url, headers={"X-CSRFToken": token}, data={"stem": "x"})
    assert response.status_code == 400


def test_the_logout_and_login_routes_are_in_the_matrix(app):
    """Signing in and out change the session: both are state-changing routes here too."""
    changing = {rule.rule for _m, rule, _names in state_changing(app)}
    assert {"/login", "/logout"} <= changing
    assert set(ROUTES) >= changing
