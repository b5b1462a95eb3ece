"""/bank/audit: every recorded change (who, what, when, before and after), newest first."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.queries import PAGE_SIZE, paginate
from quizapp.models import AuditEvent, User


@bp.get("/audit")
@instructor_required
def audit():
    number = request.args.get("page", "1")
    number = max(1, int(number)) if number.isdigit() else 1
    statement = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    )
    return render_template("bank/audit.html", page=paginate(statement, number, PAGE_SIZE))
