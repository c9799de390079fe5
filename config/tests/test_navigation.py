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
        ("search:decisions", "Decisions"),
        ("arrangements:overview", "Joint arrangements"),
        ("kpi:index", "Key figures"),
        ("news:index", "News"),
    ]


@pytest.mark.django_db
def test_the_menu_of_a_cooperation_page_in_swedish_and_english(coop, client):
    html = client.get(f"/{coop.slug}/").content.decode()
    links = re.findall(r'<li><a href="(/test/[^"]*)">([^<]+)</a></li>', html)
    assert links[-8:] == [
        ("/test/program/", "Program"),
        ("/test/verksamhetsplan/", "Verksamhetsplan"),
        ("/test/kalender/", "Kalender"),
        ("/test/budget/", "Budget"),
        ("/test/beslut/", "Beslut"),
        ("/test/gemensamt/", "Gemensamma åtaganden"),
        ("/test/nyckeltal/", "Nyckeltal"),
        ("/test/nyheter/", "Nyheter"),
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/{coop.slug}/").content.decode()
    labels = [label for _url, label in re.findall(r'<li><a href="(/test/[^"]*)">([^<]+)</a></li>', html)][-8:]
    assert labels == [
        "Programme",
        "Operating plan",
        "Calendar",
        "Budget",
        "Decisions",
        "Joint arrangements",
        "Key figures",
        "News",
    ]


@pytest.mark.django_db
def test_the_menu_marks_the_current_section(sodertorn, client):
    """The overview is marked only on itself; a section is marked on its pages (aria-current)."""

    def marked(path):
        html = client.get(path).content.decode()
        menu = html[html.index('class="wrap main-nav"') : html.index("</nav>", html.index('class="wrap main-nav"'))]
        return re.findall(r'<a href="([^"]+)" aria-current="(page|true)"', menu)

    assert marked("/sodertorn/") == [("/sodertorn/", "page")]
    assert marked("/sodertorn/kalender/") == [("/sodertorn/kalender/", "page")]
    assert marked("/sodertorn/organ/kansliet/") == [("/sodertorn/organ/", "true")]
    assert marked("/sodertorn/verksamhetsplan/uppfoljning/") == [("/sodertorn/verksamhetsplan/", "true")]


@pytest.mark.django_db
def test_the_header_links_the_admin_for_staff_only(sodertorn, client_for):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    staff = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="adminlank")  # the role's group has permissions
    assert staff.is_staff and staff.get_all_permissions()
    no_permission = build_user(username="utanbehorighet", is_staff=True)  # staff flag, but nothing to do there
    plain = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="ingenadmin", is_staff=False)
    assert 'href="/admin/"' not in client_for(no_permission).get("/sodertorn/").content.decode()
    assert 'href="/admin/"' in client_for(staff).get("/sodertorn/").content.decode()
    assert 'href="/admin/"' not in client_for(plain).get("/sodertorn/").content.decode()
    assert 'href="/admin/"' not in client_for(None).get("/sodertorn/").content.decode()
