"""Routes of passage topics: /bank/tags lists them; /bank/tags/<tag> shows and drafts one."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import SubmitField

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.extensions import db
from quizapp.models import Document, ItemTag, Passage, PassageTag
from quizapp.services.passage_tags import all_topics
from quizapp.services.pipeline import generate

PASSAGES_SHOWN = 200


class DraftTopicForm(FlaskForm):
    submit = SubmitField("Draft items from these passages")


@bp.get("/tags")
@instructor_required
def topics():
    return render_template("bank/topics.html", topics=sorted(all_topics().items()))


@bp.get("/tags/<tag>")
@instructor_required
def topic(tag: str):
    rows = db.session.execute(
        select(Passage, Document)
        .join(PassageTag, PassageTag.passage_id == Passage.id)
        .join(Document, Document.id == Passage.document_id)
        .where(PassageTag.tag == tag)
        .order_by(Document.title, Passage.ordinal)
        .limit(PASSAGES_SHOWN)
    ).all()
    if not rows:
        abort(404, description=f"No passage is tagged {tag!r}.")
    items = db.session.scalar(
        select(func.count()).select_from(ItemTag).where(ItemTag.tag == f"topic:{tag}")
    )
    passages = [(p, d, d.text[p.start : p.end]) for p, d in rows]
    return render_template(
        "bank/topic.html", tag=tag, passages=passages, items=items, form=DraftTopicForm()
    )


@bp.post("/tags/<tag>/generate")
@instructor_required
def topic_generate(tag: str):
    if DraftTopicForm().validate_on_submit():
        report = generate(tag=tag)
        flash(
            f"{sum(report.by_type().values())} new item(s) drafted from the passages tagged {tag}."
        )
    return redirect(url_for("bank.topic", tag=tag))
