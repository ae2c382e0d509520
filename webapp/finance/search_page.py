"""Everything the search page and its results fragment show, from the query string."""

from dataclasses import dataclass, replace

from flask import current_app, request
from flask_babel import gettext as _
from sqlalchemy import select

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance import planner, queries
from webapp.finance.cursor import Cursor, CursorError, dump_cursor, load_cursor
from webapp.finance.filters import Filters, Form, parse_filters, query_args
from webapp.finance.load import latest_batch
from webapp.finance.settings import setting
from webapp.finance.totals import Totals, cached_totals, totals
from webapp.i18n import name_for
from webapp.places.models import Province
from webapp.text.collation import persian_sort_key


@dataclass
class Results:
    """One page of results with what is needed to link onwards."""

    rows: list
    next_cursor: str | None
    totals: Totals
    text: object
    old_snapshot: bool
    too_short: bool = False


def _check_ids(form: Form) -> dict:
    """The chosen candidate, constituency and province; unknown ids become field errors."""
    f, found = form.filters, {}
    for name, model, message in (
        ("candidate", Candidate, _("There is no candidate with this number.")),
        ("constituency", Constituency, _("There is no constituency with this number.")),
        ("province", Province, _("There is no province with this number.")),
    ):
        value = getattr(f, name)
        found[name] = db.session.get(model, value) if value is not None else None
        if value is not None and found[name] is None:
            form.errors.append((name, message))
    candidate, constituency = found["candidate"], found["constituency"]
    if candidate and constituency and candidate.constituency_id != constituency.id:
        form.errors.append(("constituency", _("This candidate stands in another constituency.")))
    if constituency and found["province"] and constituency.province_id != found["province"].id:
        # The province was changed after a constituency was chosen: the newer choice wins.
        form.filters = replace(form.filters, constituency=None)
        found["constituency"] = None
    return found


def _cursor(form: Form, latest_id: int) -> Cursor | None:
    token = request.args.get("after", "")
    if not token:
        return None
    by_date = form.filters.sort in ("newest", "oldest")
    try:
        cursor = load_cursor(
            current_app.config["SECRET_KEY"], token[:400], form.filters.key(), by_date
        )
    except CursorError:
        form.errors.append(
            (
                "results",
                _(
                    "This page link is damaged or belongs to another search. "
                    "Start again from the first page."
                ),
            )
        )
        return None
    if cursor.snapshot > latest_id:
        form.errors.append(
            ("results", _("This page link is not valid. Start again from the first page."))
        )
        return None
    return cursor


def _results(f: Filters, cursor: Cursor | None, batch) -> Results:
    latest_id = batch.id
    snapshot = cursor.snapshot if cursor else latest_id
    old = snapshot if snapshot != latest_id else None
    text = queries.text_match(f.q)
    found = planner.page_ids(f, text, cursor, old, queries.PER_PAGE + 1)
    more = len(found) > queries.PER_PAGE
    found = found[: queries.PER_PAGE]
    next_cursor = None
    if more:
        last_id, value = found[-1]
        next_cursor = dump_cursor(
            current_app.config["SECRET_KEY"], Cursor(value, last_id, snapshot), f.key()
        )
    rows = queries.details([row_id for row_id, _value in found])
    short = queries.too_short(f.q)
    counted = totals(f, text, old) if old else cached_totals(f, text, batch)
    return Results(rows, next_cursor, counted, text, old is not None, short)


def _options(found: dict) -> dict:
    provinces = sorted(
        db.session.scalars(select(Province)),
        key=lambda p: persian_sort_key(name_for(p.name_fa, p.name_en)),
    )
    province = found["province"] or (
        found["constituency"].province if found["constituency"] else None
    )
    constituencies = []
    if province is not None:
        query = select(Constituency).where(Constituency.province_id == province.id)
        constituencies = sorted(
            db.session.scalars(query),
            key=lambda c: persian_sort_key(name_for(c.name_fa, c.name_en)),
        )
    return {"provinces": provinces, "constituencies": constituencies, "chosen_province": province}


def search_context() -> dict:
    """The page's context: form, chosen places, results (or field errors), as-of batch."""
    form = parse_filters(request.args)
    found = _check_ids(form)
    batch = latest_batch()
    cursor = _cursor(form, batch.id) if batch else None
    results = None
    if batch is not None and not form.errors:
        results = _results(form.filters, cursor, batch)
    return {
        "form": form,
        "f": form.filters,
        "found": found,
        "batch": batch,
        "results": results,
        "paged": cursor is not None,
        "args": query_args(form.filters),
        "export_limit": setting("FINANCE_EXPORT_MAX_ROWS"),
        **_options(found),
    }
