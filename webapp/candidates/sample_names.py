"""Synthetic Persian names, list names and statements for sample candidates.

Given names are common ones (a given name alone names nobody). Surnames are built from a root
(places, nature, crafts) and a usual suffix («دشتی‌نیا», «چنارپور»), the way many Persian
surnames are formed, so they read as real while belonging to no public figure; prominent
political family names are excluded outright. Every choice goes through the caller's
`random.Random`, so one seed gives the same names.
"""

import random

MALE = (
    "محمد", "علی", "حسین", "رضا", "مهدی", "حسن", "احمد", "مصطفی", "مجتبی", "جواد", "امیر",
    "حمید", "سعید", "مسعود", "محمود", "مرتضی", "ابوالفضل", "عباس", "جعفر", "ناصر", "کاظم",
    "هادی", "یوسف", "اکبر", "ابراهیم", "اسماعیل", "قاسم", "صادق", "نادر", "بهروز", "فرهاد",
    "کامران", "داوود", "سجاد", "میثم", "وحید", "مهران", "پیمان", "بهزاد", "منصور", "غلامرضا",
    "محمدرضا", "محمدعلی", "علیرضا", "حمیدرضا", "محمدحسین", "محمدجواد", "امیرحسین", "یعقوب",
    "روح‌الله", "حبیب‌الله", "فرج‌الله", "ولی‌الله", "نصرالله", "عبدالله", "سیاوش", "کوروش",
    "بهمن", "اصغر", "رسول", "موسی", "عیسی", "هاشم", "طاهر", "شهرام", "کیومرث", "مجید",
)  # fmt: skip
FEMALE = (
    "فاطمه", "زهرا", "مریم", "معصومه", "زینب", "سمیه", "طاهره", "مهناز", "نرگس", "اعظم",
    "سکینه", "منیژه", "فرزانه", "الهام", "لیلا", "پروین", "شهلا", "رقیه", "صدیقه", "مینا",
    "نسرین", "فریبا", "ژیلا", "آزاده", "سارا", "نازنین", "راضیه", "کبری", "اشرف", "طیبه",
    "حمیده", "ملیحه", "منصوره", "فاطمه‌سادات", "زهره", "شیرین", "مهسا", "هاجر", "عاطفه",
)  # fmt: skip
ROOTS = (
    "دشت", "کوه", "چنار", "سرو", "باغ", "آبشار", "نهال", "سپید", "البرز", "دماوند", "کویر",
    "دریا", "ساحل", "جنگل", "لاله", "نارون", "افرا", "بلوط", "گلزار", "کاریز", "قنات",
    "رود", "چشمه", "زاگرس", "تفت", "خرمن", "کشت", "مهتاب", "آفتاب", "ستاره", "شفق", "سحر",
    "بهار", "پاییز", "تابان", "روشن", "آذر", "مهر", "آبان", "بهمن‌یار", "کوشا", "دانا",
    "فرهیخت", "نیک", "پاک", "راست", "آرام", "شکیب", "سرافراز", "بردبار", "زرین", "سیمین",
    "مس", "آهن", "سنگ", "کاشی", "قالی", "نمد", "گیو", "زرگر", "آهنگر", "مسگر", "کوزه",
    "دیلم", "تالش", "سهند", "سبلان", "هیرمند", "کارون", "اروند", "سیمره", "تجن", "هراز",
)  # fmt: skip
SUFFIXES = (
    "ی", "ی", "ی", "پور", "زاده", "نیا", "فر", "نژاد", "وند", "دوست", "منش", "کیا", "راد",
    "ی‌فر", "ی‌نیا", "ی‌پور", "ی‌زاده", "ی‌نژاد", "انی", "ی‌راد",
)  # fmt: skip
# Never produced, whatever the roots: the family names of prominent political figures.
RESERVED_SURNAMES = frozenset(
    {
        "قالیباف", "لاریجانی", "رئیسی", "روحانی", "احمدی‌نژاد", "خاتمی", "هاشمی", "جلیلی",
        "پزشکیان", "رضایی", "ظریف", "عارف", "مطهری", "حدادعادل", "ناطق‌نوری", "کروبی",
        "موسوی", "زاکانی", "نبویان", "ثابتی", "پایداری", "آملی", "باهنر", "توکلی",
    }
)  # fmt: skip
LIST_WORDS_A = ("همدلی", "آبادانی", "صدای", "کار", "توسعه", "امانت", "خدمت", "پیشرفت")
LIST_WORDS_B = ("مردم", "شهر", "دیار", "محله‌ها", "جوانان", "فردا", "ولایت", "آینده")
LIST_KINDS = ("فهرست", "ائتلاف", "جمعیت", "جبههٔ")
STATEMENT_OPENINGS = (
    "برای پیگیری مطالبات مردم حوزه",
    "با تکیه بر تجربهٔ سال‌ها خدمت در استان",
    "به نمایندگی از نسل جوان",
    "برای شفافیت در تصمیم‌های مجلس",
    "با برنامه‌ای روشن برای اشتغال",
)  # fmt: skip
STATEMENT_PROMISES = (
    "ایجاد اشتغال پایدار برای جوانان", "پیگیری طرح‌های نیمه‌تمام آب و جاده",
    "حمایت از کشاورزان و دامداران", "شفافیت آرای نمایندگان", "بهبود درمان و بیمه",
    "توسعهٔ آموزش فنی و حرفه‌ای", "رونق گردشگری و صنایع دستی", "کاهش آلودگی هوا",
    "حمایت از واحدهای تولیدی کوچک", "پیگیری سهم حوزه از بودجهٔ عمرانی",
)  # fmt: skip


_NON_JOINING = "اآدذرزژو"
_WORD_SUFFIXES = ("پور", "زاده", "نیا", "فر", "نژاد", "دوست", "منش", "کیا", "راد")


def _join(root: str, suffix: str) -> str | None:
    """Root and suffix as Persian spells them, or None when the pair reads badly."""
    if suffix.startswith(("ی", "انی")):
        if root.endswith("ه") or (suffix == "انی" and root.endswith(("ا", "و", "ی"))):
            return None
        if root.endswith("ا"):
            suffix = "ی" + suffix
        elif root.endswith("ی"):
            suffix = suffix[1:]
        if suffix.startswith("\u200c"):
            suffix = suffix[1:]
        return root + (("\u200c" + suffix) if root.endswith("ی") and suffix else suffix)
    if suffix in _WORD_SUFFIXES and root[-1] not in _NON_JOINING:
        return root + "\u200c" + suffix
    return root + suffix


def surname(rng: random.Random) -> str:
    """A synthetic family name: a root and a usual suffix."""
    while True:
        name = _join(rng.choice(ROOTS), rng.choice(SUFFIXES))
        if name and name not in RESERVED_SURNAMES:
            return name


def given_name(rng: random.Random, female: bool) -> str:
    """A common given name, sometimes with the honorific Seyyed/Seyyedeh as written on lists."""
    if female:
        name = rng.choice(FEMALE)
        return ("سیده " + name) if rng.random() < 0.08 else name
    name = rng.choice(MALE)
    return ("سید" + name) if rng.random() < 0.12 else name


def list_names(rng: random.Random, count: int) -> list[str]:
    """Invented list or coalition names for one constituency."""
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(LIST_KINDS)} {rng.choice(LIST_WORDS_A)} {rng.choice(LIST_WORDS_B)}"
        if name not in names:
            names.append(name)
    return names


def statement(rng: random.Random) -> str:
    """A short campaign statement of two promises."""
    first, second = rng.sample(STATEMENT_PROMISES, 2)
    return f"{rng.choice(STATEMENT_OPENINGS)}، برنامهٔ من {first} و {second} است."
