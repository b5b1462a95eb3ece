"""Forms of the item editor and the stale-items page (every one CSRF-protected)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput


class ItemForm(FlaskForm):
    """An item's content; `sentence_key` choices are set by the view (current + search)."""

    stem = TextAreaField("Question", validators=[InputRequired(), Length(max=4000)])
    answer = StringField("Answer", validators=[InputRequired(), Length(max=1000)])
    alternatives = TextAreaField(
        "Accepted answers (one per line)", validators=[Optional(), Length(max=4000)]
    )
    distractors = TextAreaField(
        "Distractors (one per line)", validators=[Optional(), Length(max=4000)]
    )
    explanation = TextAreaField("Explanation", validators=[Optional(), Length(max=8000)])
    tags = StringField("Tags (comma-separated)", validators=[Optional(), Length(max=2000)])
    # The view lists the choices; the bank refuses a key that is unknown or retired.
    sentence_key = RadioField("Cited sentence", choices=[], validate_choice=False)


class ApproveForm(FlaskForm):
    override_reason = TextAreaField(
        "Override reason (needed when the verdict is not supported)",
        validators=[Optional(), Length(max=2000)],
    )


class ReasonForm(FlaskForm):
    """Reject an item: the reason is required (instructors see it, students never do)."""

    reason = TextAreaField("Reason for rejecting", validators=[DataRequired(), Length(max=2000)])


class RetireForm(FlaskForm):
    """Retire an item (its source is gone, say): the reason is required."""

    reason = TextAreaField("Reason for retiring", validators=[DataRequired(), Length(max=2000)])


class RevertForm(FlaskForm):
    number = IntegerField("Version", widget=HiddenInput(), validators=[InputRequired()])


class RecitForm(FlaskForm):
    """Re-cite a stale item: the new sentence's key."""

    sentence_key = HiddenField("New sentence", validators=[DataRequired(), Length(max=40)])
