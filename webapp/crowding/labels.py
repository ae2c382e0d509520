"""Words for queue levels and ages in the page's language (used by the templates)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext

from webapp.i18n import current_language
from webapp.text.formatting import format_number

SHORT = (
    lazy_gettext("No queue"),
    lazy_gettext("Short queue"),
    lazy_gettext("Medium queue"),
    lazy_gettext("Long queue"),
    lazy_gettext("Very long queue"),
)
LONG = (
    lazy_gettext("No queue"),
    lazy_gettext("Short queue: under 15 minutes"),
    lazy_gettext("Medium queue: 15 to 30 minutes"),
    lazy_gettext("Long queue: 30 to 60 minutes"),
    lazy_gettext("Very long queue: over an hour"),
)
BUTTONS = (
    lazy_gettext("No queue"),
    lazy_gettext("Short (under 15 min)"),
    lazy_gettext("Medium (15–30 min)"),
    lazy_gettext("Long (30–60 min)"),
    lazy_gettext("Very long (over 60 min)"),
)


def level_label(level: int, long: bool = False) -> str:
    """The words for a level (with its waiting time when `long`)."""
    return str((LONG if long else SHORT)[level])


def button_label(level: int) -> str:
    """The words on a report button."""
    return str(BUTTONS[level])


def age_words(minutes: int | None) -> str:
    """'just now' or 'N min ago' in the page's language."""
    if minutes is None:
        return ""
    if minutes < 1:
        return _("just now")
    n = format_number(minutes, lang=current_language())
    return _("%(n)s min ago", n=n)


def age_templates() -> dict[str, str]:
    """The same words with a {n} slot, for the script that ages them between refreshes."""
    return {"now": _("just now"), "minutes": _("%(n)s min ago", n="{n}")}


def source_words(source: str) -> str:
    """Who the level comes from."""
    return {
        "staff": _("from the polling-station staff"),
        "public": _("from voters in the queue"),
        "mixed": _("from staff and voters"),
    }[source]


def init_app(app) -> None:
    """Make the words available to every template."""
    app.jinja_env.globals.update(
        queue_label=level_label,
        queue_button=button_label,
        queue_age=age_words,
        queue_age_templates=age_templates,
        queue_source=source_words,
    )
