"""Error pages in the request's language, whole documents or fragments as the URL asks."""

import logging

from flask import g, render_template, request
from flask_babel import lazy_gettext
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    RequestURITooLarge,
    ServiceUnavailable,
)

log = logging.getLogger(__name__)

# The longest address the site reads (path and query, as sent): room for 10,000 Persian letters
# typed into a search box, percent-encoded. gunicorn passes longer lines on (limit_request_line 0)
# so the visitor gets this page in their language instead of the server's bare refusal.
MAX_URL_BYTES = 64 * 1024

TITLES = {
    400: lazy_gettext("This request could not be understood"),
    404: lazy_gettext("Page not found"),
    405: lazy_gettext("This action is not allowed here"),
    413: lazy_gettext("The request is too large"),
    414: lazy_gettext("The address is too long"),
    429: lazy_gettext("Too many requests"),
    500: lazy_gettext("Something went wrong on our side"),
    503: lazy_gettext("The service is temporarily unavailable"),
}


EXPLANATIONS = {
    400: lazy_gettext(
        "Something in the address or the form could not be used. Check it and try again."
    ),
    404: lazy_gettext("Check the address, or search for your place or station below."),
    405: lazy_gettext("Go back and try again from the page."),
    413: lazy_gettext("Send less at once and try again."),
    414: lazy_gettext("Search with fewer words, or start again from the search box below."),
    429: lazy_gettext("Please wait a minute and try again."),
    500: lazy_gettext("Please try again in a moment. If it keeps happening, try later."),
    503: lazy_gettext("Please try again in a moment."),
}


class BadInput(HTTPException):
    """A 400 that re-renders a page with a message in the page's language."""

    code = 400

    def __init__(self, message: str, template: str | None = None, **context):
        super().__init__(description=message)
        self.template = template
        self.context = context


def is_fragment_request() -> bool:
    """True when the current URL is a fragment endpoint (marked by `fragment_view`)."""
    return bool(getattr(g, "is_fragment", False))


def _render_error(error: HTTPException):
    code = error.code or 500
    title = str(TITLES.get(code, TITLES[500]))
    if request.path.startswith("/api/"):
        payload = {"error": error.name.lower().replace(" ", "_"), "message": title}
        return payload, code, {"Cache-Control": "no-store"}
    message = error.description if isinstance(error, BadInput) else None
    if isinstance(error, BadInput) and error.template and not is_fragment_request():
        body = render_template(error.template, error_message=message, **error.context)
    else:
        template = "errors/_error.html" if is_fragment_request() else "errors/error.html"
        explanation = str(EXPLANATIONS.get(code, EXPLANATIONS[500]))
        body = render_template(
            template, code=code, title=title, message=message, explanation=explanation
        )
    return body, code, {"Cache-Control": "no-store"}


def refuse_long_addresses() -> None:
    """414 with the site's own page for an address longer than MAX_URL_BYTES."""
    environ = request.environ
    if len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", "")) > MAX_URL_BYTES:
        raise RequestURITooLarge()


def refuse_nul_bytes() -> None:
    """Drop NUL characters from the query; 400 for one in the path or a form.

    No real input has one, and PostgreSQL refuses it in text: a crash deep in a query otherwise.
    A search box pasted full of control characters still gets its friendly answer.
    """
    if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        request.args = ImmutableMultiDict(
            (key.replace("\x00", ""), value.replace("\x00", ""))
            for key, value in request.args.items(multi=True)
        )
    values = [request.path]
    if request.method == "POST" and request.mimetype != "application/json":
        values.extend(request.form.values())
    if any("\x00" in value for value in values):
        raise BadInput(str(EXPLANATIONS[400]))


def init_app(app) -> None:
    """Register handlers for HTTP errors and for anything unexpected."""
    app.before_request(refuse_long_addresses)
    app.before_request(refuse_nul_bytes)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return _render_error(error)

    @app.errorhandler(DBAPIError)
    def database_down(error: DBAPIError):
        if not error.connection_invalidated and not _is_disconnect(error):
            return unexpected(error)
        log.warning("database unavailable on %s %s", request.method, request.path)
        return _render_error(ServiceUnavailable())

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _render_error(InternalServerError())


def _is_disconnect(error: DBAPIError) -> bool:
    """True for a lost or refused database connection (a restart), not a bad statement."""
    return isinstance(error, OperationalError)
