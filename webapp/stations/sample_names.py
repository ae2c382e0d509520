"""Word lists and builders for realistic Persian venue names and addresses of sample stations.

Every choice goes through the caller's `random.Random`, so the same seed gives the same words.
"""

import random

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

HONOREES = (
    "شهید رجایی", "شهید باهنر", "شهید بهشتی", "شهید مطهری", "شهید چمران", "امام خمینی",
    "شهید مدنی", "علامه طباطبایی", "شهید همت", "شهید باکری", "حافظ", "سعدی", "فردوسی",
    "پروین اعتصامی", "امام رضا (ع)", "پانزده خرداد", "شهدای گمنام", "انقلاب اسلامی",
    "ابن‌سینا", "خواجه نصیرالدین طوسی", "دکتر حسابی", "شهید صدوقی", "شهید مفتح", "شهید بابایی",
    "شهید فهمیده", "شهید دستغیب", "آیت‌الله طالقانی", "شهید منتظری", "عدالت", "نور", "امید",
)  # fmt: skip
GIRLS_HONOREES = (
    "فرزانگان", "نرجس", "فاطمیه", "الزهرا (س)", "کوثر", "حضرت معصومه (س)", "ریحانه", "طاهره",
    "زینبیه", "پروین اعتصامی", "بنت‌الهدی صدر",
)  # fmt: skip
SCHOOL_KINDS = ("دبستان", "دبیرستان", "هنرستان", "مدرسه", "آموزشگاه")
MOSQUES = (
    "مسجد جامع", "مسجد امام حسین (ع)", "مسجد حضرت ابوالفضل (ع)", "مسجد امام رضا (ع)",
    "مسجد صاحب‌الزمان (عج)", "مسجد ولیعصر (عج)", "مسجد المهدی (عج)", "مسجد جامع امام حسن (ع)",
    "مسجد جوادالائمه (ع)", "مسجد قائم (عج)", "مسجد امام سجاد (ع)", "مسجد محمدیه",
)  # fmt: skip
OFFICES = (
    "فرمانداری", "بخشداری", "شهرداری", "ادارهٔ آموزش و پرورش", "ادارهٔ ورزش و جوانان",
    "ادارهٔ جهاد کشاورزی", "ادارهٔ فرهنگ و ارشاد اسلامی", "ادارهٔ بهزیستی", "دهیاری",
)  # fmt: skip
OTHER_VENUES = (
    "کانون فرهنگی تربیتی", "سالن ورزشی", "فرهنگسرای", "کتابخانهٔ عمومی", "حسینیهٔ",
    "کانون پرورش فکری کودکان و نوجوانان", "مجموعهٔ ورزشی", "خانهٔ فرهنگ",
)  # fmt: skip
STREETS = (
    "خیابان امام خمینی", "خیابان انقلاب", "بلوار شهید بهشتی", "خیابان آزادی", "خیابان طالقانی",
    "خیابان شریعتی", "خیابان ولیعصر", "بلوار جمهوری اسلامی", "خیابان شهید مطهری",
    "خیابان شهید چمران", "خیابان فردوسی", "خیابان حافظ", "خیابان سعدی", "بلوار معلم",
    "خیابان بسیج", "خیابان پاسداران", "بلوار کشاورز", "خیابان شهدا", "خیابان ۱۷ شهریور",
    "خیابان جمهوری", "بلوار ولایت", "خیابان امام رضا", "خیابان ۲۲ بهمن", "بلوار جانبازان",
    "خیابان کارگر", "خیابان شهید رجایی", "بلوار آیت‌الله کاشانی", "خیابان نواب صفوی",
)  # fmt: skip
ALLEY_NAMES = (
    "گلستان", "نسترن", "یاس", "لاله", "شقایق", "بهار", "شهید احمدی", "شهید کریمی", "مهر",
    "نرگس", "سرو", "صنوبر", "اقاقیا", "شهید حسینی", "فجر", "ایثار",
)  # fmt: skip
LANDMARKS = (
    "روبه‌روی نانوایی سنگکی", "جنب مسجد محل", "نرسیده به میدان اصلی", "پشت بیمارستان",
    "کنار پارک محله", "روبه‌روی داروخانه", "جنب بانک ملی", "بعد از پمپ بنزین",
    "روبه‌روی ایستگاه اتوبوس", "کنار سوپرمارکت محله", "نبش چهارراه", "روبه‌روی پاسگاه",
    "جنب درمانگاه", "پشت بازارچه", "روبه‌روی ادارهٔ پست", "کنار ورزشگاه", "جنب آتش‌نشانی",
    "روبه‌روی نانوایی بربری", "کنار میوه‌فروشی", "پایین‌تر از حسینیه",
)  # fmt: skip
NEIGHBOURHOODS = (
    "محلهٔ بازار", "کوی فرهنگیان", "شهرک ولیعصر", "محلهٔ سرچشمه", "کوی امام", "شهرک بهشتی",
    "محلهٔ قدیم", "کوی کارمندان", "شهرک امید", "محلهٔ میدان", "کوی بسیج", "محلهٔ باغ‌شاه",
    "کوی ملت", "شهرک صنعتی", "محلهٔ مسجد جامع", "کوی دانشگاه", "شهرک مسکن مهر",
    "محلهٔ قلعه", "کوی شهدا", "محلهٔ پایین", "محلهٔ بالا", "کوی آزادگان",
)  # fmt: skip
VILLAGES = (
    "قلعه‌نو", "حسین‌آباد", "علی‌آباد", "کلاته", "ده‌نو", "چشمه‌سار", "باغستان", "قاسم‌آباد",
    "محمدآباد", "رحیم‌آباد", "دولت‌آباد", "گلستان", "سرچشمه", "امیرآباد", "کهنه‌ده", "زیارت",
    "دره‌بید", "کوشک", "تازه‌کند", "قشلاق", "آق‌بلاغ", "ینگجه", "سرآسیاب", "لای‌بید",
    "جعفرآباد", "اسلام‌آباد", "نصرآباد", "شورک", "چاه‌شیرین", "کته‌شور", "گردنه", "سیاه‌چشمه",
)  # fmt: skip
STOP_SPOTS = ("جنب دهیاری", "مسجد روستا", "مدرسهٔ روستا", "میدان روستا", "خانهٔ بهداشت")


def number(rng: random.Random, low: int, high: int) -> str:
    """A random whole number written in Persian digits."""
    return str(rng.randint(low, high)).translate(PERSIAN_DIGITS)


def venue(rng: random.Random, audience: str) -> tuple[str, str]:
    """A venue name and its kind; women- or men-only stations sit in girls' or boys' schools."""
    roll = rng.random()
    if audience != "mixed" or roll < 0.55:
        kind = rng.choice(SCHOOL_KINDS[:3])
        if audience == "women" or (audience == "mixed" and rng.random() < 0.2):
            return f"{kind} دخترانه {rng.choice(GIRLS_HONOREES)}", "school"
        if audience == "men":
            return f"{kind} پسرانه {rng.choice(HONOREES)}", "school"
        return f"{rng.choice(SCHOOL_KINDS)} {rng.choice(HONOREES)}", "school"
    if roll < 0.8:
        return rng.choice(MOSQUES), "mosque"
    if roll < 0.9:
        return rng.choice(OFFICES), "office"
    return f"{rng.choice(OTHER_VENUES)} {rng.choice(HONOREES)}", "other"


def address(rng: random.Random) -> str:
    """A street address: street, alley and sometimes a plate number."""
    street = rng.choice(STREETS)
    if rng.random() < 0.5:
        alley = f"کوچهٔ {number(rng, 1, 48)}"
    else:
        alley = f"کوچهٔ {rng.choice(ALLEY_NAMES)}" + (f" {number(rng, 1, 9)}" * (rng.random() < 0.4))
    plate = f"، پلاک {number(rng, 1, 220)}" if rng.random() < 0.35 else ""
    return f"{street}، {alley}{plate}"


def landmark(rng: random.Random) -> str:
    """A landmark most of the time, else an empty string."""
    return rng.choice(LANDMARKS) if rng.random() < 0.75 else ""


def neighbourhood(rng: random.Random) -> str:
    """A neighbourhood name most of the time, else an empty string."""
    return rng.choice(NEIGHBOURHOODS) if rng.random() < 0.7 else ""


def village_stop(rng: random.Random, used: set) -> str:
    """A stop of a mobile station: «روستای …» and a spot in it, not repeating a village."""
    name = rng.choice([v for v in VILLAGES if v not in used])
    used.add(name)
    return f"روستای {name}، {rng.choice(STOP_SPOTS)}"


def mobile_name(rng: random.Random, serial: int, place: str) -> str:
    """The name of a mobile station, e.g. «شعبهٔ سیار ۱۴ — روستاهای اطراف مرند»."""
    return f"شعبهٔ سیار {str(serial).translate(PERSIAN_DIGITS)} — روستاهای اطراف {place}"
