"""Two bare routes the load benchmark measures the real pages against (bench/load.py).

GET /bench/select/<id> reads one item by primary key and renders it through a small
template; POST /bench/insert stores one row and commits. They show what the server,
the framework and the database cost on their own, so the question page and the answer
POST can be compared with them in the same run. They are registered only when
QUIZAPP_BENCH_ROUTES=1 (see observability.init_app), never in a normal deployment.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from quizapp.extensions import csrf, db
from quizapp.models import Item, Job

bp = Blueprint("benchroutes", __name__, url_prefix="/bench")
csrf.exempt(bp)  # a benchmark client posts bare requests; the routes exist only in a bench


@bp.get("/select/<int:item_id>")
def select_item(item_id: int):
    item = db.session.get(Item, item_id)
    if item is None:
        abort(404)
    return render_template("bench/item.html", item=item)


@bp.post("/insert")
def insert_row():
    job = Job(kind="bench", status="done", message="bench insert")
    db.session.add(job)
    db.session.commit()
    return {"id": job.id}, 201
