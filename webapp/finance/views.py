"""Finance pages: search with filters, a candidate's summary, a constituency's comparison."""

from flask import Blueprint

from webapp.finance import models  # noqa: F401  (the tables must be known to migrations)

bp = Blueprint("finance", __name__, url_prefix="/finance")
