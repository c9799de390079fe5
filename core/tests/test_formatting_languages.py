"""Dates follow the active language (Django's catalogues and formats); Swedish output is unchanged."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from core import formatting


@pytest.mark.parametrize(
    "lang,plain,with_weekday",
    [
        ("sv", "7 mars 2014", "fredag 7 mars 2014"),
        ("en", "7 March 2014", "Friday 7 March 2014"),
    ],
)
def test_sv_date_follows_the_active_language(lang, plain, with_weekday):
    with translation.override(lang):
        assert formatting.sv_date(dt.date(2014, 3, 7)) == plain
        assert formatting.sv_date(dt.date(2014, 3, 7), with_weekday=True) == with_weekday


def test_an_aware_datetime_is_shown_on_its_local_date():
    late_utc = dt.datetime(2014, 3, 6, 23, 30, tzinfo=ZoneInfo("UTC"))  # 00.30 on 7 March in Stockholm
    with translation.override("sv"):
        assert formatting.sv_date(late_utc, with_weekday=True) == "fredag 7 mars 2014"


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("sv", ["januari", "mars", "maj", "december"]),
        ("en", ["January", "March", "May", "December"]),
    ],
)
def test_month_names(lang, expected):
    with translation.override(lang):
        assert [formatting.month_name(m) for m in (1, 3, 5, 12)] == expected


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("sv", ("27 januari", "januari 2012", "torsdag", "torsdagar")),
        ("en", ("27 January", "January 2012", "Thursday", "Thursdays")),
    ],
)
def test_parts_of_a_date(lang, expected):
    day = dt.date(2011, 1, 27)
    with translation.override(lang):
        assert (
            formatting.day_month(day),
            formatting.month_year(dt.date(2012, 1, 1)),
            formatting.weekday_name(day),
            str(formatting.WEEKDAYS_PLURAL[day.weekday()]),
        ) == expected


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("sv", ["", "Botkyrka", "Botkyrka och Haninge", "Botkyrka, Haninge och Huddinge"]),
        ("en", ["", "Botkyrka", "Botkyrka and Haninge", "Botkyrka, Haninge and Huddinge"]),
    ],
)
def test_join_and(lang, expected):
    names = ["Botkyrka", "Haninge", "Huddinge"]
    with translation.override(lang):
        assert [formatting.join_and(names[:n]) for n in range(4)] == expected
