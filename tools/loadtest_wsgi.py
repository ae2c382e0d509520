"""The production app plus one bare route, for `make loadtest`'s ratio (never deployed).

`/_bare` goes through the same WSGI stack and response policy as every page but renders no
template and runs no query: the ceiling a page's requests per second is measured against.
"""

from webapp import create_app

app = create_app()


@app.get("/_bare")
def bare():
    """A constant answer."""
    return "ok"
