"""The search page, the decision register (page, CSV, XLSX, API): filters, bad input, query-count bounds."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from openpyxl import load_workbook

from config.tests.search_builders import minutes_with_paragraphs, programme_with_goals, replaced_programme
from organisations.models import Body
from organisations.testing import build_body
from programme.models import FocusArea, Goal

pytestmark = pytest.mark.django_db


def test_the_search_page_shows_highlighted_hits_and_facets(coop, client):
    programme_with_goals(coop, {"Infrastruktur": ["Tätare kollektivtrafik till stadskärnorna."]})
    page = client.get(f"/{coop.slug}/sok/?q=kollektivtrafiken").content.decode()
    assert "<mark>kollektivtrafik</mark>" in page
    assert 'id="f-kind"' in page and "(1)" in page
    assert client.get(f"/{coop.slug}/sok/").status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        "q=" + "x" * 5000,
        "q=%22%22",
        "q=%22",
        "q=*",
        "q=a%27b%3A*%20%26%20!",
        "q=OR%20AND%20NOT",
        "q=NEAR(a%20b)",
        "q=trafik&ar=abc",
        "q=trafik&ar=99999",
        "q=trafik&sida=-1",
        "q=trafik&sida=99999999999",
        "q=trafik&typ=%00",
        "q=%C2%A7%2060",
        "q=2019%2F",
        "q=-",
        "q=%5C",
    ],
)
def test_bad_input_gives_a_page_never_an_error(coop, client, params):
    """A page or a clear refusal (400 from core.hygiene for unstorable input, 422 from the API's schema)."""
    programme_with_goals(coop, {"Infrastruktur": ["Tätare kollektivtrafik."]})
    assert client.get(f"/{coop.slug}/sok/?{params}").status_code in (200, 400)
    assert client.get(f"/{coop.slug}/beslut/?{params}").status_code in (200, 400)
    assert client.get(f"/api/v1/cooperations/{coop.slug}/search?{params}").status_code in (200, 400, 422)


def test_facets_narrow_the_hits(coop, client):
    a = build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    b = build_body(coop, Body.Kind.MANAGEMENT_GROUP, name="Ledningsgruppen")
    minutes_with_paragraphs(
        coop, [("Trafikfrågor i kommittén", "Beslutas.")], approved=True, body=a, date=dt.date(2020, 2, 2)
    )
    minutes_with_paragraphs(
        coop, [("Trafikfrågor i ledningsgruppen", "Beslutas.")], approved=True, body=b, date=dt.date(2021, 2, 2)
    )
    api = f"/api/v1/cooperations/{coop.slug}/search?q=trafikfrågor"
    assert client.get(api).json()["total"] == 2
    assert [h["title"] for h in client.get(api + "&body=Ledningsgruppen").json()["hits"]] == [
        "§ 1 Trafikfrågor i ledningsgruppen"
    ]
    assert [h["title"] for h in client.get(api + "&year=2020").json()["hits"]] == ["§ 1 Trafikfrågor i kommittén"]
    facets = client.get(api + "&year=2020").json()["facets"]
    # Each facet is counted with the other filters: the year facet still offers both years.
    assert {f["value"] for f in facets["year"]} == {"2020", "2021"}
    assert [f["value"] for f in facets["body_name"]] == ["Samarbetskommittén"]


def test_the_decision_register_lists_filters_and_exports_safely(coop, client):
    body = build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    minutes_with_paragraphs(
        coop,
        [("=SUM(1+1)", "Beslutas enligt förslaget."), ("Val av justerare", "")],
        approved=True,
        body=body,
        case_number="SK 2021/7",
    )
    page = client.get(f"/{coop.slug}/beslut/").content.decode()
    assert "Beslutas enligt förslaget." in page and "SK 2021/7" in page
    assert "Val av justerare" not in page  # a paragraph without a decision is no decision
    assert f"/{coop.slug}/protokoll/" in page and "utdrag/1.pdf" in page
    csv = client.get(f"/{coop.slug}/beslut/beslut.csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert ";§ 1 =SUM(1+1);" in text  # the title starts with "§", not "=": left as it is
    assert "2021-03-04;Samarbetskommittén;§ 1;SK 2021/7" in text
    xlsx = client.get(f"/{coop.slug}/beslut/beslut.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c.value for c in sheet[3]]
    assert values[0] == dt.datetime(2021, 3, 4) and values[1] == "Samarbetskommittén" and values[3] == "SK 2021/7"
    api = client.get(f"/api/v1/cooperations/{coop.slug}/decisions?body=Samarbetskommitt%C3%A9n").json()
    assert api["count"] == 1 and api["items"][0]["paragraph"] == "§ 1"
    assert api["items"][0]["extract_url"].endswith("/utdrag/1.pdf")
    assert client.get(f"/{coop.slug}/beslut/beslut.pdf").status_code == 404


def test_a_formula_in_an_exported_field_is_neutralised(coop, client):
    body = build_body(coop, Body.Kind.COMMITTEE, name="=cmd|' /C calc'!A0")
    minutes_with_paragraphs(coop, [("Ärende", "Beslutas.")], approved=True, body=body)
    text = client.get(f"/{coop.slug}/beslut/beslut.csv").content.decode("utf-8-sig")
    assert "'=cmd" in text and ";=cmd" not in text


def test_the_demo_register_holds_tyresos_decision_and_the_committees_paragraphs(client):
    page = client.get("/sodertorn/beslut/?kommun=Tyres%C3%B6").content.decode()
    assert "2019/KS 0260 005" in page and "§ 60" in page
    assert "Kommunstyrelseförvaltningen" not in page  # the officers' memo is no decision
    page = client.get("/sodertorn/beslut/").content.decode()
    assert "Södertörns samarbetskommitté" in page


def _ten_times(coop, n):
    body = build_body(coop, Body.Kind.COMMITTEE, name=f"Kommittén {n}")
    texts = {f"Område {i}": [f"Kollektivtrafik och bostäder, mål {i}.{k}" for k in range(4)] for i in range(n)}
    programme_with_goals(coop, texts, slug=f"p-{n}")
    for year in range(n):
        minutes_with_paragraphs(
            coop,
            [(f"Kollektivtrafiken år {year} § {k}", "Beslutas.") for k in range(3)],
            approved=True,
            body=body,
            date=dt.date(2000 + year, 3, 4),
        )


@pytest.mark.parametrize(
    "path",
    [
        "/{slug}/sok/?q=kollektivtrafiken",
        "/{slug}/sok/?q=kollektivtrafiken&sida=2",
        "/{slug}/beslut/",
        "/{slug}/beslut/beslut.csv",
        "/api/v1/cooperations/{slug}/search?q=kollektivtrafik",
        "/api/v1/cooperations/{slug}/decisions",
    ],
)
def test_pages_answer_within_a_fixed_number_of_queries(coop, client, django_assert_max_num_queries, path, users):
    _ten_times(coop, 3)
    url = path.format(slug=coop.slug)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    _ten_times(coop, 30)  # ten times the data
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
    client.force_login(users["secretariat"])
    with django_assert_max_num_queries(len(small.captured_queries) + 6):
        assert client.get(url).status_code == 200


# --- What is in force now ---------------------------------------------------------------------------


def in_force_box(page: str) -> str:
    """The "in force now" box of a search page ("" when there is none)."""
    match = re.search(r'<section class="card in-force".*?</section>', page, re.S)
    return match.group(0) if match else ""


def box_links(box: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a href="([^"]+)"', box)]


def test_the_search_page_shows_what_is_in_force_now_with_a_working_link(coop, client):
    older, newer, goal = replaced_programme(coop)
    page = client.get(f"/{coop.slug}/sok/?q=kollektivtrafiken").content.decode()
    box = in_force_box(page)
    assert "I programmet som gäller nu" in box
    assert f"Träffarna gäller {older.short_name}, som har ersatts av {newer.short_name}." in box
    assert "Samma fokusområde där:" in box and goal.text in box
    assert "kollektivtrafik" in page.split(box)[1]  # the ordinary hits follow the box
    [link] = box_links(box)
    path, anchor = link.split("#")
    target = client.get(path)
    assert target.status_code == 200
    assert f'id="{anchor}">Infrastruktur<' in target.content.decode()
    assert "I programmet som gäller nu" not in client.get(f"/{coop.slug}/sok/?q=förutsättning").content.decode()


def test_the_box_speaks_english_too(coop, client):
    replaced_programme(coop)
    client.get(f"/{coop.slug}/?lang=en")  # the language link sets the cookie
    page = client.get(f"/{coop.slug}/sok/?q=kollektivtrafiken").content.decode()
    box = in_force_box(page)
    assert "In the programme in force now" in box and "which has been replaced by" in box, box


def test_the_search_api_answers_what_is_in_force_now(coop, client):
    older, newer, goal = replaced_programme(coop)
    data = client.get(f"/api/v1/cooperations/{coop.slug}/search?q=kollektivtrafiken").json()
    assert data["in_force"] == [
        {
            "replaced": [older.short_name],
            "programme": newer.short_name,
            "focus_area": "Infrastruktur",
            "goal": goal.text,
            "url": f"http://testserver/{coop.slug}/program/nyare/maltrad/#fokusomrade-{goal.focus_area_id}",
            "published": True,
        }
    ]
    assert client.get(f"/api/v1/cooperations/{coop.slug}/search?q=förutsättning").json()["in_force"] == []


def test_an_unpublished_successor_is_not_in_the_box_for_anonymous_users(coop, client, users):
    older, newer, goal = replaced_programme(coop, successor_sent=False)
    url = f"/{coop.slug}/sok/?q=kollektivtrafiken"
    page = client.get(url).content.decode()
    assert "kollektivtrafik" in page and not in_force_box(page) and goal.text not in page
    assert client.get(f"/api/v1/cooperations/{coop.slug}/search?q=kollektivtrafiken").json()["in_force"] == []
    client.force_login(users["secretariat"])
    box = in_force_box(client.get(url).content.decode())
    assert goal.text in box and "inte publicerat" in box


def _replaced_chain(coop, n):
    """n programmes, each replacing the one before, with n focus areas of four goals that name kollektivtrafik."""
    before = None
    for k in range(n):
        texts = {f"Område {i}": [f"Kollektivtrafik i område {i}, mål {k}.{g}" for g in range(4)] for i in range(n)}
        programme, _goals = programme_with_goals(coop, texts, slug=f"kedja-{n}-{k}", year=2000 + k)
        if before:
            programme.replaces = before
            programme.save()
        before = programme


@pytest.mark.parametrize(
    "path", ["/{slug}/sok/?q=kollektivtrafiken", "/api/v1/cooperations/{slug}/search?q=kollektivtrafik"]
)
def test_the_in_force_box_answers_within_a_fixed_number_of_queries(
    coop, client, django_assert_max_num_queries, path, users
):
    _replaced_chain(coop, 3)
    url = path.format(slug=coop.slug)
    with django_assert_max_num_queries(14) as small:
        response = client.get(url)
    assert response.status_code == 200 and "kedja-3-2" in response.content.decode()
    _replaced_chain(coop, 10)  # more programmes, areas and goals
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "kedja-10-9" in response.content.decode()
    client.force_login(users["secretariat"])
    with django_assert_max_num_queries(len(small.captured_queries) + 6):
        assert client.get(url).status_code == 200


# --- the demo ---------------------------------------------------------------------------------------


def test_the_demo_answers_kollektivtrafiken_with_the_sup_2035_goal_on_infrastructure(client):
    """The seeds name kollektivtrafik only in SUP 2013; SUP 2035, which replaced it, is what is in force."""
    page = client.get("/sodertorn/sok/?q=kollektivtrafiken").content.decode()
    box = in_force_box(page)
    assert "Stark infrastruktur är en förutsättning för hållbar utveckling" in box, box
    assert "Träffarna gäller SUP 2013, som har ersatts av SUP 2035." in box
    links = box_links(box)
    assert links, box
    for link in links:
        path, anchor = link.split("#")
        target = client.get(path)
        assert target.status_code == 200, link
        text = target.content.decode()
        assert f'id="{anchor}"' in text and "Stark infrastruktur är en förutsättning för hållbar utveckling" in text
    area = FocusArea.objects.get(
        programme__cooperation__slug="sodertorn", programme__short_name="SUP 2035", pk=int(links[0].rsplit("-", 1)[1])
    )
    assert area.name.strip().casefold() == "infrastruktur"
    assert Goal.objects.filter(
        focus_area=area, text="Stark infrastruktur är en förutsättning för hållbar utveckling"
    ).exists()


def test_the_demo_still_finds_tyresos_decision_by_its_case_number(client):
    page = client.get("/sodertorn/sok/?q=2019%2FKS%200260").content.decode()
    hits = page.split('<ol class="search-hits"', 1)[1]
    first = hits.split("</li>", 1)[0]
    assert "Tyresö" in first and "§ 60" in first, first
    assert not in_force_box(page)
