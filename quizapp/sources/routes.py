"""Routes of the corpus reader."""

from flask import abort, render_template
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document
from quizapp.sources import bp
from quizapp.sources.reading import document_summaries, read_document


@bp.get("/")
def index():
    return render_template("sources/index.html", summaries=document_summaries())


@bp.get("/<slug>")
def document(slug: str):
    doc = db.session.scalar(select(Document).where(Document.slug == slug))
    if doc is None:
        abort(404, description=f"No document called {slug!r} in the corpus.")
    return render_template("sources/document.html", document=doc, sections=read_document(doc))
