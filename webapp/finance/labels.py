"""Words for stored finance codes in the page's language, for the finance templates."""

from flask_babel import lazy_gettext as _l

from webapp.finance.charts import cap_bar, category_bars, month_bars
from webapp.i18n import current_language
from webapp.text.dates import _EN_JALALI_MONTHS, _FA_MONTHS
from webapp.text.formatting import fa_digits, format_money_compact

TYPE = {
    "contribution": _l("Contribution"),
    "self_funding": _l("Candidate's own money"),
    "party_transfer": _l("Transfer from a party"),
    "loan": _l("Loan"),
    "in_kind": _l("Gift in kind"),
    "expense": _l("Expense"),
    "loan_repayment": _l("Loan repayment"),
    "refund": _l("Refund of a contribution"),
    "bank_fee": _l("Bank fee"),
}
CATEGORY = {
    "advertising": _l("Advertising and media"),
    "printing": _l("Printing"),
    "venues": _l("Venues and events"),
    "staff": _l("Campaign staff"),
    "transport": _l("Transport"),
    "office": _l("Campaign office"),
    "online": _l("Online and messenger ads"),
    "consultants": _l("Consultants"),
    "other": _l("Other"),
}
KIND = {
    "individual": _l("Individual"),
    "company": _l("Company or organisation"),
    "party": _l("Party or political group"),
    "bank": _l("Bank"),
    "self": _l("The candidate"),
}
RECONCILIATION = {
    "matched": _l("Bank and report agree"),
    "bank_only": _l("Bank only: not reported"),
    "report_only": _l("Reported only: no bank row"),
    "mismatch": _l("Amounts differ"),
}
DIRECTION = {"in": _l("Money in"), "out": _l("Money out")}
SORT = {
    "newest": _l("Newest first"),
    "oldest": _l("Oldest first"),
    "largest": _l("Largest first"),
    "smallest": _l("Smallest first"),
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
        }


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
    return cap_bar(spent, cap, str(_l("Spending against the cap")), rtl, label_id, width=120)


def candidate_charts(d) -> dict:
    """The candidate page's three charts (cap, categories, months) as SVG markup."""
    rtl, s = current_language() != "en", d.summary
    out = {}
    if s and d.cap:
        out["cap"] = cap_bar(
            s.cap_spending, d.cap.cap_rial, str(_l("Spending against the cap")), rtl, "cap-chart"
        )
    rows = [
        (str(CATEGORY[code]), total, money_short(total)) for code, _n, total, _share in d.categories
    ]
    out["categories"] = category_bars(rows, str(_l("Spending by category")), rtl, "category-chart")
    months = [
        (month_name(m, short=True), money_in, money_out) for m, money_in, money_out in d.months
    ]
    out["months"] = month_bars(months, str(_l("Money in and out by month")), rtl, "month-chart")
    return out
