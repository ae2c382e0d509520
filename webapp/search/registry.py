"""The kinds of things search finds. A feature makes its records findable by registering a Kind.

A kind says which group it ranks in (places before stations and people), how to list its
records for the index, where a hit links and which tables hold its records. Register at import
time of the feature's views module (imported by `_blueprints()`)::

    register(Kind("candidate", PEOPLE, 60, _l("Candidate"), _l("Candidates"),
                  candidate_entries, lambda hit: url_for(...),
                  tables={"candidate": ("name_fa", "constituency_id")}))

Any transaction that inserts or deletes rows of those tables, or changes a watched column of
one through the ORM, rebuilds the index before it commits; `flask data index` rebuilds it by
hand (after a bulk UPDATE statement, for example, which the ORM cannot see into).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

PLACES = 0
PEOPLE = 1  # stations, candidates and other records found by their own names


class Entry(NamedTuple):
    """One record as a kind hands it to the index (a tuple: tens of thousands are made)."""

    ref_id: int
    name: str
    name_en: str = ""
    context_fa: str = ""
    context_en: str = ""
    context_names: tuple[str, ...] = ()
    weight: int = 0
    code: str | None = None
    number: int | None = None
    sample: bool = False


@dataclass(frozen=True)
class Kind:
    """A kind of record: its ranking group, labels, index rows and links."""

    name: str
    group: int
    order: int
    label: object  # lazy_gettext: "City"
    heading: object  # lazy_gettext: "Cities"
    entries: Callable[[], Iterable[Entry]] = field(compare=False)
    url: Callable[[object], str] = field(compare=False)
    # Tables holding the records, each with the columns the index shows: inserting or deleting
    # rows of these tables, or changing those columns through the ORM, makes the index stale.
    tables: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


KINDS: dict[str, Kind] = {}
_builtin = []


def _load_builtin() -> None:
    """Register the places and stations kinds once."""
    if not _builtin:
        _builtin.append(True)
        from webapp.search import sources

        sources.register_builtin()


def register(new: Kind) -> Kind:
    """Add (or replace) a kind; returns it."""
    _load_builtin()
    KINDS[new.name] = new
    return new


def kind(name: str) -> Kind:
    """The registered kind with this name."""
    _load_builtin()
    return KINDS[name]


def source_tables() -> dict[str, set[str]]:
    """Table name → watched columns, over every kind."""
    _load_builtin()
    watched: dict[str, set[str]] = {}
    for registered in KINDS.values():
        for table, columns in registered.tables.items():
            watched.setdefault(table, set()).update(columns)
    return watched


def all_kinds() -> list[Kind]:
    """Every registered kind, in display order."""
    _load_builtin()
    return sorted(KINDS.values(), key=lambda k: (k.group, k.order))
