"""Language in the URL: Persian at `/`, English under `/en/`."""

from urllib.parse import urlencode

from flask import current_app, request
from markupsafe import Markup

LANGUAGES = ("fa", "en")
PREFIXES = {"en": "/en"}
ENV_KEY = "raynama.lang"


class LanguagePrefix:
    """WSGI middleware moving a `/en` path prefix into SCRIPT_NAME, so `url_for` keeps it."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        lang = "fa"
        for code, prefix in PREFIXES.items():
            if path == prefix or path.startswith(prefix + "/"):
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
                environ["PATH_INFO"] = path[len(prefix) :] or "/"
                lang = code
                break
        environ[ENV_KEY] = lang
        return self.app(environ, start_response)


def current_language() -> str:
    """Return the language code of the current request ('fa' outside a request)."""
    try:
        return request.environ.get(ENV_KEY, "fa")
    except RuntimeError:
        return "fa"


def text_direction(lang: str | None = None) -> str:
    """Return 'rtl' or 'ltr' for a language."""
    return "ltr" if (lang or current_language()) == "en" else "rtl"


MAX_CARRIED = 400


def url_in_language(lang: str, external: bool = False) -> str:
    """Return the current page's URL (path and query) in another language.

    `external` makes it absolute (PUBLIC_BASE_URL, else the request's host), as search engines
    want for `<link rel="alternate" hreflang>`.
    """
    base = request.environ.get("SCRIPT_NAME", "")
    for prefix in PREFIXES.values():
        base = base.removesuffix(prefix)
    path = base + PREFIXES.get(lang, "") + request.path
    # No field reads more than a few hundred characters: a pasted wall of text is not repeated
    # (percent-encoded, six bytes a Persian letter) into every link to the other language.
    query = urlencode([(k, v[:MAX_CARRIED]) for k, v in request.args.items(multi=True)])
    path += "?" + query if query else ""
    if external:
        base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
        return base.rstrip("/") + path
    return path


def persian(text: str | None) -> Markup:
    """Persian data text; on English pages isolated and marked lang="fa" for layout and voices."""
    if not text:
        return Markup("")
    if current_language() == "en":
        return Markup('<bdi lang="fa" dir="rtl">{}</bdi>').format(text)
    return Markup("{}").format(text)


def name_for(lang_fa: str, lang_en: str) -> str:
    """The plain name in the page's language (Persian when there is no English one), for sorting."""
    return lang_en if current_language() == "en" and lang_en else lang_fa


def pick(lang_fa: str, lang_en: str) -> Markup:
    """The name in the page's language; Persian (marked as such) when there is no English one."""
    if current_language() == "en" and lang_en:
        return Markup("{}").format(lang_en)
    return persian(lang_fa)


def list_separator() -> str:
    """The comma that joins place names in the page's language."""
    return ", " if current_language() == "en" else "، "


def item_separator() -> str:
    """What stands between the parts of a line (code, address, status…).

    Not a middle dot in Persian: beside Persian digits it reads as a zero («۵ · کرسی» as ۵۰).
    """
    return " · " if current_language() == "en" else " – "


def name_pairs(rows) -> list[tuple[int, str]]:
    """(id, name in the page's language) pairs for a select control."""
    return [(row.id, name_for(row.name_fa, getattr(row, "name_en", ""))) for row in rows]


def init_app(app) -> None:
    """Register language helpers for templates."""
    app.jinja_env.filters["map_pairs"] = name_pairs
    app.jinja_env.globals.update(
        current_language=current_language,
        text_direction=text_direction,
        url_in_language=url_in_language,
        pick=pick,
        list_separator=list_separator,
        item_separator=item_separator,
    )
    app.jinja_env.filters["fa"] = persian
