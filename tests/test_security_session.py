"""Sessions, headers and sign-in abuse, beyond what tests/test_auth.py and
tests/test_serving.py check (HttpOnly and SameSite=Lax, five wrong passwords lock, the
rate limit's 429, five `next=` forms, the CSP and nosniff on one page):

- the session cookie is Secure when QUIZAPP_HTTPS is set;
- every page of the URL map, each error page and the 503 page carry the security headers;
- the rate limit counts per address across accounts, the lock-out ends, a locked account
  says so whatever the password;
- the password policy's upper bound, and over-long input refused without a 500;
- more open-redirect forms through `next=`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import g

from quizapp import create_app
from quizapp.config import Config, TestingConfig
from quizapp.extensions import db
from quizapp.models.user import MAX_PASSWORD_LENGTH
from quizapp.services.users import create_user, find_user
from tests.helpers import PASSWORD, csrf_token, make_users
from tests.security_world import build_world, fill, signed_in_client
from tests.test_access_matrix import classified


def sign_in(client, email: str, password: str = PASSWORD, next_url: str | None = None):
    g.pop("csrf_token", None)
    url = "/login" + (f"?next={next_url}" if next_url is not None else "")
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post(url, data=data)


def session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


# ---- cookies -----------------------------------------------------------------------------


def test_quizapp_https_makes_the_session_cookie_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZAPP_HTTPS", "1")
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path / "instance"))
    settings = Config()
    assert settings.SESSION_COOKIE_SECURE and settings.PREFERRED_URL_SCHEME == "https"
    config = TestingConfig(f"sqlite:///{tmp_path}/https.db", tmp_path / "instance")
    config.SESSION_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE
    app = create_app(config)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        create_user("ada@example.org", "student", PASSWORD)
        client = app.test_client()
        https = "https://localhost"
        page = client.get("/login", base_url=https).get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        data = {"email": "ada@example.org", "password": PASSWORD, "csrf_token": token}
        # Over HTTPS Flask-WTF also wants a same-site Referer.
        refused = client.post("/login", data=data, base_url=https)
        assert refused.status_code == 400
        referer = {"Referer": f"{https}/login"}
        response = client.post("/login", data=data, base_url=https, headers=referer)
        assert response.status_code == 302
        cookie = session_cookie(response)
        db.session.remove()
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_without_quizapp_https_the_cookie_is_not_marked_secure(client):
    make_users()
    cookie = session_cookie(sign_in(client, "student@example.org"))
    assert "Secure" not in cookie


# ---- headers -----------------------------------------------------------------------------


def assert_security_headers(response, where: str) -> None:
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives.get("script-src", "x"), where
    assert directives.get("script-src") == "'self'", (where, policy)
    assert directives.get("frame-ancestors") == "'none'", (where, policy)
    assert directives.get("object-src") == "'none'", (where, policy)
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert headers.get("X-Request-ID"), where


def test_every_page_and_error_carries_the_security_headers(app, runner, tmp_path, monkeypatch):
    world = build_world(runner, tmp_path, monkeypatch)
    checked = 0
    for role in ("anonymous", "student", "instructor"):
        client = signed_in_client(app, role)
        for method, rule, _access, names in classified(app):
            if method == "GET":
                url = fill(rule, world.values, names)
                assert_security_headers(client.get(url), f"{role} GET {url}")
                checked += 1
    for url in ("/no-such-page", "/bank/items/missing", "/static/missing.css"):
        assert_security_headers(client.get(url), url)
    assert checked >= 30


def test_the_database_unavailable_page_carries_the_security_headers(tmp_path):
    app = create_app(TestingConfig(f"sqlite:///{tmp_path}/missing/db.sqlite", tmp_path))
    response = app.test_client().get("/sources/")
    assert response.status_code == 503
    assert_security_headers(response, "503")


# ---- sign-in abuse -----------------------------------------------------------------------


def test_the_rate_limit_counts_attempts_per_address_across_accounts(app, client):
    make_users()
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [
            sign_in(client, email, "wrong password!").status_code
            for email in ("student@example.org", "other@example.org", "nobody@example.org")
        ]
        sprayed = sign_in(client, "instructor@example.org", "wrong password!")
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    assert statuses == [200, 200, 200] and sprayed.status_code == 429


def test_a_locked_account_says_so_and_opens_again_when_the_lock_ends(app, client):
    make_users()
    for _ in range(5):
        sign_in(client, "student@example.org", "wrong password!")
    for password in ("wrong password!", PASSWORD):
        page = sign_in(client, "student@example.org", password).get_data(as_text=True)
        assert "locked" in page
    user = find_user("student@example.org")
    assert user.locked_until is not None
    user.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert sign_in(client, "student@example.org").status_code == 302


def test_an_unknown_email_and_a_wrong_password_read_the_same(app, client):
    make_users()
    unknown = sign_in(client, "nobody@example.org", "wrong password!").get_data(as_text=True)
    wrong = sign_in(client, "student@example.org", "wrong password!").get_data(as_text=True)
    assert (
        "Unknown email or wrong password." in unknown
        and "Unknown email or wrong password." in wrong
    )


# ---- password policy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "length, accepted",
    [(MAX_PASSWORD_LENGTH, True), (MAX_PASSWORD_LENGTH + 1, False)],
)
def test_registration_takes_passwords_up_to_the_maximum_length(app, client, length, accepted):
    app.config["OPEN_REGISTRATION"] = True
    password = "p" * length
    try:
        response = client.post(
            "/register",
            data={
                "email": "new@example.org",
                "password": password,
                "confirm": password,
                "csrf_token": csrf_token(client, "/register"),
            },
        )
    finally:
        app.config["OPEN_REGISTRATION"] = False
    assert (response.status_code == 302) is accepted
    assert (find_user("new@example.org") is not None) is accepted
    if not accepted:
        assert 'id="password-errors"' in response.get_data(as_text=True)


def test_an_over_long_password_or_email_at_sign_in_is_refused_in_words(client):
    make_users()
    for email, password in (
        ("student@example.org", "x" * 100_000),
        ("a" * 100_000 + "@example.org", PASSWORD),
    ):
        response = sign_in(client, email, password)
        assert response.status_code == 200
        assert "Sign in" in response.get_data(as_text=True)


# ---- open redirects ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "///evil.example",
        "/%5Cevil.example",
        "%2F%2Fevil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "//evil.example@quizapp",
        "https://quizapp@evil.example/",
    ],
)
def test_next_never_leaves_the_site(client, target):
    make_users()
    response = sign_in(client, "student@example.org", next_url=target)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "evil" not in location and "javascript" not in location, location
    assert location.startswith("/") and not location.startswith("//"), location


def test_next_keeps_a_local_path_with_its_query(client):
    make_users()
    response = sign_in(client, "student@example.org", next_url="/study/attempts%3Fpage%3D2")
    assert response.headers["Location"] == "/study/attempts?page=2"
