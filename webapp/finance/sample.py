"""`flask data sample-finance --rows N --seed S`: deterministic sample finance, fast.

Only candidates marked sample get rows, and every payee and donor name says «نمونه». The rows
are written as plain tuples (executemany on SQLite, COPY on PostgreSQL) with the indexes built
afterwards when the table was empty; then the batch is finished like any import.
"""

import hashlib
import random
import time
from itertools import accumulate

from sqlalchemy import delete, exists, func, or_, select, text

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.finance import load
from webapp.finance import sample_plan as plan
from webapp.finance.dictionary import counterparty_ids, description_ids
from webapp.finance.models import FinanceBatch, FinanceCap, FinanceSummary, FinanceTxn
from webapp.finance.sample_rows import Pools, candidate_drafts
from webapp.finance.sample_vocab import (
    DESCRIPTIONS,
    INCOME_DESCRIPTIONS,
    WORDS,
    bank_name,
    donor_name,
    party_name,
    vendor_name,
)
from webapp.finance.sample_writer import Writer
from webapp.finance.settings import setting

VENDORS_PER_CATEGORY = 6
DONORS_PER_CANDIDATE = 3


def remove_sample_finance() -> int:
    """Delete the rows and summaries of sample candidates, and sample batches left empty."""
    sample = select(Candidate.id).where(Candidate.is_sample.is_(True))
    db.session.execute(delete(FinanceSummary).where(FinanceSummary.candidate_id.in_(sample)))
    removed = db.session.execute(delete(FinanceTxn).where(FinanceTxn.candidate_id.in_(sample)))
    T = FinanceTxn
    used = exists().where(or_(T.batch_id == FinanceBatch.id, T.ended_batch_id == FinanceBatch.id))
    db.session.execute(delete(FinanceBatch).where(FinanceBatch.is_sample.is_(True), ~used))
    return removed.rowcount or 0


def _candidates() -> list[tuple]:
    """(id, constituency id, province id, place word, cap) of every sample candidate."""
    query = (
        select(
            Candidate.id,
            Candidate.constituency_id,
            Constituency.province_id,
            Constituency.name_fa,
            FinanceCap.cap_rial,
        )  # fmt: skip
        .join(Constituency, Constituency.id == Candidate.constituency_id)
        .join(FinanceCap, FinanceCap.constituency_id == Candidate.constituency_id)
        .where(Candidate.is_sample.is_(True))
        .order_by(Candidate.id)
    )
    return [
        (c, con, prov, name.split("،")[0].strip(), cap)
        for c, con, prov, name, cap in db.session.execute(query)
    ]


def _pools(rng, candidates) -> tuple[dict, list, list]:
    """Counterparty ids: vendors by constituency and category, donors by constituency, others."""
    places = {con: place for _c, con, _p, place, _cap in candidates}
    per_constituency = {}
    for _c, con, *_rest in candidates:
        per_constituency[con] = per_constituency.get(con, 0) + 1
    wanted = {}
    for con, place in sorted(places.items()):
        for category in DESCRIPTIONS:
            picks = rng.sample(range(90), VENDORS_PER_CATEGORY)
            wanted[(con, category)] = [("company", vendor_name(category, i, place)) for i in picks]
        donors = min(3000, DONORS_PER_CANDIDATE * per_constituency[con])
        wanted[(con, "donors")] = [
            ("individual", donor_name(con * 10_000 + i)) for i in range(donors)
        ]
    wanted["parties"] = [("party", party_name(word)) for word in WORDS[:12]]
    wanted["banks"] = [("bank", bank_name(word)) for word in WORDS[12:18]]
    ids = counterparty_ids({pair for pairs in wanted.values() for pair in pairs})
    pools = {key: [ids[pair] for pair in pairs] for key, pairs in wanted.items()}
    return pools, pools.pop("parties"), pools.pop("banks")


def _descriptions() -> dict[str, int]:
    texts = {
        t
        for group in (DESCRIPTIONS, INCOME_DESCRIPTIONS)
        for items in group.values()
        for t in items
    }
    texts |= {"اهدای " + t for items in DESCRIPTIONS.values() for t in items}
    return description_ids(texts)


def _reference_count(rows: int) -> int:
    """How many references make `rows` rows when every 50th is amended (two versions)."""
    refs = rows * 50 // 51
    while refs + refs // 50 < rows:
        refs += 1
    return refs


def generate_sample_finance(rows: int = 1_000_000, seed: int = 1402) -> Report:
    """Replace the sample finance rows with a fresh deterministic set; return a report."""
    started = time.perf_counter()
    rng = random.Random(seed)
    report = Report(source=f"sample finance (seed {seed})")
    removed = remove_sample_finance()
    load.ensure_caps()
    candidates = _candidates()
    if not candidates:
        report.notes.append(
            "no sample candidates: generate them first (flask data sample-candidates)"
        )
        db.session.commit()
        return report
    pools, parties, banks = _pools(rng, candidates)
    batch = load.new_batch("sample", report.source, plan.AS_OF, "", rows)
    amended = load.new_batch("sample", report.source + ": amendments", plan.AMENDED_AS_OF, "", 0)
    writer = Writer(
        batch.id, amended.id, _descriptions(), setting("FINANCE_DISCLOSURE_THRESHOLD_RIAL")
    )
    _write_all(rng, writer, candidates, _reference_count(rows), pools, parties, banks)
    batch.rows_created = writer.written
    batch.rows_matched, batch.checksum = writer.matched, writer.digest.hexdigest()
    amended.rows_amended, amended.checksum = (
        writer.amended,
        hashlib.sha256(batch.checksum.encode()).hexdigest(),
    )
    report.created = writer.written
    report.notes += load.finish_batch(amended, None, built=True)
    db.session.commit()
    report.notes += [
        f"{writer.written - writer.aggregates} transaction rows ({writer.amended} amended) and "
        f"{writer.aggregates} monthly aggregates of small gifts for {len(candidates)} candidates",
        f"{removed} earlier sample rows removed",
        f"{time.perf_counter() - started:.1f} s",
    ]
    return report


def _write_all(rng, writer, candidates, references, pools, parties, banks) -> None:
    weights = plan.day_weights()
    days = (list(weights), list(accumulate(weights.values())))
    shares = [
        0.0 if rng.random() < plan.NO_FINANCE else plan.spending_share(rng) for _ in candidates
    ]
    counts = plan.row_counts(rng, shares, references)
    threshold = writer.threshold
    with writer.open():
        for (cid, con, prov, _place, cap), share, n in zip(candidates, shares, counts, strict=True):
            if n == 0:
                continue
            vendors = {cat: pools[(con, cat)] for cat in DESCRIPTIONS}
            mine = Pools(vendors, pools[(con, "donors")], parties, rng.choice(banks))
            drafts = candidate_drafts(rng, n, cap * share, mine, days, threshold)
            writer.add(cid, con, prov, drafts)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(
            text("SELECT setval(pg_get_serial_sequence('finance_txn', 'id'), :n)"),
            {"n": db.session.scalar(select(func.max(FinanceTxn.id)))},
        )
