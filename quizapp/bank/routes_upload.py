"""Routes of uploads: /bank/upload, and /bank/jobs/<uuid> to watch one being processed."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from wtforms import IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.extensions import db
from quizapp.ingest.load import SourceError
from quizapp.models import Job
from quizapp.services.uploads import start_upload


class UploadForm(FlaskForm):
    file = FileField(
        "Text file (plain text, UTF-8 or another 8-bit encoding)",
        validators=[FileRequired("Choose a text file to upload.")],
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=500)])
    author = StringField("Author", validators=[Optional(), Length(max=300)])
    year = IntegerField("Year", validators=[Optional(), NumberRange(min=-3000, max=3000)])
    submit = SubmitField("Upload and draft items")


@bp.route("/upload", methods=["GET", "POST"])
@instructor_required
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        upload_file = form.file.data
        try:
            job = start_upload(
                upload_file.filename or "upload.txt",
                upload_file.read(),
                form.title.data,
                form.author.data or None,
                form.year.data,
                current_user,
            )
        except SourceError as exc:
            form.file.errors = [*list(form.file.errors or []), exc.reason]
        else:
            return redirect(url_for("bank.job", uuid=job.uuid))
    status = 400 if form.is_submitted() else 200
    return render_template("bank/upload.html", form=form), status


@bp.get("/jobs/<uuid>")
@instructor_required
def job(uuid: str):
    return render_template("bank/job.html", job=_job(uuid))


@bp.get("/jobs/<uuid>.json")
@instructor_required
def job_status(uuid: str):
    found = _job(uuid)
    return jsonify(
        status=found.status, progress=found.progress, message=found.message, result=found.result
    )


def _job(uuid: str) -> Job:
    found = db.session.scalar(select(Job).where(Job.uuid == uuid))
    if found is None:
        abort(404, description="No job has that id.")
    return found
