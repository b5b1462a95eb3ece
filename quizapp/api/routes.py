"""JSON endpoints: the item editor's live verdict (the page works without it)."""

from __future__ import annotations

from flask import abort, jsonify

from quizapp.api import bp
from quizapp.auth.access import instructor_required
from quizapp.bank.editing import changes_from_form, load_item
from quizapp.bank.item_forms import ItemForm
from quizapp.services.bank import preview


@bp.post("/items/<uuid>/verdict")
@instructor_required
def item_verdict(uuid: str):
    """The verdict the posted editor fields would get: {"verdict", "reasons"}; nothing is saved.

    The CSRF token comes in the X-CSRFToken header or the form (CSRFProtect checks it).
    """
    item = load_item(uuid)
    if item is None:
        abort(404, description="No item has that id.")
    form = ItemForm(meta={"csrf": False})  # the app-wide CSRFProtect already checked it
    if not form.validate():
        problems = [
            f"{form[name].label.text}: {e}" for name, errs in form.errors.items() for e in errs
        ]
        return jsonify(verdict="invalid", reasons=problems), 422
    verdict = preview(item, changes_from_form(form, item))
    return jsonify(verdict=verdict.verdict, reasons=verdict.reasons)
