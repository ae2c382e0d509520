"""Reading a report form (level, people) and guarding it against forged posts."""

from flask import request
from flask_babel import gettext as _

from webapp.crowding import clock
from webapp.crowding.levels import parse_level
from webapp.i18n import current_language
from webapp.security import cross_site, form_token, form_token_ok
from webapp.text.formatting import format_number
from webapp.text.normalize import to_ascii_digits

MAX_PEOPLE = 5000


def new_form_token(purpose: str, subject: str) -> str:
    """A form token for a page being rendered now."""
    return form_token(purpose, subject, clock.real_seconds())


def forged(purpose: str, subject: str) -> str | None:
    """A message when the post did not come from our own, recent form; None when it did."""
    if cross_site():
        return _("This form must be sent from this site. Open the page again and tap once more.")
    if not form_token_ok(request.form.get("csrf"), purpose, subject, clock.real_seconds()):
        return _("This form had expired, so nothing was recorded. Tap your answer again.")
    return None


def parse_people(raw) -> tuple[int | None, str | None]:
    """The optional number of people in the queue, or an error message."""
    text = to_ascii_digits(str(raw if raw is not None else "")).strip()
    if not text:
        return None, None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_PEOPLE:
        return None, _(
            "The number of people must be a whole number from 0 to %(max)s.",
            max=format_number(MAX_PEOPLE, lang=current_language()),
        )
    return int(text), None


def parse_report(values) -> tuple[int | None, int | None, list[tuple[str, str]]]:
    """(level, people, errors as (field id, message)) from a submitted form or JSON object."""
    errors = []
    level = parse_level(values.get("level"))
    if level is None:
        errors.append(("level-none", _("Choose one of the queue levels.")))
    people, problem = parse_people(values.get("people"))
    if problem:
        errors.append(("people", problem))
    return level, people, errors
