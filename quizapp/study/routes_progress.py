"""The student's progress page: /study/progress."""

from flask import abort
from flask_login import login_required

from quizapp.study import bp


@bp.get("/progress")
@login_required
def progress():
    abort(404)
