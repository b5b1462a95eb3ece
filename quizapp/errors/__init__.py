"""Error pages that say what went wrong in words."""

from flask import Blueprint, render_template
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("errors/error.html", error=error), error.code
