"""Routes of the corpus reader, and the passage tagging instructors do from it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField, SubmitField
from wtforms.validators import Length, Optional

from quizapp.auth.access import instructor_required
from quizapp.extensions import db
from quizapp.models import Document, Passage
from quizapp.services.passage_tags import TagError, suggestions, tag_passages, topics_of
from quizapp.sources import bp
from quizapp.sources.reading import document_summaries, read_document


class PassageTagForm(FlaskForm):
    topic = StringField("Topic for the selected passages", validators=[Optional(), Length(max=80)])
    submit = SubmitField("Tag selected passages")


@bp.get("/")
def index():
    return render_template("sources/index.html", summaries=document_summaries())


@bp.get("/<slug>")
def document(slug: str):
    doc = _document(slug)
    sections = read_document(doc)
    context = {"document": doc, "sections": sections, "topics": {}, "suggested": {}}
    if current_user.is_authenticated and current_user.is_instructor:
        ids = [p.id for s in sections for p in s.passages]
        context.update(topics=topics_of(ids), suggested=suggestions(ids), tag_form=PassageTagForm())
    return render_template("sources/document.html", **context)


@bp.post("/<slug>/tags")
@instructor_required
def tag(slug: str):
    doc = _document(slug)
    form = PassageTagForm()
    if not form.validate_on_submit():
        abort(400, description="The form was not sent whole; reload the page and try again.")
    keys, topic = request.form.getlist("passages"), form.topic.data or ""
    if request.form.get("suggest"):  # one click on a suggested topic for one passage
        keys, _, topic = request.form["suggest"].partition("|")
        keys = [keys]
    passages = db.session.scalars(
        select(Passage).where(
            Passage.document_id == doc.id, Passage.key.in_(keys), ~Passage.retired
        )
    ).all()
    try:
        added = tag_passages(list(passages), topic, current_user)
    except TagError as exc:
        flash(f"Not tagged: {exc}.")
    else:
        flash(f"Tagged {added} passage(s) “{topic}”.")
    anchor = f"p-{keys[0]}" if keys else None
    return redirect(url_for("sources.document", slug=slug, _anchor=anchor))


def _document(slug: str) -> Document:
    doc = db.session.scalar(select(Document).where(Document.slug == slug))
    if doc is None:
        abort(404, description=f"No document called {slug!r} in the corpus.")
    return doc
