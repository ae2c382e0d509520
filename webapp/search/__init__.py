"""One search for every feature: places, stations and (once registered) candidates and more.

Use ``search(query)`` for a results page and ``suggest(query)`` for the as-you-type list;
``rebuild_index()`` after loading data (``flask data index`` does it from the shell); a feature
makes its records findable with ``register(Kind(...))`` (see registry.py).
"""

from webapp.search.index import rebuild_index
from webapp.search.models import SearchEntry, SearchTerm
from webapp.search.registry import PEOPLE, PLACES, Entry, Kind, register
from webapp.search.results import Results, search, suggest

__all__ = [
    "PEOPLE",
    "PLACES",
    "Entry",
    "Kind",
    "Results",
    "SearchEntry",
    "SearchTerm",
    "rebuild_index",
    "register",
    "search",
    "suggest",
]
