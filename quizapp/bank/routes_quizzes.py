"""Routes of the quiz builder: /bank/quizzes and /bank/quizzes/<uuid>."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import and_, select
from wtforms import SelectChoice

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.quiz_forms import ActionForm, QuizItemsForm, QuizRuleForm, QuizSettingsForm
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion, Quiz, QuizRule
from quizapp.services import quizzes
from quizapp.services.quizzes import QuizError, QuizSettings

CANDIDATES_SHOWN = 200


@bp.route("/quizzes", methods=["GET", "POST"])
@instructor_required
def quizzes_index():
    form = QuizSettingsForm()
    if form.validate_on_submit():
        try:
            quiz = quizzes.create_quiz(current_user, _settings(form))
        except QuizError as exc:
            _error(form, exc)
        else:
            flash(f"Quiz “{quiz.title}” created.")
            return redirect(url_for("bank.quiz", uuid=quiz.uuid))
    listed = db.session.scalars(select(Quiz).order_by(Quiz.created_at.desc())).all()
    return render_template("bank/quizzes.html", quizzes=listed, form=form)


@bp.get("/quizzes/<uuid>")
@instructor_required
def quiz(uuid: str):
    found = _quiz(uuid)
    settings = QuizSettingsForm(obj=found)
    return _render(found, settings=settings)


@bp.post("/quizzes/<uuid>/settings")
@instructor_required
def quiz_settings(uuid: str):
    found = _quiz(uuid)
    form = QuizSettingsForm()
    if form.validate_on_submit():
        try:
            quizzes.update_settings(found, current_user, _settings(form))
        except QuizError as exc:
            _error(form, exc)
        else:
            flash("Settings saved.")
            return redirect(url_for("bank.quiz", uuid=uuid))
    return _render(found, settings=form), 400


@bp.post("/quizzes/<uuid>/items")
@instructor_required
def quiz_add_items(uuid: str):
    found = _quiz(uuid)
    form = QuizItemsForm()
    if form.validate_on_submit():
        chosen = db.session.scalars(
            select(Item).where(Item.uuid.in_(form.items.data or []), Item.status == "approved")
        ).all()
        added = quizzes.add_items(found, current_user, list(chosen))
        flash(f"{added} item(s) added.")
    return redirect(url_for("bank.quiz", uuid=uuid))


@bp.post("/quizzes/<uuid>/items/<item_uuid>/remove")
@instructor_required
def quiz_remove_item(uuid: str, item_uuid: str):
    found = _quiz(uuid)
    item = db.session.scalar(select(Item).where(Item.uuid == item_uuid)) or abort(404)
    if ActionForm().validate_on_submit():
        quizzes.remove_item(found, current_user, item)
        flash("Item removed from the quiz.")
    return redirect(url_for("bank.quiz", uuid=uuid))


@bp.post("/quizzes/<uuid>/rules")
@instructor_required
def quiz_add_rule(uuid: str):
    found = _quiz(uuid)
    form = QuizRuleForm()
    form.source.choices = _source_choices()
    if form.validate_on_submit():
        try:
            quizzes.add_rule(
                found,
                current_user,
                form.count.data,
                form.source.data,
                form.section.data,
                form.tag.data,
                form.item_type.data,
            )
        except QuizError as exc:
            _error(form, exc)
        else:
            flash("Rule added.")
            return redirect(url_for("bank.quiz", uuid=uuid))
    return _render(found, rule_form=form), 400


@bp.post("/quizzes/<uuid>/rules/<int:rule_id>/remove")
@instructor_required
def quiz_remove_rule(uuid: str, rule_id: int):
    found = _quiz(uuid)
    rule = db.session.get(QuizRule, rule_id)
    if rule is None or rule.quiz_id != found.id:
        abort(404)
    if ActionForm().validate_on_submit():
        quizzes.remove_rule(found, current_user, rule)
        flash("Rule removed.")
    return redirect(url_for("bank.quiz", uuid=uuid))


@bp.post("/quizzes/<uuid>/publish")
@instructor_required
def quiz_publish(uuid: str):
    found = _quiz(uuid)
    if ActionForm().validate_on_submit():
        try:
            if request.form.get("published") == "0":
                quizzes.unpublish(found, current_user)
                flash("The quiz is no longer published.")
            else:
                quizzes.publish(found, current_user)
                flash("The quiz is published: students can take it.")
        except QuizError as exc:
            flash(f"Not published: {exc}.")
    return redirect(url_for("bank.quiz", uuid=uuid))


# ---- helpers -----------------------------------------------------------------------


def _quiz(uuid: str) -> Quiz:
    found = db.session.scalar(select(Quiz).where(Quiz.uuid == uuid))
    if found is None:
        abort(404, description="No quiz has that id.")
    return found


def _render(found: Quiz, settings=None, rule_form=None):
    rule_form = rule_form or QuizRuleForm()
    rule_form.source.choices = _source_choices()
    items_form = QuizItemsForm()
    items_form.items.choices = _candidate_choices(found)
    chosen = _chosen_items(found)
    return render_template(
        "bank/quiz.html",
        quiz=found,
        settings=settings or QuizSettingsForm(obj=found),
        rule_form=rule_form,
        items_form=items_form,
        action=ActionForm(),
        chosen=chosen,
        problems=quizzes.publishing_problems(found),
        describe_rule=quizzes.describe_rule,
    )


def _chosen_items(found: Quiz) -> list[tuple[Item, ItemVersion]]:
    ids = [qi.item_id for qi in found.items]
    rows = db.session.execute(
        select(Item, ItemVersion)
        .join(
            ItemVersion,
            and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version),
        )
        .where(Item.id.in_(ids))
    ).all()
    order = {item_id: n for n, item_id in enumerate(ids)}
    return sorted(((i, v) for i, v in rows), key=lambda row: order[row[0].id])


def _candidate_choices(found: Quiz) -> list[SelectChoice]:
    taken = {qi.item_id for qi in found.items}
    rows = db.session.execute(
        select(Item.id, Item.uuid, Item.type, ItemVersion.stem)
        .join(
            ItemVersion,
            and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version),
        )
        .where(Item.status == "approved")
        .order_by(Item.id)
        .limit(CANDIDATES_SHOWN)
    ).all()
    return [
        SelectChoice(uuid, f"[{kind}] {stem[:120]}")
        for item_id, uuid, kind, stem in rows
        if item_id not in taken
    ]


def _source_choices() -> list[SelectChoice]:
    documents = db.session.execute(
        select(Document.slug, Document.title).order_by(Document.title)
    ).all()
    return [
        SelectChoice("", "any source"),
        *(SelectChoice(slug, title) for slug, title in documents),
    ]


def _settings(form: QuizSettingsForm) -> QuizSettings:
    return QuizSettings(
        title=form.title.data or "",
        description=form.description.data or "",
        time_limit_minutes=form.time_limit_minutes.data,
        attempts_allowed=form.attempts_allowed.data,
        shuffle_questions=form.shuffle_questions.data,
        shuffle_choices=form.shuffle_choices.data,
        feedback=form.feedback.data,
        one_per_page=form.one_per_page.data,
    )


def _error(form, exc: QuizError) -> None:
    target = getattr(form, exc.field, None) if exc.field else None
    if target is not None:
        target.errors = [*list(target.errors or []), str(exc)]
    else:
        flash(str(exc))
