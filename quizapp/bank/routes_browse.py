"""/bank: the whole bank, searchable and filtered, with counts per facet, 50 items a page."""

from __future__ import annotations

from flask import render_template, request

from quizapp.auth.access import instructor_required
from quizapp.bank import bp
from quizapp.bank.facets import FACET_NAMES, facets
from quizapp.bank.forms import FilterForm
from quizapp.bank.queries import Filters, item_page
from quizapp.models import Item


@bp.get("")
@instructor_required
def browse():
    filters = Filters.from_args(request.args)
    counts = facets(filters, FACET_NAMES)
    form = FilterForm(request.args)
    form.set_choices(counts, filters.args())
    page = item_page(filters, order=(Item.id.desc(),))
    return render_template("bank/browse.html", filters=filters, facets=counts, form=form, page=page)
