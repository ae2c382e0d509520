"""The kinds of things search finds. A feature makes its records findable by registering a Kind.

A kind says which group it ranks in (places before stations and people), how to list its
records for the index, where a hit links and which tables hold its records. Register at import
time of the feature's views module (imported by `_blueprints()`)::

    register(Kind("candidate", PEOPLE, 60, _l("Candidate"), _l("Candidates"),
                  candidate_entries, lambda hit: url_for(...), tables=("candidate",)))

Any transaction that inserts or deletes rows of those tables rebuilds the index before it
commits; `flask data index` rebuilds it by hand (after in-place edits of names, for example).
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
    tables: tuple[str, ...] = ()  # inserting or deleting rows here makes the index out of date


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


def source_tables() -> frozenset[str]:
    """The tables whose inserts and deletes the index follows."""
    _load_builtin()
    return frozenset(table for k in KINDS.values() for table in k.tables)


def all_kinds() -> list[Kind]:
    """Every registered kind, in display order."""
    _load_builtin()
    return sorted(KINDS.values(), key=lambda k: (k.group, k.order))
