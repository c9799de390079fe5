"""Swedish formatting of dates and money, used by templates, documents and exports alike."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

MONTHS_SV = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]
WEEKDAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
NBSP = "\u00a0"


def sv_date(value: dt.date | dt.datetime | None, with_weekday: bool = False) -> str:
    """'7 mars 2014' (and 'fredag 7 mars 2014' with the weekday). Aware datetimes are shown in local time."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    text = f"{value.day} {MONTHS_SV[value.month - 1]} {value.year}"
    if with_weekday:
        text = f"{WEEKDAYS_SV[value.weekday()]} {text}"
    return text


def sv_time(value: dt.datetime | dt.time | None) -> str:
    """'12.00', the Swedish way of writing a time of day."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    return f"{value.hour:02d}.{value.minute:02d}"


def to_kronor(value) -> Decimal:
    """The one rounding helper: any amount to whole kronor, half up."""
    return Decimal(value).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def group_thousands(number: int) -> str:
    sign = "-" if number < 0 else ""
    digits = f"{abs(number):d}"
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(groups)


def kronor(value, unit: bool = True) -> str:
    """'860 000 kr' with a non-breaking space between thousands and before 'kr'."""
    if value is None or value == "":
        return ""
    text = group_thousands(int(to_kronor(value)))
    return f"{text}{NBSP}kr" if unit else text


def sv_number(value, decimals: int = 0) -> str:
    """A number the Swedish way: '437 062', '12,5'."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    if decimals == 0:
        return group_thousands(int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(q):f}".partition(".")
    sign = "-" if q < 0 else ""
    return f"{sign}{group_thousands(int(whole))},{frac}"


def parse_sv_decimal(text) -> Decimal:
    """A number as people type it in Swedish ('1 234,5', with ordinary or non-breaking spaces) to a
    Decimal. Raises decimal.InvalidOperation when it is not a number; callers give their own message."""
    return Decimal(str(text).strip().replace(NBSP, "").replace(" ", "").replace(",", "."))
