import io
import re

import pytest
from django.urls import reverse

from plans import demo
from plans.models import OperatingPlan
from plans.tests import fakes

pytestmark = pytest.mark.django_db

SECTIONS = [
    "1. Inledning",
    "2. Syfte",
    "3. Förhållningssätt",
    "4. Vision 2025",
    "5. Samverkansområden och inriktning 2011",
    "6. Arbetsformer",
    "7. Kalendarium",
    "8. Budget 2011",
]
CALENDAR = [
    "14 april 2011",
    "9 juni 2011",
    "22 september 2011",
    "8 december 2011",
    "27–28 januari 2011",
    "21 januari 2011",
    "24 mars 2011",
    "6 oktober 2011",
]
BUDGET = [
    "Avgifter från kommunerna",
    "860 000 kr",
    "Personal",
    "580 000 kr",
    "50 000 kr",
    "Utredningar, konsultstöd mm",
    "230 000 kr",
]


@pytest.fixture
def plan_2011(coop, monkeypatch):
    fakes.install(monkeypatch)
    return OperatingPlan.objects.create(
        cooperation=coop,
        year=2011,
        title="Verksamhetsplan 2011",
        introduction=demo.INTRODUCTION_2011,
        purpose=demo.PURPOSE,
        principles=demo.PRINCIPLES,
        vision_year=2025,
        vision=demo.VISION_2011,
        areas=demo.AREAS_2011,
        balance=demo.BALANCE_2011,
        working_forms=demo.WORKING_FORMS_2011,
    )


def normalise(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def assert_in_order(text, parts):
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


def test_plan_page_shows_the_sections_calendar_and_budget(client, plan_2011, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("plans:detail", args=["test", 2011]))
    assert response.status_code == 200
    text = normalise(response.content.decode())
    assert_in_order(text, SECTIONS)
    for snippet in (
        CALENDAR
        + BUDGET
        + ["ca 430 000 invånare", "Avvägning mellan samverkansområdena", "Gå före – ett gott regionalt ledarskap"]
    ):
        assert snippet in text


def test_plan_pdf_is_tagged_and_has_the_eight_sections_calendar_and_budget(client, plan_2011):
    from pypdf import PdfReader

    response = client.get(reverse("plans:pdf", args=["test", 2011]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    assert_in_order(text, SECTIONS)
    for snippet in CALENDAR + BUDGET:
        assert snippet in text, snippet


def test_plan_docx_has_the_eight_sections_in_order_calendar_and_budget(client, plan_2011):
    import docx

    response = client.get(reverse("plans:docx", args=["test", 2011]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    text = normalise(" ".join(p.text for p in document.paragraphs) + " " + cells)
    for snippet in CALENDAR + BUDGET:
        assert snippet in text, snippet


def test_unknown_year_is_404(client, plan_2011):
    assert client.get(reverse("plans:detail", args=["test", 1999])).status_code == 404
    assert client.get("/finns-inte/verksamhetsplan/2011/").status_code == 404


def test_index_lists_plan_and_menu_has_operating_plan(client, plan_2011):
    response = client.get(reverse("plans:index", args=["test"]))
    text = response.content.decode()
    assert "Verksamhetsplan 2011" in text
    assert f'href="{reverse("plans:index", args=["test"])}"' in text
    assert ">Verksamhetsplan<" in text
