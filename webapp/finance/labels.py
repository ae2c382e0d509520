"""Words for stored finance codes in the page's language, for the finance templates."""

from flask_babel import gettext, lazy_gettext

from webapp.finance.charts import cap_bar, category_bars, month_bars
from webapp.finance.settings import setting
from webapp.i18n import current_language
from webapp.text.dates import _EN_JALALI_MONTHS, _FA_MONTHS
from webapp.text.formatting import fa_digits, format_money_compact

TYPE = {
    "contribution": lazy_gettext("Contribution"),
    "self_funding": lazy_gettext("Candidate's own money"),
    "party_transfer": lazy_gettext("Transfer from a party"),
    "loan": lazy_gettext("Loan"),
    "in_kind": lazy_gettext("Gift in kind"),
    "expense": lazy_gettext("Expense"),
    "loan_repayment": lazy_gettext("Loan repayment"),
    "refund": lazy_gettext("Refund of a contribution"),
    "bank_fee": lazy_gettext("Bank fee"),
}
CATEGORY = {
    "advertising": lazy_gettext("Advertising and media"),
    "printing": lazy_gettext("Printing"),
    "venues": lazy_gettext("Venues and events"),
    "staff": lazy_gettext("Campaign staff"),
    "transport": lazy_gettext("Transport"),
    "office": lazy_gettext("Campaign office"),
    "online": lazy_gettext("Online and messenger ads"),
    "consultants": lazy_gettext("Consultants"),
    "other": lazy_gettext("Other"),
}
KIND = {
    "individual": lazy_gettext("Individual"),
    "company": lazy_gettext("Company or organisation"),
    "party": lazy_gettext("Party or political group"),
    "bank": lazy_gettext("Bank"),
    "self": lazy_gettext("The candidate"),
}
RECONCILIATION = {
    "matched": lazy_gettext("Bank and report agree"),
    "bank_only": lazy_gettext("Bank only: not reported"),
    "report_only": lazy_gettext("Reported only: no bank row"),
    "mismatch": lazy_gettext("Amounts differ"),
}
DIRECTION = {"in": lazy_gettext("Money in"), "out": lazy_gettext("Money out")}
SORT = {
    "newest": lazy_gettext("Newest first"),
    "oldest": lazy_gettext("Oldest first"),
    "largest": lazy_gettext("Largest first"),
    "smallest": lazy_gettext("Smallest first"),
}


def money_short(rials) -> str:
    """Rials as toman with a scale word in the page's language: ۱٫۲ میلیارد تومان."""
    return "" if rials is None else format_money_compact(rials, current_language())


def _resolved(words: dict) -> dict:
    """The labels translated once for this request (a page shows them many times)."""
    return {code: str(word) for code, word in words.items()}


def register(bp) -> None:
    """Make the labels available to this blueprint's templates."""

    @bp.context_processor
    def finance_labels():
        return {
            "type_label": _resolved(TYPE),
            "category_label": _resolved(CATEGORY),
            "kind_label": _resolved(KIND),
            "reconciliation_label": _resolved(RECONCILIATION),
            "direction_label": _resolved(DIRECTION),
            "sort_label": _resolved(SORT),
            "money_short": money_short,
            "month_name": month_name,
            "small_cap_bar": small_cap_bar,
            "sample_cap_basis": sample_cap_basis,
        }


def sample_cap_basis() -> str:
    """How the sample caps were set, in the page's language (official caps carry their own)."""
    return gettext(
        "Sample: %(first)s for a constituency of one seat and %(extra)s more for each further "
        "seat, until the Interior Ministry's official caps are loaded.",
        first=money_short(setting("FINANCE_SAMPLE_CAP_FIRST_SEAT_RIAL")),
        extra=money_short(setting("FINANCE_SAMPLE_CAP_EXTRA_SEAT_RIAL")),
    )


def month_name(month: int, short: bool = False) -> str:
    """A Jalali month (yyyymm) in the page's language: «بهمن ۱۴۰۲», or «بهمن» when short."""
    year, number = divmod(month, 100)
    if current_language() == "en":
        name = _EN_JALALI_MONTHS[number - 1]
        return name if short else f"{name} {year}"
    name = _FA_MONTHS[number - 1]
    return name if short else f"{name} {fa_digits(year)}"


def small_cap_bar(spent: int, cap: int, label_id: str):
    """A narrow cap bar for a table cell."""
    rtl = current_language() != "en"
    return cap_bar(
        spent, cap, str(lazy_gettext("Spending against the cap")), rtl, label_id, width=120
    )


def candidate_charts(d) -> dict:
    """The candidate page's three charts (cap, categories, months) as SVG markup."""
    rtl, s = current_language() != "en", d.summary
    out = {}
    if s and d.cap:
        out["cap"] = cap_bar(
            s.cap_spending,
            d.cap.cap_rial,
            str(lazy_gettext("Spending against the cap")),
            rtl,
            "cap-chart",
        )
    rows = [
        (str(CATEGORY[code]), total, money_short(total)) for code, _n, total, _share in d.categories
    ]
    out["categories"] = category_bars(
        rows, str(lazy_gettext("Spending by category")), rtl, "category-chart"
    )
    months = [
        (month_name(m, short=True), money_in, money_out) for m, money_in, money_out in d.months
    ]
    out["months"] = month_bars(
        months, str(lazy_gettext("Money in and out by month")), rtl, "month-chart"
    )
    return out
