"""Forms of the instructors' workspace.

POST forms are Flask-WTF forms (CSRF-protected); the filter form of /bank and
/bank/review is a plain WTForms form read from the query string. One class per form,
grouped by page; add new forms under their page's heading.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from quizapp.models.bank import STATUSES, VERDICTS

REASON_LENGTH = 2000

# ---- browse and review: filters --------------------------------------------------------


class FilterForm(Form):
    """The bank's search and filters (GET; choices come from the facet counts)."""

    q = StringField("Search questions, answers and cited text", validators=[Length(max=200)])
    type = SelectField("Type", validate_choice=False)
    status = SelectField("Status", validate_choice=False)
    verdict = SelectField("Verdict", validate_choice=False)
    source = SelectField("Source", validate_choice=False)
    section = SelectField("Section", validate_choice=False)
    entity = SelectField("Entity", validate_choice=False)
    tag = SelectField("Tag", validate_choice=False)
    submit = SubmitField("Filter")

    def set_choices(self, facets: dict, current: dict[str, str]) -> None:
        """Each select lists its facet's values with their counts, plus "any"."""
        known = {"status": STATUSES, "verdict": VERDICTS}
        for name in ("type", "status", "verdict", "source", "section", "entity", "tag"):
            field = getattr(self, name)
            counted = {v.value: v for v in facets.get(name, [])}
            values = list(counted) + [v for v in known.get(name, ()) if v not in counted]
            if current.get(name) and current[name] not in values:
                values.append(current[name])
            field.choices = [("", "Any")] + [
                (v, f"{counted[v].label} ({counted[v].count})" if v in counted else f"{v} (0)")
                for v in values
            ]


# ---- review: one item ------------------------------------------------------------------


class ApproveForm(FlaskForm):
    """Approve a draft; an item whose verdict is not "supported" needs an override reason."""

    override_reason = TextAreaField(
        "Override reason (needed when the verdict is not supported)",
        validators=[Optional(), Length(max=REASON_LENGTH)],
    )
    submit = SubmitField("Approve")


class RejectForm(FlaskForm):
    """Reject a draft, saying why."""

    reason = TextAreaField(
        "Reason for rejecting",
        validators=[DataRequired("Give a reason to reject this item."), Length(max=REASON_LENGTH)],
    )
    submit = SubmitField("Reject")


# ---- review: many items ----------------------------------------------------------------


class BulkApproveForm(FlaskForm):
    """Approve every supported draft the current filters select."""

    submit = SubmitField("Approve the supported drafts")
