"""The answers page; its text is prose, one template per language rather than many msgids."""

from flask import Blueprint, render_template

from webapp.i18n import current_language

bp = Blueprint("answers", __name__, url_prefix="/answers")

TOPICS = ("bring", "hours", "electronic", "mobile", "access", "problem")


@bp.get("")
def index():
    """What to bring, hours and extensions, e-voting, mobile stations, help, reporting."""
    content = f"answers/_content_{current_language()}.html"
    return render_template("answers/index.html", content=content, topics=TOPICS)
