"""Routes: /login, /logout, /register."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user

from quizapp.auth import bp
from quizapp.auth.forms import LoginForm, LogoutForm, RegistrationForm
from quizapp.extensions import limiter
from quizapp.services.users import AccountError, authenticate, create_user


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user, problem = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(problem)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    if LogoutForm().validate_on_submit():
        logout_user()
        flash("You are signed out.")
    return redirect(url_for("auth.login"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register():
    if not current_app.config["OPEN_REGISTRATION"]:
        return render_template("auth/closed.html"), 404
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            user, _ = create_user(form.email.data, "student", form.password.data)
        except AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            login_user(user)
            return redirect(url_for("index"))
    return render_template("auth/register.html", form=form)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host, scheme or protocol-relative URL."""
    default = url_for("index")
    # Browsers read a backslash as a slash: "/\\evil.example" would leave the site.
    if not target or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
