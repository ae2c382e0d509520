"""The fixed vocabularies of campaign finance: types, categories, sources, reconciliation.

Stored values are short English codes; the CSV format also accepts the Persian words below,
so a file typed from the transparency system's screens imports as it is.
"""

from webapp.text.normalize import compact_key

IN, OUT = "in", "out"

# type → direction of the money (into the campaign account or out of it)
TYPES = {
    "contribution": IN,
    "self_funding": IN,
    "party_transfer": IN,
    "loan": IN,
    "in_kind": IN,
    "expense": OUT,
    "loan_repayment": OUT,
    "refund": OUT,
    "bank_fee": OUT,
}
TYPES_FA = {
    "contribution": "کمک مالی",
    "self_funding": "آورده شخصی",
    "party_transfer": "انتقال از حزب یا گروه",
    "loan": "وام",
    "in_kind": "کمک غیرنقدی",
    "expense": "هزینه",
    "loan_repayment": "بازپرداخت وام",
    "refund": "بازگرداندن کمک",
    "bank_fee": "کارمزد بانکی",
}

# The fixed Persian list of spending categories (expenses and in-kind gifts carry one).
CATEGORIES_FA = {
    "advertising": "تبلیغات و رسانه",
    "printing": "چاپ و تکثیر",
    "venues": "سالن و همایش",
    "staff": "کارکنان ستاد",
    "transport": "حمل‌ونقل",
    "office": "دفتر و ستاد",
    "online": "تبلیغات مجازی و پیام‌رسان",
    "consultants": "مشاوره",
    "other": "سایر",
}
CATEGORIES = tuple(CATEGORIES_FA)
CATEGORY_TYPES = ("expense", "in_kind")

COUNTERPARTY_KINDS_FA = {
    "individual": "شخص حقیقی",
    "company": "شخص حقوقی",
    "party": "حزب یا گروه سیاسی",
    "bank": "بانک",
    "self": "خود نامزد",
}
DEFAULT_KIND = {
    "self_funding": "self",
    "party_transfer": "party",
    "loan": "bank",
    "loan_repayment": "bank",
    "bank_fee": "bank",
    "expense": "company",
    "contribution": "individual",
    "in_kind": "individual",
    "refund": "individual",
}

SOURCES = ("bank", "report", "both")
SOURCES_FA = {"bank": "بانک", "report": "گزارش", "self_report": "گزارش", "both": "هر دو"}
RECONCILIATIONS = ("matched", "bank_only", "report_only", "mismatch")
# Worst first: an aggregate row of small gifts shows the worst state among its gifts.
RECONCILIATION_RANK = {"mismatch": 0, "report_only": 1, "bank_only": 2, "matched": 3}

DIRECTIONS_FA = {"واریز": IN, "دریافت": IN, "برداشت": OUT, "پرداخت": OUT}

# Types that count towards the legal spending cap: spending proper, and gifts in kind (goods or
# services someone else paid for on the campaign's behalf).
CAP_TYPES = ("expense", "bank_fee", "in_kind")


_TYPE_WORDS = {**{v: k for k, v in TYPES_FA.items()}, **{k: k for k in TYPES}}
_CATEGORY_WORDS = {**{v: k for k, v in CATEGORIES_FA.items()}, **{k: k for k in CATEGORIES}}
_KIND_WORDS = {
    **{v: k for k, v in COUNTERPARTY_KINDS_FA.items()},
    **{k: k for k in COUNTERPARTY_KINDS_FA},
    "شرکت": "company",
    "حزب": "party",
}
_SOURCE_WORDS = {**{v: k for k, v in SOURCES_FA.items()}, "bank": "bank", "report": "report"}
_DIRECTION_WORDS = {**DIRECTIONS_FA, IN: IN, OUT: OUT}

_TABLES = {
    "type": {compact_key(w): c for w, c in _TYPE_WORDS.items()},
    "category": {compact_key(w): c for w, c in _CATEGORY_WORDS.items()},
    "kind": {compact_key(w): c for w, c in _KIND_WORDS.items()},
    "source": {compact_key(w): c for w, c in _SOURCE_WORDS.items()},
    "direction": {compact_key(w): c for w, c in _DIRECTION_WORDS.items()},
}


def read_code(vocabulary: str, text: str) -> str | None:
    """The code for a typed word of a vocabulary (code or Persian word), or None."""
    return _TABLES[vocabulary].get(compact_key(text or ""))


# Every (type, category) pair a row can have, numbered: the `kind` column, which the indexes and
# cubes use so that direction, type and category filters become one short list of numbers.
KINDS = tuple(
    (type_, category)
    for type_ in TYPES
    for category in (CATEGORIES if type_ in CATEGORY_TYPES else (None,))
)
KIND_CODE = {pair: code for code, pair in enumerate(KINDS)}


def kind_code(type_: str, category: str | None) -> int:
    """The number of a (type, category) pair."""
    return KIND_CODE[(type_, category)]


def kinds_allowed(direction: str = "", type_: str = "", category: str = "") -> list[int]:
    """The kinds a direction, type and category filter lets through (all when none is set)."""
    return [
        code
        for code, (t, c) in enumerate(KINDS)
        if (not direction or TYPES[t] == direction)
        and (not type_ or t == type_)
        and (not category or c == category)
    ]
