import re

import pytest
from django.urls import reverse

from plans.models import ActionPlan, Activity, FollowUpRound, OperatingPlan

pytestmark = pytest.mark.django_db


def test_demo_loads_plans_tied_to_the_right_programmes_and_is_idempotent(sodertorn):
    from plans import demo

    p2011 = OperatingPlan.objects.get(cooperation=sodertorn, year=2011)
    p2014 = OperatingPlan.objects.get(cooperation=sodertorn, year=2014)
    assert p2011.programme.short_name == "SUP 2010"
    assert p2014.programme.short_name == "SUP 2013"
    assert p2014.approval_note == "Godkänd av SSK"
    counts = (ActionPlan.objects.count(), Activity.objects.count(), FollowUpRound.objects.count())
    assert counts[0] >= 4 and counts[1] >= 6 and counts[2] == 1
    assert all(a.is_demo for a in Activity.objects.all())
    assert all(a.goals.get().focus_area.programme == p2014.programme for a in Activity.objects.all())
    demo.load(sodertorn, log=lambda *_: None)
    assert (ActionPlan.objects.count(), Activity.objects.count(), FollowUpRound.objects.count()) == counts


def test_2011_page_shows_plan_with_calendar_and_budget_from_the_other_apps(client, sodertorn):
    response = client.get("/sodertorn/verksamhetsplan/2011/")
    assert response.status_code == 200
    assert reverse("plans:detail", args=["sodertorn", 2011]) == "/sodertorn/verksamhetsplan/2011/"
    text = re.sub(r"\s+", " ", response.content.decode().replace("\u00a0", " "))
    for snippet in [
        "7. Kalendarium",
        "8. Budget 2011",
        "Ledningsgruppen",
        "860 000 kr",
        "580 000 kr",
        "230 000 kr",
        "50 000 kr",
        "Södertörns UtvecklingsProgram 2010",
    ]:
        assert snippet in text, snippet
    assert "Kalendariet är inte fastställt ännu." not in text
    assert "Ingen budget är fastställd för året." not in text


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
BUDGET_LINES = [
    "Avgifter från kommunerna",
    "860 000 kr",
    "Personal",
    "580 000 kr",
    "50 000 kr",
    "Utredningar, konsultstöd mm",
    "230 000 kr",
]


def _norm(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _calendar_dates(coop):
    from meetings.selectors import calendar_for_year
    from plans.documents import entry_date

    dates = [entry_date(e) for g in calendar_for_year(coop, 2011) for e in g.entries]
    assert len(dates) >= 10
    return dates


def test_2011_pdf_and_docx_from_the_demo_have_sections_calendar_and_budget(client, sodertorn):
    import io

    import docx
    from pypdf import PdfReader

    dates = _calendar_dates(sodertorn)
    pdf = client.get(reverse("plans:pdf", args=["sodertorn", 2011]))
    text = _norm(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    position = -1
    for heading in SECTIONS:
        found = text.find(heading, position + 1)
        assert found > position, heading
        position = found
    calendar_part = text[text.find("7. Kalendarium") : text.find("8. Budget 2011")]
    for date in dates:
        assert _norm(date) in calendar_part, date
    for line in BUDGET_LINES:
        assert line in text[text.find("8. Budget 2011") :], line

    document = docx.Document(io.BytesIO(client.get(reverse("plans:docx", args=["sodertorn", 2011])).content))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SECTIONS
    cells = _norm(" ".join(c.text for t in document.tables for row in t.rows for c in row.cells))
    for item in dates + BUDGET_LINES:
        assert _norm(item) in cells, item
