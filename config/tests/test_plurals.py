"""Counts go through ngettext: '1 möte', '2 möten', never '1 möten' or '1 rader importerades'."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

CASES = [
    (
        "%(n)s meeting was created for %(year)s.",
        "%(n)s meetings were created for %(year)s.",
        "1 möte skapades för 2027.",
        "12 möten skapades för 2027.",
    ),
    ("%(n)s meeting", "%(n)s meetings", "1 möte", "12 möten"),
    ("At least %(n)s meeting a year", "At least %(n)s meetings a year", "Minst 1 möte per år", "Minst 12 möten per år"),
    ("%(n)s row was imported.", "%(n)s rows were imported.", "1 rad importerades.", "12 rader importerades."),
    ("%(n)s reminder sent.", "%(n)s reminders sent.", "1 påminnelse skickad.", "12 påminnelser skickade."),
]


@pytest.mark.parametrize("singular,plural,one,twelve", CASES, ids=[c[0] for c in CASES])
def test_swedish_plural_forms(singular, plural, one, twelve):
    with translation.override("sv"):
        assert ngettext(singular, plural, 1) % {"n": 1, "year": 2027} == one
        assert ngettext(singular, plural, 12) % {"n": 12, "year": 2027} == twelve
    with translation.override("en"):
        assert ngettext(singular, plural, 1) % {"n": 1, "year": 2027} == singular % {"n": 1, "year": 2027}


def test_value_counts_from_kolada():
    with translation.override("sv"):
        assert ngettext("%(count)s value imported.", "%(count)s values imported.", 1) % {"count": 1} == (
            "1 värde importerades."
        )
        assert ngettext("%(count)s value imported.", "%(count)s values imported.", 90) % {"count": 90} == (
            "90 värden importerades."
        )
