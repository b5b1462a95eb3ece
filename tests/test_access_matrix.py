"""The access rule over every instructor route of the app: students get 403, visitors a sign-in.

The routes are read from the app's URL map, so a route added later is covered too.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_token, make_users, sign_in

GUARDED_PREFIXES = ("/bank", "/api")
GUARDED_EXACT = {"/sources/<slug>/tags"}


def guarded_routes(app) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith(GUARDED_PREFIXES) or rule.rule in GUARDED_EXACT):
            continue
        url = re.sub(
            r"<(?:int:)?(\w+)>",
            lambda m: "1" if m.group(0).startswith("<int") else "missing",
            rule.rule,
        )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, url))
    return routes


def test_every_instructor_route_refuses_students_and_visitors(app, client):
    make_users()
    routes = guarded_routes(app)
    assert len(routes) >= 20, routes
    visitor_token = csrf_token(client, "/login")
    for method, url in routes:
        response = client.open(url, method=method, data={"csrf_token": visitor_token})
        assert response.status_code in (302, 401), (method, url, response.status_code)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"], (method, url)
    sign_in(client, "student@example.org")
    token = csrf_token(client, "/sources/")
    for method, url in routes:
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (method, url, response.status_code)


@pytest.mark.parametrize("role", ["instructor", "admin"])
def test_instructors_and_admins_open_every_instructor_page(app, client, role):
    make_users()
    sign_in(client, f"{role}@example.org")
    pages = [
        url
        for method, url in guarded_routes(app)
        if method == "GET" and "missing" not in url and "/1" not in url
    ]
    assert {
        "/bank",
        "/bank/review",
        "/bank/quizzes",
        "/bank/glossary",
        "/bank/upload",
        "/bank/tags",
        "/bank/audit",
        "/bank/stale",
    } <= set(pages)
    for url in pages:
        assert client.get(url).status_code == 200, url
