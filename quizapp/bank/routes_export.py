"""/bank/export: download a quiz, a source or the bank's current filter as a file.

`format` is anki (the default), moodle-xml, gift or csv. The scope is `quiz=<uuid>`, or
else the bank's filter parameters (`source=<slug>` alone for a source). Only supported
items go, and only approved ones unless `include=drafts`. When nothing would be
exported the instructor is sent back with the reason.
"""

from __future__ import annotations

import io
import re

from flask import current_app, flash, redirect, request, send_file, url_for

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.queries import Filters, filtered
from quizapp.export import ExportError
from quizapp.export.formats import FORMATS
from quizapp.export.gc_pause import paused_gc
from quizapp.export.selection import scope_query, select_items
from quizapp.models import Item


@bp.get("/export")
@instructor_required
def export():
    name = request.args.get("format", "anki")
    chosen = FORMATS.get(name)
    quiz = (request.args.get("quiz") or "").strip()
    filters = Filters.from_args(request.args)
    status = "all" if request.args.get("include") == "drafts" else "approved"
    back = _back(quiz, filters)
    if chosen is None:
        flash(f"Nothing exported: there is no export format called “{name}”.")
        return redirect(back)
    try:
        scope = scope_query(quiz=quiz) if quiz else filtered(filters, Item.id)
        with paused_gc():  # one pause over choosing and building (export/gc_pause.py)
            selection = select_items(scope, status)
            data = chosen.build(selection, current_app.config.get("PUBLIC_URL"))
    except ExportError as exc:
        flash(f"Nothing exported: {exc}.")
        return redirect(back)
    response = send_file(
        io.BytesIO(data),
        mimetype=chosen.mimetype,
        as_attachment=True,
        download_name=f"{_file_stem(quiz, filters)}.{chosen.extension}",
    )
    response.headers["X-Quizapp-Left-Out"] = selection.left_out_message()
    return response


def _back(quiz: str, filters: Filters) -> str:
    if quiz:
        return url_for("bank.quiz", uuid=quiz)
    if filters.source and list(filters.args()) == ["source"]:
        return url_for("sources.document", slug=filters.source)
    return url_for("bank.browse", **filters.args())


def _file_stem(quiz: str, filters: Filters) -> str:
    if quiz:
        label = f"quiz-{quiz[:8]}"
    elif filters.source:
        label = filters.source
    else:
        label = "bank"
    return "quizapp-" + re.sub(r"[^a-z0-9-]+", "-", label.lower()).strip("-")
