"""The cubes behind exact totals: live rows summed by place, kind and month (and day).

Each cube holds three levels: every constituency (built from the rows), every province and the
whole country (built from the constituency level). A batch rebuilds the constituencies it
touched, then their provinces and the country; `cube_differences` checks them against the rows.
"""

from collections import defaultdict

from sqlalchemy import delete, false, func, insert, literal, or_, select

from webapp.extensions import db
from webapp.finance.models import (
    CONSTITUENCY,
    NATION,
    PROVINCE,
    FinanceCubeDay,
    FinanceCubeMonth,
    FinanceTxn,
)
from webapp.finance.rollups import chunked, scoped

CUBES = ((FinanceCubeMonth, "month"), (FinanceCubeDay, "day"))


def _period(model, name: str):
    return getattr(model, name)


def _constituency_level(model, name: str, chunk) -> None:
    T = FinanceTxn
    period = T.month if name == "month" else T.date
    columns = (T.constituency_id, T.province_id, T.kind, period)
    source = select(literal(CONSTITUENCY), *columns, func.count(), func.sum(T.amount))
    source = source.where(T.live.is_(True)).group_by(*columns)
    wipe = delete(model).where(model.level == CONSTITUENCY)
    if chunk is not None:
        source = source.where(T.constituency_id.in_(chunk))
        wipe = wipe.where(model.constituency_id.in_(chunk))
    db.session.execute(wipe)
    target = ["level", "constituency_id", "province_id", "kind", name, "n", "total"]
    db.session.execute(insert(model).from_select(target, source))


def _upper_level(model, name: str, level: int, provinces) -> None:
    """Province rows (of some provinces) or country rows, summed from the constituency rows."""
    period = _period(model, name)
    group = (model.province_id, model.kind, period) if level == PROVINCE else (model.kind, period)
    source = select(literal(level), *group, func.sum(model.n), func.sum(model.total))
    source = source.where(model.level == CONSTITUENCY).group_by(*group)
    wipe = delete(model).where(model.level == level)
    if level == PROVINCE and provinces is not None:
        known = [p for p in provinces if p is not None]
        chosen = or_(
            model.province_id.in_(known),
            model.province_id.is_(None) if None in provinces else false(),
        )
        source = source.where(chosen)
        wipe = wipe.where(chosen)
    db.session.execute(wipe)
    names = ["level", "province_id", "kind", name] if level == PROVINCE else ["level", "kind", name]
    db.session.execute(insert(model).from_select([*names, "n", "total"], source))


def rebuild_cubes(constituency_ids=None) -> None:
    """Rebuild the cubes of some constituencies (None: all), their provinces and the country."""
    provinces = None
    if constituency_ids is not None:
        query = select(FinanceTxn.province_id).distinct()
        found = scoped(query, FinanceTxn.constituency_id, constituency_ids)
        provinces = {p for q in found for p in db.session.scalars(q)}
    for model, name in CUBES:
        for chunk in [None] if constituency_ids is None else chunked(constituency_ids):
            _constituency_level(model, name, chunk)
        _upper_level(model, name, PROVINCE, provinces)
        _upper_level(model, name, NATION, None)


def cube_differences(constituency_ids=None) -> list:
    """Constituencies whose cube sums differ from their live rows, and levels that disagree."""
    T, M = FinanceTxn, FinanceCubeMonth
    rows = defaultdict(lambda: [0, 0, 0, 0])
    live = select(T.constituency_id, func.count(), func.sum(T.amount)).where(T.live.is_(True))
    for q in scoped(live.group_by(T.constituency_id), T.constituency_id, constituency_ids):
        for cid, n, total in db.session.execute(q):
            rows[cid][0:2] = [n, int(total)]
    cube = select(M.constituency_id, func.sum(M.n), func.sum(M.total)).where(
        M.level == CONSTITUENCY
    )
    for q in scoped(cube.group_by(M.constituency_id), M.constituency_id, constituency_ids):
        for cid, n, total in db.session.execute(q):
            rows[cid][2:4] = [int(n), int(total)]
    wrong = sorted(cid for cid, (a, b, c, d) in rows.items() if (a, b) != (c, d))
    for model, _name in CUBES:
        levels = select(model.level, func.sum(model.n), func.sum(model.total)).group_by(model.level)
        sums = {level: (int(n or 0), int(t or 0)) for level, n, t in db.session.execute(levels)}
        if len(set(sums.values())) > 1:
            wrong.append(f"{model.__tablename__} levels {sums}")
    return wrong
