"""Dates follow the UI language: the English UI shows no Swedish month or weekday name, the Swedish UI
no English one (issue 10, "framework localisation").

The check looks only at text the date formatter produces: a month name next to a day number or a
year ('7 mars', 'juni 2011'), a month name that is the whole text of an element (the calendar's
month list), and a weekday name as a whole word (singular or plural: 'fredag', 'fredagar', 'Friday',
'Fridays'). April, September, November and December are spelt alike in both languages (apart from
case) and cannot tell them apart.
Demo data is data, not UI: a meeting's time note "fredag kl 10–12" or a plan's "from 1 januari 2011"
stays Swedish in the English UI, so every line of stored text is taken out of the page before the check."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTHS = {
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
WEEKDAYS = {
    "sv": ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def date_words(text: str, lang: str, element_texts: list[str]) -> list[str]:
    """Every month or weekday name of language `lang` that the date formatter could have written,
    lower-cased, sorted, each once."""
    shared = {m.lower() for m in MONTHS["sv"]} & {m.lower() for m in MONTHS["en"]}  # april, september...
    months = "|".join(m for m in MONTHS[lang] if m.lower() not in shared)
    weekdays = "|".join(WEEKDAYS[lang])
    flags = re.IGNORECASE
    found = re.findall(rf"\b\d{{1,2}}\.?\s*(?:–\s*\d{{1,2}}\.?\s*)?({months})\b", text, flags)
    found += re.findall(rf"\b({months})\s+\d{{1,4}}\b", text, flags)  # 'March 7', 'juni 2011'
    found += re.findall(rf"\b((?:{weekdays})(?:ar|s)?)\b", text, flags)
    found += [t.strip() for t in element_texts if t.strip().lower() in {m.lower() for m in MONTHS[lang]} - shared]
    return sorted({word.lower() for word in found})


def test_date_words_sees_both_languages():
    """The checker can fail: it finds each form the formatter writes and ignores data words."""
    assert date_words("fredag 7 mars 2014, 27–28 januari, Juni 2011, fredagar", "sv", ["Maj", "Mars 2014"]) == [
        "fredag",
        "fredagar",
        "januari",
        "juni",
        "maj",
        "mars",
    ]
    assert date_words("Friday 7 March 2014, Mondays, May 2011", "en", []) == ["friday", "march", "may", "mondays"]
    assert date_words("Marsvinsholm, majoritet, Tisdagsgruppen", "sv", ["Marsvin"]) == []


def without_data(text: str, snippets: list[str]) -> str:
    text = " ".join(text.split())
    for snippet in snippets:
        text = text.replace(snippet, " ")
    return text


def stored_text_with_date_words(lang: str) -> list[str]:
    """Every line of every text stored in the database that holds a month or weekday name of `lang`,
    whitespace-normalised, longest first (so a line is removed before any shorter line inside it)."""
    from django.apps import apps
    from django.db import models

    snippets = set()
    for model in apps.get_models():
        names = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if not names:
            continue
        for row in model.objects.values_list(*names):
            for value in row:
                for line in (value or "").splitlines():
                    line = " ".join(line.split())
                    if line and date_words(line, lang, []):
                        snippets.add(line)
    return sorted(snippets, key=len, reverse=True)


def test_without_data_takes_out_stored_lines():
    page_text = "Date  Weekday\n27 January Thursday fredag kl 10–12\nfrom 1 januari 2011 on"
    left = without_data(page_text, ["from 1 januari 2011 on", "fredag kl 10–12"])
    assert " ".join(left.split()) == "Date Weekday 27 January Thursday"
    assert date_words(left, "sv", []) == []


PAGES = [
    "/sodertorn/kalender/?ar=2011",
    "/sodertorn/kalender/?ar=2014",
    "/sodertorn/kalender/2011/6/",
    "meeting",
    "/sodertorn/program/",
    "/sodertorn/program/historik/",
    "/sodertorn/budget/",
    "/sodertorn/budget/2011/",
    "/sodertorn/verksamhetsplan/",
    "/sodertorn/verksamhetsplan/2011/",
    "/sodertorn/verksamhetsplan/2014/",
    "/sodertorn/verksamhetsplan/uppfoljning/",
]

# What each language must show somewhere on these pages, so a page that shows no dates at all cannot pass.
EXPECTED = {
    "en": ["27 January", "Friday", "June 2011"],
    "sv": ["27 januari", "fredag", "Juni 2011"],
}


@pytest.mark.parametrize("lang,other", [("en", "sv"), ("sv", "en")])
def test_dates_follow_the_ui_language(sodertorn, page, lang, other):
    from meetings.models import Meeting

    meeting = Meeting.objects.get(body__slug="samarbetskommitten", date="2011-01-27", kind="ordinary")
    data = stored_text_with_date_words(other)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.base_url}])
    seen, problems = [], []
    for path in PAGES:
        if path == "meeting":
            path = f"/sodertorn/kalender/mote/{meeting.pk}/"
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == lang, path
        text = without_data(page.inner_text("body").replace("\xa0", " "), data)
        element_texts = page.eval_on_selector_all(
            "body *", "els => els.filter(e => e.children.length === 0).map(e => e.innerText || '')"
        )
        element_texts = [t for t in element_texts if " ".join(t.split()) not in data]
        wrong = date_words(text, other, element_texts)
        if wrong:
            problems.append(f"{path}: {sorted(set(wrong))}")
        seen.append(text)
    assert not problems, f"{other} month or weekday names in the {lang} UI:\n" + "\n".join(problems)
    everything = "\n".join(seen)
    for snippet in EXPECTED[lang]:
        assert snippet in everything, f"{snippet!r} appears on none of the pages in {lang}"
