"""The match and match_fuzzy rows of the shared Persian cases, run against the database index.

webapp/text/match.py passes them in memory (tests/unit/test_persian_cases.py); here the same
names go through the real index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) and the tiered
search, alone in the index so each row's expected list is exactly what must come back.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(os.environ.get("CASES_DIR", ROOT.parent / "shared" / "cases")) / "persian.jsonl"


def _rows():
    names, rows = {}, []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["op"] == "sample_names":
            names = row["names"]
        elif row["op"] in ("match", "match_fuzzy"):
            rows.append(pytest.param(row, id=f"{row['op']}-{row['input']}"))
    return names, rows


NAMES, ROWS = _rows()
LETTERS = sorted(NAMES)


@pytest.fixture
def sample_index(app, monkeypatch):
    """The index holding only the cases file's sample names (ref_id = position of the letter)."""
    from webapp.extensions import db
    from webapp.search import index, registry

    kind = registry.Kind(
        "sample",
        registry.PEOPLE,
        1,
        "Sample",
        "Samples",
        lambda: [registry.Entry(i, NAMES[letter]) for i, letter in enumerate(LETTERS)],
        lambda hit: "#",
    )
    monkeypatch.setattr(registry, "KINDS", {"sample": kind})
    monkeypatch.setattr(registry, "_builtin", [True])
    with app.app_context():
        index.rebuild_index()
        db.session.commit()
        yield app
        db.session.remove()


def test_cases_have_match_rows():
    assert len(ROWS) >= 8 and len(NAMES) == 9


@pytest.mark.parametrize("row", ROWS)
def test_case_against_the_index(sample_index, row):
    from webapp.search import search

    with sample_index.test_request_context("/"):
        results = search(row["input"], per_kind=50)
    found = [LETTERS[hit.ref_id] for hit in results.hits]
    if row["op"] == "match":
        assert sorted(found) == sorted(row["expected"]), row["why"]
        assert not results.fuzzy
    else:
        assert found == row["expected"], row["why"]
        assert results.fuzzy and results.hits[0].tier_name == "fuzzy"
        assert results.did_you_mean.ref_id == LETTERS.index(row["expected"][0])
