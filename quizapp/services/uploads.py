"""An instructor's uploaded text: checked at once, then ingested and drafted as a job."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.ingest.load import SourceError, SourceText, decode_source
from quizapp.ingest.manifest import DocumentMeta, slugify
from quizapp.models import Document, Job
from quizapp.services.corpus import ingest_source
from quizapp.services.jobs import submit, update
from quizapp.services.pipeline import generate


def start_upload(
    filename: str, data: bytes, title: str, author: str | None, year: int | None, user
) -> Job:
    """Check the file now (SourceError says what is wrong); ingest and draft it in a job."""
    limit = current_app.config["MAX_SOURCE_BYTES"]
    if len(data) > limit:
        raise SourceError(filename, f"file is {len(data):,} bytes, over the limit of {limit:,}")
    source = decode_source(filename, data)
    payload = {
        "filename": filename,
        "text": source.text,
        "encoding": source.encoding,
        "checksum": source.checksum,
        "warnings": source.warnings,
        "slug": unique_slug(title),
        "title": title.strip(),
        "author": author,
        "year": year,
    }
    return submit("upload", payload, user)


def run_upload(job: Job) -> dict:
    payload = job.payload
    source = SourceText(
        payload["filename"],
        payload["text"],
        payload["encoding"],
        payload["checksum"],
        list(payload.get("warnings", [])),
    )
    meta = DocumentMeta(
        slug=payload["slug"],
        title=payload["title"],
        author=payload.get("author"),
        year=payload.get("year"),
        origin=payload["filename"],
    )
    update(job, message="Reading and analysing the text.", progress=0.05)
    report = ingest_source(
        source,
        meta,
        current_app.config["SPACY_MODEL"],
        progress=lambda share: _progress(job, 0.05 + 0.55 * share),
    )
    update(job, message="Drafting items.", progress=0.65)
    drafted = generate(sources=[meta.slug])
    added = sum(drafted.by_type().values())
    return {
        "message": f"{report.sentences} sentences ingested; {added} items drafted.",
        "slug": meta.slug,
        "sentences": report.sentences,
        "items": added,
    }


def _progress(job: Job, value: float) -> None:
    if value - job.progress >= 0.05:  # a commit per few percent, not per passage
        update(job, progress=round(value, 3))


def unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "upload"
    taken = set(db.session.scalars(select(Document.slug).where(Document.slug.like(f"{base}%"))))
    taken |= {
        j.payload.get("slug")
        for j in db.session.scalars(
            select(Job).where(Job.kind == "upload", Job.status.in_(("queued", "running")))
        )
    }
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return re.sub(r"-+", "-", f"{base}-{number}")
