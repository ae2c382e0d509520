"""Words for sample finance rows: made-up payees, donors and descriptions.

Every name carries «نمونه» (sample), so no invented money is ever attached to a real person,
firm or party: donors are numbered («اهداکنندهٔ نمونهٔ شمارهٔ ۱۲۳۴۵»), vendors and parties are
a trade word plus an invented word plus «نمونه».
"""

from webapp.text.formatting import fa_digits

WORDS = [
    "آرمان", "سپیده", "نوین", "پارسه", "آوا", "البرز", "مهرگان", "روشن", "سیمرغ", "پویا",
    "ستاره", "افق", "بهار", "کوثر", "نگین", "آسمان", "دنا", "رهنما", "زاگرس", "فردا",
    "آفتاب", "امید", "پرند", "نیلوفر", "شبدیز", "تندیس", "ترنج", "سرو", "کاوه", "مهتاب",
]  # fmt: skip

VENDOR_TRADES = {
    "advertising": ["کانون تبلیغاتی", "شرکت تبلیغات محیطی", "مؤسسهٔ رسانه‌ای"],
    "printing": ["چاپخانهٔ", "چاپ و تکثیر", "کانون چاپ"],
    "venues": ["تالار", "سالن همایش", "تشریفات"],
    "staff": ["شرکت خدمات نیروی انسانی", "مؤسسهٔ خدمات اداری"],
    "transport": ["آژانس", "شرکت حمل‌ونقل", "تاکسی‌سرویس"],
    "office": ["بنگاه املاک", "فروشگاه لوازم اداری", "شرکت خدمات ساختمان"],
    "online": ["آژانس دیجیتال", "استودیو محتوا", "شرکت بازاریابی آنلاین"],
    "consultants": ["گروه مشاوران", "مؤسسهٔ مشاوره"],
    "other": ["فروشگاه", "شرکت بازرگانی"],
}

DESCRIPTIONS = {
    "advertising": [
        "اجارهٔ بیلبورد شهری",
        "تبلیغات محیطی",
        "ساخت تیزر تبلیغاتی",
        "آگهی در روزنامهٔ محلی",
        "نصب تابلو و پلاکارد",
    ],
    "printing": [
        "چاپ تراکت",
        "چاپ پوستر",
        "چاپ بنر",
        "چاپ کارت معرفی",
        "چاپ بروشور برنامه‌ها",
    ],
    "venues": ["اجارهٔ سالن همایش", "پذیرایی همایش", "برپایی چادر ستاد", "صوت و نور همایش"],
    "staff": ["حقوق کارکنان ستاد", "دستمزد نیروهای پخش تراکت", "حق‌الزحمهٔ ناظران"],
    "transport": ["کرایهٔ خودرو", "سوخت خودروهای ستاد", "سفر به روستاهای حوزه"],
    "office": ["اجارهٔ دفتر ستاد", "قبوض آب و برق ستاد", "خرید لوازم اداری", "اینترنت ستاد"],
    "online": [
        "تبلیغ در کانال‌های پیام‌رسان",
        "تولید ویدئوی کوتاه",
        "مدیریت صفحه‌ها در پیام‌رسان‌ها",
        "طراحی گرافیک برای فضای مجازی",
    ],
    "consultants": ["مشاورهٔ رسانه‌ای", "طراحی کارزار", "نظرسنجی محلی"],
    "other": ["هزینه‌های متفرقه", "خرید آب و پذیرایی", "هزینهٔ بانکی و اداری"],
}

INCOME_DESCRIPTIONS = {
    "contribution": ["کمک به ستاد انتخاباتی", "کمک هواداران", "واریز کمک مالی"],
    "self_funding": ["آوردهٔ شخصی نامزد", "واریز از حساب شخصی نامزد"],
    "party_transfer": ["کمک حزب به نامزد", "سهم نامزد از بودجهٔ فهرست"],
    "loan": ["وام قرض‌الحسنه", "وام کوتاه‌مدت"],
    "loan_repayment": ["قسط وام", "تسویهٔ وام"],
    "refund": ["بازگرداندن کمک بالاتر از سقف", "بازگرداندن کمک نامعتبر"],
    "bank_fee": ["کارمزد انتقال", "کارمزد صدور دسته‌چک"],
}

QUANTITIES = ["۵۰۰", "۱۰۰۰", "۲۰۰۰", "۵۰۰۰", "۱۰۰۰۰"]


def vendor_name(category: str, index: int, place: str) -> str:
    """A made-up vendor: trade, invented word, «نمونه», and the constituency's place name."""
    trades = VENDOR_TRADES[category]
    return f"{trades[index % len(trades)]} {WORDS[index % len(WORDS)]} نمونه ({place})"


def donor_name(number: int) -> str:
    """A numbered sample donor; never a person's name."""
    return f"اهداکنندهٔ نمونهٔ شمارهٔ {fa_digits(number)}"


def party_name(word: str) -> str:
    """A made-up party or political group."""
    return f"حزب نمونهٔ {word}"


def bank_name(word: str) -> str:
    """A made-up bank."""
    return f"بانک نمونهٔ {word}"
