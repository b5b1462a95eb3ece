"""Forms of the quiz builder."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

ITEM_TYPES = [
    "",
    "cloze",
    "multiple_choice",
    "short_answer",
    "true_false",
    "chronology",
    "matching",
]


class QuizSettingsForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    time_limit_minutes = IntegerField(
        "Time limit (minutes; empty for none)", validators=[Optional(), NumberRange(min=1, max=600)]
    )
    attempts_allowed = IntegerField(
        "Attempts allowed (empty for unlimited)",
        validators=[Optional(), NumberRange(min=1, max=100)],
    )
    shuffle_questions = BooleanField("Shuffle the questions", default=True)
    shuffle_choices = BooleanField("Shuffle the choices", default=True)
    feedback = SelectField(
        "Feedback",
        choices=[
            SelectChoice("immediate", "Immediately after each answer"),
            SelectChoice("after_submission", "After the quiz is submitted"),
        ],
    )
    one_per_page = BooleanField("One question per page", default=True)
    submit = SubmitField("Save settings")


class QuizRuleForm(FlaskForm):
    count = IntegerField("Number of items", validators=[DataRequired(), NumberRange(1, 200)])
    source = SelectField("Source", choices=[], validate_choice=False)
    section = StringField("Section title", validators=[Optional(), Length(max=500)])
    tag = StringField("Tag", validators=[Optional(), Length(max=200)])
    item_type = SelectField("Type", choices=[SelectChoice(t, t or "any") for t in ITEM_TYPES])
    submit = SubmitField("Add rule")


class QuizItemsForm(FlaskForm):
    items = SelectMultipleField("Approved items", choices=[], validate_choice=False)
    submit = SubmitField("Add chosen items")


class ActionForm(FlaskForm):
    """A bare CSRF-protected button (publish, unpublish, remove)."""

    submit = SubmitField("Confirm")
