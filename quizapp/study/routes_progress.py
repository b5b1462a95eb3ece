"""The student's progress page: /study/progress, with server-rendered SVG charts."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from quizapp.services.progress import progress as progress_of
from quizapp.study import bp
from quizapp.study.charts import bar_chart, column_chart


@bp.get("/progress")
@login_required
def progress():
    figures = progress_of(current_user)
    charts = {}
    if figures.sources:
        charts["sources"] = bar_chart(
            "mastery-sources",
            "Mastery per source",
            [(m.title, m.mastery) for m in figures.sources],
            desc_intro="Share of each source's cards whose latest answer was right: ",
        )
    if figures.sections:
        charts["sections"] = bar_chart(
            "mastery-sections",
            "Mastery per section practised",
            [(f"{m.source_title} — {m.title}", m.mastery) for m in figures.sections],
            desc_intro="Share of each section's cards whose latest answer was right: ",
        )
    if figures.days:
        charts["days"] = column_chart(
            "activity-days",
            "Answered and correct per day",
            [(d.day.strftime("%m-%d"), d.answered, d.correct) for d in figures.days],
            column_name="Answered",
            line_name="Correct",
        )
    return render_template("study/progress.html", figures=figures, charts=charts)
