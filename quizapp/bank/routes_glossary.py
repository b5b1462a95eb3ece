"""Routes of the glossary editor: /bank/glossary."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.services.glossary import read_glossary_text, save_glossary
from quizapp.tagging.glossary import GlossaryError


class GlossaryForm(FlaskForm):
    text = TextAreaField("Glossary (YAML)", validators=[Length(max=2_000_000)])
    submit = SubmitField("Save, re-tag and re-check")


@bp.route("/glossary", methods=["GET", "POST"])
@instructor_required
def glossary():
    form = GlossaryForm()
    if form.validate_on_submit():
        try:
            verdicts = save_glossary(form.text.data or "", current_user)
        except GlossaryError as exc:
            form.text.errors = [*list(form.text.errors or []), str(exc)]
            return render_template("bank/glossary.html", form=form), 400
        summary = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())) or "no items"
        flash(f"Glossary saved; the corpus was re-tagged and the bank re-checked: {summary}.")
        return redirect(url_for("bank.glossary"))
    if not form.is_submitted():
        form.text.data = read_glossary_text()
    return render_template("bank/glossary.html", form=form)
