"""/bank/review: the queue of drafts, best score first, to approve, reject or edit.

Every action is a POST form that works without JavaScript: it calls services.bank, then
redirects back to the queue with the same filters (carried in the action's query
string). A refused action (no reason to reject; an unsupported item approved without an
override reason) shows the queue again with the refusal beside the field at fault.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.citing import cited_passages, load_contexts
from quizapp.bank.facets import FACET_NAMES, facets
from quizapp.bank.forms import ApproveForm, BulkApproveForm, FilterForm, RejectForm
from quizapp.bank.queries import Filters, item_page, selected_items
from quizapp.extensions import db
from quizapp.models import Item, ItemVersion
from quizapp.services import bank
from quizapp.services.bank import BankError

REVIEW_FACETS = tuple(name for name in FACET_NAMES if name != "status")


def _filters() -> Filters:
    """The request's filters, narrowed to drafts."""
    return Filters.from_args(request.args).with_(status="draft")


def _back():
    return redirect(url_for("bank.review", **_filters().args(status="")))


@bp.get("/review")
@instructor_required
def review():
    return _queue(_filters())


@bp.post("/review/<uuid>/approve")
@instructor_required
def approve(uuid: str):
    item = _item(uuid)
    form = ApproveForm()
    if form.validate_on_submit():
        try:
            bank.approve(item, current_user._get_current_object(), form.override_reason.data)
        except BankError as refusal:
            db.session.rollback()
            form.override_reason.errors = [*form.override_reason.errors, str(refusal)]
        else:
            flash(f"Approved: {item.current.stem}")
            return _back()
    return _queue(_filters(), refused={uuid: {"approve": form}})


@bp.post("/review/<uuid>/reject")
@instructor_required
def reject(uuid: str):
    item = _item(uuid)
    form = RejectForm()
    if form.validate_on_submit():
        try:
            bank.reject(item, current_user._get_current_object(), form.reason.data)
        except BankError as refusal:
            db.session.rollback()
            form.reason.errors = [*form.reason.errors, str(refusal)]
        else:
            flash(f"Rejected: {item.current.stem}")
            return _back()
    return _queue(_filters(), refused={uuid: {"reject": form}})


@bp.post("/review/approve-supported")
@instructor_required
def bulk_approve():
    filters = _filters()
    if BulkApproveForm().validate_on_submit():
        if filters.verdict in ("", "supported"):
            items = selected_items(filters.with_(verdict="supported"))
            approved, skipped = bank.bulk_approve(items, current_user._get_current_object())
        else:
            approved, skipped = 0, 0
        flash(f"Approved {approved} supported drafts; skipped {skipped}.")
    return _back()


def _item(uuid: str) -> Item:
    item = db.session.scalar(select(Item).where(Item.uuid == uuid))
    if item is None:
        abort(404, description="No item has that id.")
    return item


def _queue(filters: Filters, refused: dict | None = None):
    """Render the queue; `refused` maps an item's uuid to the forms it failed, by action."""
    counts = facets(filters, REVIEW_FACETS)
    form = FilterForm(request.args)
    form.set_choices(counts, filters.args())
    page = item_page(filters, order=(ItemVersion.score.desc(), Item.id))
    contexts = load_contexts(c.sentence_key for row in page.rows for c in row.citations)
    cited = {row.item.uuid: cited_passages(row.citations, contexts) for row in page.rows}
    supported = {v.value: v.count for v in counts["verdict"]}.get("supported", 0)
    if filters.verdict not in ("", "supported"):
        supported = 0
    return render_template(
        "bank/review.html",
        filters=filters,
        facets=counts,
        form=form,
        page=page,
        cited=cited,
        refused=refused or {},
        approve_form=ApproveForm(formdata=None),
        reject_form=RejectForm(formdata=None),
        bulk_form=BulkApproveForm(formdata=None),
        supported=supported,
        back=filters.args(status=""),
    )
