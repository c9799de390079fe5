"""Formatting of dates and money, used by templates, documents and exports alike.

Dates follow the active language through Django's own catalogues and formats: '7 mars 2014' and
'fredag 7 mars 2014' in Swedish, '7 March 2014' and 'Friday 7 March 2014' in English. Only what
Django does not translate (weekdays in the plural, 'fredagar') comes from our root catalogue.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy

NBSP = "\u00a0"

# 'fredagar' / 'Fridays', as in "meets on Fridays", Monday first (date.weekday()).
WEEKDAYS_PLURAL = [
    gettext_lazy("Mondays"),
    gettext_lazy("Tuesdays"),
    gettext_lazy("Wednesdays"),
    gettext_lazy("Thursdays"),
    gettext_lazy("Fridays"),
    gettext_lazy("Saturdays"),
    gettext_lazy("Sundays"),
]


def _local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def month_name(month: int) -> str:
    """'mars' / 'March' in the active language (Django's catalogue)."""
    return formats.date_format(dt.date(2000, month, 1), "F")


def day_month(value: dt.date | dt.datetime) -> str:
    """'7 mars' / '7 March'."""
    return formats.date_format(_local_date(value), "j F")


def month_year(value: dt.date | dt.datetime) -> str:
    """'mars 2014' / 'March 2014'."""
    return formats.date_format(_local_date(value), "F Y")


def weekday_name(value: dt.date | dt.datetime) -> str:
    """'fredag' / 'Friday' (Django's catalogue)."""
    return formats.date_format(_local_date(value), "l")


def sv_date(value: dt.date | dt.datetime | None, with_weekday: bool = False) -> str:
    """A date in the active language: '7 mars 2014' (and 'fredag 7 mars 2014' with the weekday) in
    Swedish, '7 March 2014' ('Friday 7 March 2014') in English. Aware datetimes are shown in local time.
    (The name is historical: the Swedish form is the default because Swedish is the default language.)"""
    if value is None or value == "":
        return ""
    value = _local_date(value)
    text = formats.date_format(value, "j F Y")
    if with_weekday:
        text = f"{weekday_name(value)} {text}"
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


def join_and(items) -> str:
    """'Botkyrka', 'Botkyrka och Haninge', 'Botkyrka, Haninge och Huddinge' ('… and …' in English)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}
