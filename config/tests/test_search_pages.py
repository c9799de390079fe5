"""The search page, the decision register (page, CSV, XLSX, API): filters, bad input, query-count bounds."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from config.tests.search_builders import minutes_with_paragraphs, programme_with_goals
from organisations.models import Body
from organisations.testing import build_body

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
