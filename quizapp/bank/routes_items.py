"""Routes of the item editor: /bank/items/<uuid> (view, check, save, approve, reject, revert).

The views are thin: services.bank makes every change (checked and audited), and
bank/editing.py turns forms into changes and loads what the page shows.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.editing import (
    author_emails,
    changes_from_form,
    cited_key,
    cited_parts,
    form_values,
    history,
    load_item,
    search_sentences,
    sentence_rows,
)
from quizapp.bank.item_forms import ApproveForm, ItemForm, ReasonForm, RevertForm
from quizapp.checking.citations import Verdict
from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank


@bp.route("/items/<uuid>", methods=["GET", "POST"])
@instructor_required
def item(uuid: str):
    item = _item_or_404(uuid)
    if request.method == "GET":
        return _render(item, ItemForm(data=form_values(item)))
    form = ItemForm()
    if not form.validate_on_submit():
        return _render(item, form, status=422)
    changes = changes_from_form(form, item)
    if request.form.get("action") == "check":
        return _render(item, form, verdict=bank.preview(item, changes))
    try:
        version = bank.edit(item, _user(), changes)
    except bank.BankError as error:
        db.session.rollback()
        item = _item_or_404(uuid)
        _field_error(form, error)
        return _render(item, form, verdict=bank.preview(item, changes), status=422)
    flash(f"Saved version {version.number}; its verdict is {version.verdict}.")
    return redirect(url_for("bank.item", uuid=uuid))


@bp.post("/items/<uuid>/approve")
@instructor_required
def approve_item(uuid: str):
    item = _item_or_404(uuid)
    form = ApproveForm()
    if form.validate_on_submit():
        try:
            bank.approve(item, _user(), form.override_reason.data)
        except bank.BankError as error:
            db.session.rollback()
            item = _item_or_404(uuid)
            _field_error(form, error)
        else:
            flash("Approved.")
            return redirect(url_for("bank.item", uuid=uuid))
    return _render(item, ItemForm(data=form_values(item)), approve_form=form, status=422)


@bp.post("/items/<uuid>/reject")
@instructor_required
def reject_item(uuid: str):
    item = _item_or_404(uuid)
    form = ReasonForm(prefix="reject")
    if form.validate_on_submit():
        bank.reject(item, _user(), form.reason.data)
        flash("Rejected.")
        return redirect(url_for("bank.item", uuid=uuid))
    return _render(item, ItemForm(data=form_values(item)), reject_form=form, status=422)


@bp.post("/items/<uuid>/revert")
@instructor_required
def revert_item(uuid: str):
    item = _item_or_404(uuid)
    form = RevertForm()
    if not form.validate_on_submit():
        abort(400, description="Choose a version to revert to.")
    try:
        version = bank.revert(item, _user(), form.number.data)
    except bank.BankError as error:
        db.session.rollback()
        flash(f"Not reverted: {error}.")
    else:
        flash(
            f"Version {form.number.data} restored as version {version.number}; "
            f"its verdict is {version.verdict}."
        )
    return redirect(url_for("bank.item", uuid=uuid))


# ---- helpers ---------------------------------------------------------------------------


def _render(
    item: Item,
    form: ItemForm,
    verdict: Verdict | None = None,
    approve_form: ApproveForm | None = None,
    reject_form: ReasonForm | None = None,
    status: int = 200,
):
    current = item.current
    query = request.args.get("q", "").strip()[:200]
    results = search_sentences(query) if query else []
    chosen = form.sentence_key.data or cited_key(current)
    keys = {c.sentence_key for v in item.versions for c in v.citations} | {chosen}
    sentences = sentence_rows(keys)
    citation = current.citations[0] if current.citations else None
    cited = sentences.get(citation.sentence_key) if citation else None
    context = dict(
        item=item,
        current=current,
        form=form,
        verdict=verdict or Verdict(current.verdict, list(current.reasons or [])),
        previewed=verdict is not None,
        approve_form=approve_form or ApproveForm(formdata=None),
        reject_form=reject_form or ReasonForm(prefix="reject", formdata=None),
        revert_form=RevertForm(formdata=None),
        query=query,
        results=[r for r in results if r.key != chosen],
        chosen=sentences.get(chosen) if chosen else None,
        citation=citation,
        cited=cited,
        cited_parts=cited_parts(cited.text, citation.start, citation.end) if cited else None,
        versions=history(item, author_emails(item.versions)),
    )
    return render_template("bank/item.html", **context), status


def _item_or_404(uuid: str) -> Item:
    found = load_item(uuid)
    if found is None:
        abort(404, description="No item has that id.")
    return found


def _field_error(form, error: bank.BankError) -> None:
    """Put the bank's message beside the field at fault (or above the form)."""
    target = getattr(form, error.field, None) if error.field else None
    if target is not None and hasattr(target, "errors"):
        target.errors = [*list(target.errors or []), str(error)]
    else:
        form.form_errors.append(str(error))


def _user():
    return current_user._get_current_object()
