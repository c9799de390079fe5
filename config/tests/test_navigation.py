"""The main menu: each app names its section in its AppConfig (`nav_section`); core collects them."""

import re

import pytest
from django.utils import translation

from core.context_processors import app_sections


def test_the_apps_sections_in_order():
    with translation.override("en"):  # the labels are lazy: read them in a known language
        sections = [(name, str(label)) for name, label in app_sections()]
    assert sections == [
        ("programme:index", "Programme"),
        ("plans:index", "Operating plan"),
        ("meetings:calendar", "Calendar"),
        ("budget:index", "Budget"),
        ("kpi:index", "Key figures"),
    ]


@pytest.mark.django_db
def test_the_menu_of_a_cooperation_page_in_swedish_and_english(coop, client):
    html = client.get(f"/{coop.slug}/").content.decode()
    links = re.findall(r'<li><a href="(/test/[^"]*)">([^<]+)</a></li>', html)
    assert links[-5:] == [
        ("/test/program/", "Program"),
        ("/test/verksamhetsplan/", "Verksamhetsplan"),
        ("/test/kalender/", "Kalender"),
        ("/test/budget/", "Budget"),
        ("/test/nyckeltal/", "Nyckeltal"),
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/{coop.slug}/").content.decode()
    labels = [label for _url, label in re.findall(r'<li><a href="(/test/[^"]*)">([^<]+)</a></li>', html)][-5:]
    assert labels == ["Programme", "Operating plan", "Calendar", "Budget", "Key figures"]
