"""The access matrix: every route of the URL map × anonymous, student, another student,
instructor and admin → the status each must get.

Every rule must be classified in ROUTES below; a route added later without an entry fails
the test with a message saying where to add it. The matrix is run against real objects
(an item, a published quiz, a rule, a job, a student's attempt), so "allowed" means the
page really opened and "denied" means the guard answered before the view touched them.
Denied requests must also change nothing: the row count of every table is compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from tests.security_world import (
    ROLES,
    build_world,
    fill,
    fresh_objects,
    signed_in_client,
    token_for,
)

OK = "ok"  # GET: 200; other methods: served by the view (not denied, not an error)
LOGIN = "login"  # 302 to the sign-in page


@dataclass(frozen=True)
class Access:
    """The expected answer for each role, in ROLES order."""

    anonymous: object
    student: object
    other_student: object
    instructor: object
    admin: object

    def of(self, role: str):
        return getattr(self, role)


PUBLIC = Access(OK, OK, OK, OK, OK)
INSTRUCTORS = Access(LOGIN, 403, 403, OK, OK)
SIGNED_IN = Access(LOGIN, OK, OK, OK, OK)
# The attempt belongs to "student"; another student must not learn it exists.
OWNER = Access(LOGIN, OK, 404, 404, 404)


def everyone(status: int) -> Access:
    return Access(status, status, status, status, status)


# rule -> (access, {URL argument: name of the object in security_world's values})
ROUTES: dict[str, tuple[Access, dict[str, str]]] = {
    "/": (everyone(302), {}),
    "/healthz": (PUBLIC, {}),
    "/static/<path:filename>": (PUBLIC, {"filename": "filename"}),
    "/login": (PUBLIC, {}),
    "/logout": (everyone(302), {}),
    "/register": (everyone(404), {}),  # registration is closed unless configured open
    "/sources/": (PUBLIC, {}),
    "/sources/<slug>": (PUBLIC, {"slug": "slug"}),
    "/sources/<slug>/tags": (INSTRUCTORS, {"slug": "slug"}),
    "/api/items/<uuid>/verdict": (INSTRUCTORS, {"uuid": "item"}),
    "/bank": (INSTRUCTORS, {}),
    "/bank/audit": (INSTRUCTORS, {}),
    "/bank/glossary": (INSTRUCTORS, {}),
    "/bank/items/<uuid>": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/items/<uuid>/approve": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/items/<uuid>/reject": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/items/<uuid>/revert": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/jobs/<uuid>": (INSTRUCTORS, {"uuid": "job"}),
    "/bank/jobs/<uuid>.json": (INSTRUCTORS, {"uuid": "job"}),
    "/bank/quizzes": (INSTRUCTORS, {}),
    "/bank/quizzes/<uuid>": (INSTRUCTORS, {"uuid": "quiz"}),
    "/bank/quizzes/<uuid>/items": (INSTRUCTORS, {"uuid": "quiz"}),
    "/bank/quizzes/<uuid>/items/<item_uuid>/remove": (
        INSTRUCTORS,
        {"uuid": "quiz", "item_uuid": "quiz_item"},
    ),
    "/bank/quizzes/<uuid>/publish": (INSTRUCTORS, {"uuid": "quiz"}),
    "/bank/quizzes/<uuid>/rules": (INSTRUCTORS, {"uuid": "quiz"}),
    "/bank/quizzes/<uuid>/rules/<int:rule_id>/remove": (
        INSTRUCTORS,
        {"uuid": "quiz", "rule_id": "rule"},
    ),
    "/bank/quizzes/<uuid>/settings": (INSTRUCTORS, {"uuid": "quiz"}),
    "/bank/review": (INSTRUCTORS, {}),
    "/bank/review/<uuid>/approve": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/review/<uuid>/reject": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/review/approve-supported": (INSTRUCTORS, {}),
    "/bank/stale": (INSTRUCTORS, {}),
    "/bank/stale/<uuid>/recite": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/stale/<uuid>/retire": (INSTRUCTORS, {"uuid": "item"}),
    "/bank/tags": (INSTRUCTORS, {}),
    "/bank/tags/<tag>": (INSTRUCTORS, {"tag": "tag"}),
    "/bank/tags/<tag>/generate": (INSTRUCTORS, {"tag": "tag"}),
    "/bank/upload": (INSTRUCTORS, {}),
    "/bank/export": (INSTRUCTORS, {}),
    "/bank/stats": (INSTRUCTORS, {}),
    "/study/": (SIGNED_IN, {}),
    "/study/quizzes/<quiz_uuid>/start": (SIGNED_IN, {"quiz_uuid": "quiz"}),
    "/study/attempts": (SIGNED_IN, {}),
    "/study/attempts/<attempt_uuid>": (OWNER, {"attempt_uuid": "attempt"}),
    "/study/attempts/<attempt_uuid>/q/<int:position>": (
        OWNER,
        {"attempt_uuid": "attempt", "position": "position"},
    ),
    "/study/attempts/<attempt_uuid>/submit": (OWNER, {"attempt_uuid": "attempt"}),
    "/study/attempts/<attempt_uuid>/results": (OWNER, {"attempt_uuid": "done_attempt"}),
    "/study/cards/<deck>": (SIGNED_IN, {"deck": "deck"}),
    "/study/cards/<deck>/review": (SIGNED_IN, {"deck": "deck"}),
    "/study/progress": (SIGNED_IN, {}),
}


def classified(app) -> list[tuple[str, str, Access, dict[str, str]]]:
    """(method, rule, access, argument names) for every rule of the app, or a clear failure."""
    rows, missing = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.rule not in ROUTES:
            missing.append(f"{rule.rule} ({rule.endpoint})")
            continue
        access, names = ROUTES[rule.rule]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            rows.append((method, rule, access, names))
    assert not missing, (
        "routes without an access rule: "
        + ", ".join(missing)
        + ". Classify each in ROUTES in tests/test_access_matrix.py."
    )
    return rows


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def check(response, expected, method: str) -> str | None:
    """None when `response` is what `expected` asks for, else what went wrong."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if expected == LOGIN:
        if status == 302 and "/login" in location:
            return None
        return f"expected a redirect to sign in, got {status} {location}"
    if expected == OK:
        if method == "GET":
            return None if status == 200 else f"expected 200, got {status}"
        denied = status in (401, 403, 404) or (status == 302 and "/login" in location)
        return None if not denied and status < 500 else f"expected the view to serve, got {status}"
    return None if status == expected else f"expected {expected}, got {status}"


@pytest.fixture
def world(app, runner, tmp_path, monkeypatch):
    return build_world(runner, tmp_path, monkeypatch)


def test_the_access_matrix(app, world, capsys):
    rows = classified(app)
    failures, checked = [], 0
    for number, role in enumerate(ROLES):
        values = world.values | fresh_objects(world, number + 1)
        client = signed_in_client(app, role)
        token = token_for(client)
        for method, rule, access, names in rows:
            if rule.rule == "/logout":
                continue  # run last: it ends the session the other rows need
            expected = access.of(role)
            before = row_counts() if expected not in (OK,) and method != "GET" else None
            url = fill(rule, values, names)
            response = client.open(url, method=method, data={"csrf_token": token})
            checked += 1
            problem = check(response, expected, method)
            if problem:
                failures.append(f"{role:<13} {method:<5} {url}: {problem}")
            if before is not None and row_counts() != before:
                failures.append(f"{role:<13} {method:<5} {url}: a denied request changed rows")
        response = client.post("/logout", data={"csrf_token": token})
        checked += 1
        if problem := check(response, ROUTES["/logout"][0].of(role), "POST"):
            failures.append(f"{role:<13} POST  /logout: {problem}")
    assert checked == len(rows) * len(ROLES)
    with capsys.disabled():
        print(f"\naccess matrix: {len(rows)} routes × {len(ROLES)} roles = {checked} checks")
    assert not failures, "\n".join(failures)


def test_every_route_is_classified_with_arguments_it_can_fill(app, world):
    for _method, rule, _access, names in classified(app):
        fill(rule, world.values, names)
