"""Home page and health check."""

from flask import Blueprint, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from webapp.extensions import db
from webapp.places import queries as places

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    """One search box, a "near me" button and browse by province."""
    return render_template("core/home.html", provinces=places.provinces_sorted())


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for this by habit; the pages link the real icon, so answer with nothing."""
    return "", 204, {"Cache-Control": "public, max-age=604800"}


@bp.get("/healthz")
def healthz():
    """200 when the database answers, else 503 (a load balancer takes the server out)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable"}, 503, {"Cache-Control": "no-store"}
    return {"status": "ok"}, 200, {"Cache-Control": "no-store"}
