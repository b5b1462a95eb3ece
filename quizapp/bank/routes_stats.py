"""Item statistics for instructors: /bank/stats (facility, discrimination, wrong answers,
per item and per cited passage, from students' submitted attempts)."""

from __future__ import annotations

from flask import render_template

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.services.item_stats import FEW, item_stats, passage_stats


@bp.get("/stats")
@instructor_required
def stats():
    return render_template("bank/stats.html", items=item_stats(), passages=passage_stats(), few=FEW)
