"""Accounts, signing in and out, CSRF, redirects, lock-out, rate limit, roles."""

from __future__ import annotations

import re

import pytest

from quizapp import create_app
from quizapp.auth.access import instructor_required
from quizapp.config import TestingConfig
from quizapp.services.users import create_user

PASSWORD = "correct horse battery"


def csrf_token(client, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def sign_in(client, email: str, password: str = PASSWORD, next_url: str | None = None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post(url, data=data)


@pytest.fixture
def student(app):
    user, _ = create_user("ada@example.org", "student", PASSWORD)
    return user


def test_users_create_prints_a_generated_password(runner):
    result = runner.invoke(args=["users", "create", "T@Example.org", "--role", "instructor"])
    assert result.exit_code == 0
    assert re.search(r"created instructor t@example.org with password \S{10,}", result.output)


@pytest.mark.parametrize(
    "args, problem",
    [
        (["not-an-email", "--role", "student"], "not an email address"),
        (["a@b.org", "--role", "student", "--password", "short"], "at least 10 characters"),
    ],
)
def test_users_create_refuses_bad_input(runner, args, problem):
    result = runner.invoke(args=["users", "create", *args])
    assert result.exit_code != 0 and problem in result.output


def test_users_create_refuses_a_second_account_for_one_email(runner, student):
    result = runner.invoke(args=["users", "create", "ADA@example.org", "--role", "student"])
    assert result.exit_code != 0 and "exists already" in result.output


def test_the_login_form_has_labelled_email_and_password_fields(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in page and 'name="password"' in page
    assert '<label for="email">' in page and '<label for="password">' in page


def test_signing_in_and_out(client, student):
    response = sign_in(client, "ada@example.org")
    assert response.status_code == 302
    assert "ada@example.org" in client.get("/sources/").get_data(as_text=True)
    token = csrf_token(client, "/sources/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert "ada@example.org" not in client.get("/sources/").get_data(as_text=True)


def test_a_wrong_password_is_refused_in_words(client, student):
    response = sign_in(client, "ada@example.org", "wrong password!")
    assert response.status_code == 200
    assert "Unknown email or wrong password." in response.get_data(as_text=True)


def test_a_post_without_csrf_token_is_refused(client, student):
    response = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 400
    sign_in(client, "ada@example.org")
    assert client.post("/logout").status_code == 400


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/sources/", "/sources/"),
        ("//evil.example/x", "/sources/"),
        ("http://evil.example/", "/sources/"),
        ("https:evil.example", "/sources/"),
        ("/\\evil.example", "/sources/"),
    ],
)
def test_next_redirects_only_to_local_paths(client, student, target, expected):
    response = sign_in(client, "ada@example.org", next_url=target)
    location = response.headers["Location"]
    assert location.endswith(expected) or (expected == "/sources/" and location == "/")
    assert "evil" not in location


def test_five_wrong_passwords_lock_the_account(client, student):
    for _ in range(5):
        sign_in(client, "ada@example.org", "wrong password!")
    response = sign_in(client, "ada@example.org")
    assert response.status_code == 200
    assert "locked" in response.get_data(as_text=True)


def test_sign_in_attempts_are_rate_limited(app, client, student):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [
            sign_in(client, "ada@example.org", "wrong password!").status_code for _ in range(4)
        ]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429


def test_the_session_cookie_is_http_only_and_same_site_lax(client, student):
    response = sign_in(client, "ada@example.org")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_registration_is_closed_unless_opened(app, client):
    assert client.get("/register").status_code == 404
    app.config["OPEN_REGISTRATION"] = True
    try:
        token = csrf_token(client, "/register")
        response = client.post(
            "/register",
            data={
                "email": "new@example.org",
                "password": PASSWORD,
                "confirm": PASSWORD,
                "csrf_token": token,
            },
        )
    finally:
        app.config["OPEN_REGISTRATION"] = False
    assert response.status_code == 302
    assert "new@example.org (student)" in client.get("/sources/").get_data(as_text=True)


def test_a_short_registration_password_is_refused_beside_the_field(app, client):
    app.config["OPEN_REGISTRATION"] = True
    try:
        token = csrf_token(client, "/register")
        page = client.post(
            "/register",
            data={
                "email": "new@example.org",
                "password": "short",
                "confirm": "short",
                "csrf_token": token,
            },
        ).get_data(as_text=True)
    finally:
        app.config["OPEN_REGISTRATION"] = False
    assert 'id="password-errors"' in page


def test_roles_guard_views(tmp_path):
    from flask_migrate import upgrade

    app = create_app(TestingConfig(f"sqlite:///{tmp_path}/roles.db", tmp_path))

    @app.get("/only-instructors")
    @instructor_required
    def only_instructors():
        return "welcome"

    with app.app_context():
        upgrade()
        create_user("s@example.org", "student", PASSWORD)
        create_user("i@example.org", "instructor", PASSWORD)
        create_user("a@example.org", "admin", PASSWORD)
    expected = {None: 302, "s@example.org": 403, "i@example.org": 200, "a@example.org": 200}
    for email, status in expected.items():
        client = app.test_client()
        if email:
            sign_in(client, email)
        assert client.get("/only-instructors").status_code == status, email
