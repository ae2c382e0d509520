"""Jalali (Solar Hijri) dates and Asia/Tehran clock times for display, and parsing typed dates."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import jdatetime

from webapp.text.formatting import fa_digits
from webapp.text.normalize import to_ascii_digits

TEHRAN = ZoneInfo("Asia/Tehran")

# Jalali years a person could mean on this site (1821–2121 CE); 2024 typed here is a Gregorian slip.
MIN_YEAR = 1200
MAX_YEAR = 1499

# Monday first, matching datetime.date.weekday(); spelled as the Academy writes them.
_FA_WEEKDAYS = ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"]
_EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FA_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]  # fmt: skip
_EN_JALALI_MONTHS = [
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
]  # fmt: skip
_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

_DATE_RE = re.compile(r"(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")

_MESSAGES = {
    "fa": {
        "empty": "تاریخ را وارد کنید.",
        "format": "تاریخ را به شکل سال/ماه/روز وارد کنید، مثلاً ۱۴۰۲/۱۲/۱۱.",
        "year": "سال باید به تقویم شمسی و بین {min} و {max} باشد.",
        "month": "ماه باید عددی از ۱ تا ۱۲ باشد.",
        "day": "{month} {year} فقط {days} روز دارد.",
        "day_zero": "روز باید عددی از ۱ تا {days} باشد.",
    },
    "en": {
        "empty": "Enter a date.",
        "format": "Enter the date as year/month/day, for example 1402/12/11.",
        "year": "The year must be a Solar Hijri year between {min} and {max}.",
        "month": "The month must be a number from 1 to 12.",
        "day": "{month} {year} has only {days} days.",
        "day_zero": "The day must be a number from 1 to {days}.",
    },
}


def _lang(lang):
    """Return "en" for English and "fa" for everything else."""
    return "en" if lang == "en" else "fa"


def _as_instant(value):
    """Return an aware datetime in Asia/Tehran; naive datetimes and ISO strings mean UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.strip())
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected a datetime or ISO date-time string, got {value!r}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(TEHRAN)


def _as_date(value):
    """Return the calendar date meant: a date as is, an instant's date in Asia/Tehran."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        value = text
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return _as_instant(value).date()


def _parts(value):
    """Return (gregorian date, jalali date) for any accepted input."""
    day = _as_date(value)
    return day, jdatetime.date.fromgregorian(date=day)


def _localized(text, lang):
    """Persian digits for Persian, ASCII for English."""
    return text if lang == "en" else fa_digits(text)


def _en_bracketed(jalali, gregorian_text):
    """English Gregorian text followed by the Jalali date in brackets."""
    month = _EN_JALALI_MONTHS[jalali.month - 1]
    return f"{gregorian_text} ({jalali.day} {month} {jalali.year})"


def format_date_long(d, lang="fa"):
    """Jalali day, month name and year: ۵ فروردین ۱۴۰۳ (en: 24 March 2024 (5 Farvardin 1403))."""
    day, jalali = _parts(d)
    if _lang(lang) == "en":
        return _en_bracketed(jalali, f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}")
    return fa_digits(f"{jalali.day} {_FA_MONTHS[jalali.month - 1]} {jalali.year}")


def format_date_full(d, lang="fa"):
    """Weekday and long Jalali date: جمعه ۱۱ اسفند ۱۴۰۲."""
    day, _ = _parts(d)
    if _lang(lang) == "en":
        return f"{_EN_WEEKDAYS[day.weekday()]} {format_date_long(day, 'en')}"
    return f"{_FA_WEEKDAYS[day.weekday()]} {format_date_long(day)}"


def format_date_short(d, lang="fa"):
    """Numeric Jalali date: ۱۴۰۲/۱۲/۱۱ (English: 2024-03-01 (1402/12/11))."""
    day, jalali = _parts(d)
    short = f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}"
    if _lang(lang) == "en":
        return f"{day.isoformat()} ({short})"
    return fa_digits(short)


def format_time(instant, lang="fa"):
    """Clock time in Asia/Tehran, 24-hour: ۰۸:۰۰."""
    return _localized(_as_instant(instant).strftime("%H:%M"), _lang(lang))


def format_closing(instant, lang="fa"):
    """A closing time in Asia/Tehran: like format_time, but midnight is ۲۴:۰۰, the end of the day,
    so an extension to midnight is not read as a time before opening."""
    local = _as_instant(instant)
    if (local.hour, local.minute) == (0, 0):
        return _localized("24:00", _lang(lang))
    return format_time(local, lang)


def format_datetime(instant, lang="fa"):
    """Full Jalali date and Tehran clock time: جمعه ۱۱ اسفند ۱۴۰۲، ساعت ۰۸:۰۰."""
    lang = _lang(lang)
    local = _as_instant(instant)
    if lang == "en":
        return f"{format_date_full(local.date(), lang)}, {format_time(local, lang)}"
    return f"{format_date_full(local.date(), lang)}، ساعت {format_time(local, lang)}"


def parse_date_jalali(s, lang="fa"):
    """Parse a typed Jalali date such as ۱۴۰۲/۱۲/۱۱ into a Gregorian datetime.date.

    Raises ValueError with a sentence fit to show the person who typed it.
    """
    messages = _MESSAGES[_lang(lang)]
    text = _INVISIBLE_RE.sub("", to_ascii_digits(s or "")).strip()
    if not text:
        raise ValueError(messages["empty"])
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(messages["format"])
    year, month, day = (int(part) for part in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_localized(messages["year"].format(min=MIN_YEAR, max=MAX_YEAR), lang))
    if not 1 <= month <= 12:
        raise ValueError(messages["month"])
    days = jdatetime.j_days_in_month[month - 1]
    if month == 12 and jdatetime.date(year, 1, 1).isleap():
        days = 30
    if day < 1:
        raise ValueError(_localized(messages["day_zero"].format(days=days), lang))
    if day > days:
        month_name = (_EN_JALALI_MONTHS if lang == "en" else _FA_MONTHS)[month - 1]
        text = messages["day"].format(month=month_name, year=year, days=days)
        raise ValueError(_localized(text, lang))
    return jdatetime.date(year, month, day).togregorian()


def format_clock(value, lang="fa"):
    """A wall-clock time of day (datetime.time), e.g. '۰۸:۰۰'; no time-zone conversion."""
    text = f"{value.hour:02d}:{value.minute:02d}"
    return text if _lang(lang) == "en" else _localized(text, lang)
