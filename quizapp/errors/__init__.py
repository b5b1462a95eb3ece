"""Error pages that say what went wrong in words, including a database that cannot answer."""

from flask import Blueprint, render_template
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from quizapp.errors.database import is_unavailable, unavailable_response

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("errors/error.html", error=error), error.code


@bp.app_errorhandler(DBAPIError)
def database_error(error: DBAPIError):
    if is_unavailable(error):
        return unavailable_response(error)
    raise error  # a bug: the ordinary 500 and its traceback in the log
