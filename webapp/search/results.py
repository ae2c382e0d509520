"""Search results as pages show them: hits grouped by kind, counts, highlights, "did you mean"."""

from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from webapp.i18n import current_language
from webapp.search import engine
from webapp.search.keys import highlight
from webapp.search.plan import Plan, make_plan
from webapp.search.registry import Kind, kind
from webapp.text.normalize import skeleton_key

TIER_NAMES = ("exact", "prefix", "substring", "fuzzy", "skeleton")
PER_KIND = 10
SUGGESTIONS = 8


@dataclass
class Hit:
    """One record found, with its name marked where the query matched."""

    kind: str
    ref_id: int
    code: str | None
    display: str
    display_en: str
    context_fa: str
    context_en: str
    number: int | None
    sample: bool
    tier: int
    score: float = 0.0
    needles: tuple[str, ...] = ()
    skeleton: str = ""

    @cached_property
    def marked(self) -> Markup:
        """The name with the matched letters in <mark> (none for fuzzy hits)."""
        if self.tier == engine.SKELETON:
            return highlight(self.display, [self.skeleton], fold=skeleton_key)
        return highlight(self.display, [] if self.tier == engine.FUZZY else list(self.needles))

    @cached_property
    def marked_en(self) -> Markup:
        """The English name with the matched letters in <mark>."""
        return highlight(self.display_en, [] if self.tier >= engine.FUZZY else self.needles[:1])

    @property
    def tier_name(self) -> str:
        """exact, prefix, substring, fuzzy or skeleton."""
        return TIER_NAMES[self.tier]

    @property
    def url(self) -> str:
        """Where the hit links."""
        return kind(self.kind).url(self)

    @property
    def label(self):
        """The kind's name in the page's language ("City")."""
        return kind(self.kind).label

    @property
    def plain_name(self) -> str:
        """The name in the page's language, without markup."""
        return self.display_en if current_language() == "en" and self.display_en else self.display


@dataclass
class Group:
    """The hits of one kind; `total` counts all found, `at_least` when the count was capped."""

    kind: Kind
    total: int
    at_least: bool
    hits: list[Hit]


@dataclass
class Results:
    """Everything a results page or the suggestion list shows."""

    query: str
    searchable: bool
    groups: list[Group] = field(default_factory=list)
    fuzzy: bool = False
    hits: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many records were found, over all kinds."""
        return sum(group.total for group in self.groups)

    @property
    def did_you_mean(self) -> Hit | None:
        """The closest name when only the fuzzy tiers found anything: best score, then shortest."""
        if not self.fuzzy or not self.hits:
            return None
        return min(self.hits, key=lambda hit: (hit.tier, -hit.score, len(hit.plain_name)))


def _hit(row, plan: Plan) -> Hit:
    """A result row; its highlights are worked out when a template shows them."""
    return Hit(
        row.kind,
        row.ref_id,
        row.code,
        row.display,
        row.display_en,
        row.context_fa,
        row.context_en,
        row.number,
        bool(row.sample),
        row.tier,
        float(row.score or 0),
        plan.needles,
        plan.skeleton,
    )


def _groups(rows, hits: list[Hit]) -> list[Group]:
    """Hits grouped by kind, groups in the order of their best hit."""
    capped = bool(rows) and rows[0].fullest >= engine.CAP
    last_group = max((row.grp for row in rows), default=0)
    groups: dict[str, Group] = {}
    for row, hit in zip(rows, hits, strict=True):
        if hit.kind not in groups:
            at_least = capped and row.grp == last_group
            groups[hit.kind] = Group(kind(hit.kind), row.total, at_least, [])
        groups[hit.kind].hits.append(hit)
    return list(groups.values())


def search(query: str, per_kind: int = PER_KIND) -> Results:
    """Find records matching a query: sure tiers first; fuzzy tiers only when none holds the
    letters as typed (a whole-name skeleton match alone does not count)."""
    plan = make_plan(query)
    if not plan.searchable:
        return Results(query, searchable=False)
    rows = engine.sure_hits(plan, per_kind)
    fuzzy = False
    # A number is a code, not a misspelt name: no "Did you mean" station that has it in its name.
    if (
        plan.compact
        and not plan.compact.isdigit()
        and all(row.tier == engine.SKELETON for row in rows)
    ):
        # Nothing holds the letters as typed: "Did you mean …" over the fuzzy and skeleton tiers.
        rows = engine.fuzzy_hits(plan, per_kind)
        fuzzy = bool(rows)
    hits = [_hit(row, plan) for row in rows]
    return Results(query, True, _groups(rows, hits), fuzzy, hits)


def suggest(query: str, limit: int = SUGGESTIONS) -> Results:
    """At most `limit` best hits over all kinds, for the as-you-type list."""
    results = search(query, per_kind=limit)
    results.hits = results.hits[:limit]
    return results
