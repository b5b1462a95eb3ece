"""The bare benchmark routes exist only when QUIZAPP_BENCH_ROUTES=1, and then work."""

from __future__ import annotations

from sqlalchemy import func, select

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from quizapp.models import Job
from tests.conftest import database_url
from tests.helpers import make_bank


def test_a_normal_app_has_no_bench_routes(app):
    assert not [r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/bench")]


def test_the_bench_routes_select_by_primary_key_and_insert(monkeypatch, tmp_path):
    from flask_migrate import upgrade

    monkeypatch.setenv("QUIZAPP_BENCH_ROUTES", "1")
    app = create_app(TestingConfig(database_url(tmp_path, "bench"), tmp_path / "instance"))
    with app.app_context():
        upgrade()
        make_bank(app.test_cli_runner(), tmp_path, only="cloze")
        client = app.test_client()
        page = client.get("/bench/select/1")
        assert page.status_code == 200 and "Item 1" in page.get_data(as_text=True)
        assert client.get("/bench/select/999999").status_code == 404
        before = db.session.scalar(select(func.count(Job.id)))
        assert client.post("/bench/insert").status_code == 201  # no CSRF token needed
        assert db.session.scalar(select(func.count(Job.id))) == before + 1
        db.session.remove()
