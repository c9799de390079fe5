"""A cooperation's own vocabulary (issue 15): the names of its kinds of bodies and of its groups of focus areas,
and the template of its operating plans, come from the cooperation, not from code or the demo. The demo shows
what it showed before; a second cooperation with other words shows its own words on its pages, in its
documents and in the API, and never the demo's."""

import datetime as dt
import io
import re

import pytest
from docx import Document as DocxDocument

from core.services import SYSTEM
from core.tests.document_parse import parse_pdf
from organisations import services as org_services
from organisations.models import Body, Cooperation
from organisations.testing import build_body
from plans.models import OperatingPlan
from programme.tests.builders import build_programme

#: Words of the demo's vocabulary that no other cooperation's page or document may show.
DEMO_WORDS = re.compile(
    r"samarbetskommitt|regionala utvecklingsfrågor|internt samarbete|samverkansområden och inriktning"
    r"|avvägning mellan",
    re.I,
)
TEXTS = {name: f"Text om {name}." for name in OperatingPlan.SECTIONS}


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    content = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    if content.startswith(b"%PDF"):
        return " ".join(parse_pdf(content).pages)
    if content.startswith(b"PK"):
        return " ".join(p.text for p in DocxDocument(io.BytesIO(content)).paragraphs)
    return content.decode()


@pytest.fixture
def federation(coop):
    """A cooperation with words of its own: a federation's board, its own groups and plan template."""
    org_services.cooperation_vocabulary_update(
        actor=SYSTEM,
        cooperation=coop,
        kind_name_committee="förbundsstyrelse",
        kind_name_network="arbetsnätverk",
        focus_group_regional="Tillväxt i länet",
        focus_group_internal="",
        plan_sections=[
            {"key": "introduction", "heading": "Bakgrund"},
            {"key": "areas", "heading": "Prioriteringar {år}"},
            {"key": "balance", "heading": "Fördelning mellan prioriteringarna"},
            {"key": "budget", "heading": ""},
        ],
    )
    board = build_body(coop, Body.Kind.COMMITTEE, name="Styrelsen", slug="styrelsen")
    build_body(coop, Body.Kind.NETWORK, name="Nätverket", slug="natverket")
    programme = build_programme(coop, slug="plan-2030", areas=2)
    plan = OperatingPlan.objects.create(
        cooperation=coop, year=2027, title="Verksamhetsplan 2027", programme=programme, **TEXTS
    )
    return {"coop": Cooperation.objects.get(pk=coop.pk), "board": board, "programme": programme, "plan": plan}


def test_the_demo_keeps_its_words(sodertorn, client):
    assert "Samarbetskommitté" in _text(client.get("/sodertorn/organ/"))
    page = _text(client.get("/sodertorn/program/sup-2035/"))
    assert "Regionala utvecklingsfrågor" in page and "Internt samarbete" in page
    plan = OperatingPlan.objects.filter(cooperation=sodertorn).order_by("-year").first()
    page = _text(client.get(f"/sodertorn/verksamhetsplan/{plan.year}/"))
    for heading in (
        "1. Inledning",
        "2. Syfte",
        "3. Förhållningssätt",
        "4. Vision",
        "5. Samverkansområden och inriktning",
        "6. Arbetsformer",
        "7. Kalendarium",
        "8. Budget",
    ):
        assert heading in page


def test_a_cooperation_shows_its_own_words_and_never_the_demos(sodertorn, federation, client):
    coop = federation["coop"]
    pages = {
        url: _text(client.get(url))
        for url in (
            "/test/",
            "/test/organ/",
            "/test/organ/styrelsen/",
            "/test/natverk/",
            "/test/program/plan-2030/",
            "/test/program/plan-2030/maltrad/",
            "/test/program/plan-2030/pdf/",
            "/test/program/plan-2030/docx/",
            "/test/verksamhetsplan/2027/",
            "/test/verksamhetsplan/2027/verksamhetsplan.pdf",
            "/test/verksamhetsplan/2027/verksamhetsplan.docx",
        )
    }
    for url, text in pages.items():
        assert not DEMO_WORDS.search(text), (url, DEMO_WORDS.search(text).group(0))
    assert "Förbundsstyrelse" in pages["/test/organ/"] and "Förbundsstyrelse" in pages["/test/organ/styrelsen/"]
    assert "Arbetsnätverk" in pages["/test/organ/"] or "Arbetsnätverk" in pages["/test/natverk/"]
    for url in (
        "/test/program/plan-2030/",
        "/test/program/plan-2030/pdf/",
        "/test/program/plan-2030/docx/",
        "/test/program/plan-2030/maltrad/",
    ):
        assert "Tillväxt i länet" in pages[url], url
    for url in (
        "/test/verksamhetsplan/2027/",
        "/test/verksamhetsplan/2027/verksamhetsplan.pdf",
        "/test/verksamhetsplan/2027/verksamhetsplan.docx",
    ):
        text = pages[url]
        assert "1. Bakgrund" in text and "2. Prioriteringar 2027" in text and "3. Budget 2027" in text, url
        assert "Fördelning mellan prioriteringarna" in text, url
        assert "Inledning" not in text and "Kalendarium" not in text and "Text om purpose" not in text, url
    api = client.get("/api/v1/cooperations/test").json()
    assert api["kind_names"]["committee"] == "förbundsstyrelse" and api["kind_names"]["secretariat"] == "kansli"
    assert api["focus_area_groups"] == {"regional": "Tillväxt i länet", "internal": ""}
    bodies = client.get("/api/v1/cooperations/test/bodies").json()["items"]
    assert {b["kind_name"] for b in bodies} == {"förbundsstyrelse", "arbetsnätverk"}
    assert coop.kind_name("management_group") == "ledningsgrupp"
    # And the demo, on the same installation, keeps its own.
    assert "Samarbetskommitté" in _text(client.get("/sodertorn/organ/"))


def test_a_new_cooperation_starts_with_neutral_words_and_the_default_template(coop, client):
    build_body(coop, Body.Kind.COMMITTEE, name="Styrgruppen", slug="styrgruppen")
    build_programme(coop, slug="p", areas=2)
    OperatingPlan.objects.create(cooperation=coop, year=2027, title="VP", **TEXTS)
    text = _text(client.get("/test/organ/"))
    assert "Kommitté" in text and not DEMO_WORDS.search(text)
    text = _text(client.get("/test/program/p/"))
    assert "Område 1" in text and not DEMO_WORDS.search(text)
    text = _text(client.get("/test/verksamhetsplan/2027/"))
    assert "1. Inledning" in text and "8. Budget 2027" in text  # the seeds' eight, the default template


def test_approval_asks_only_for_the_templates_sections(federation, users, client_for):
    from meetings.models import Meeting

    plan = federation["plan"]
    OperatingPlan.objects.filter(pk=plan.pk).update(purpose="", principles="", vision="", working_forms="")
    meeting = Meeting.objects.create(body=federation["board"], date=dt.date(2026, 12, 4))
    c = client_for(users["secretariat"])
    page = _text(c.get("/test/verksamhetsplan/2027/redigera/"))
    assert "Bakgrund" in page and "Prioriteringar 2027" in page and 'name="purpose"' not in page
    c.post(
        "/test/verksamhetsplan/2027/redigera/", {"op": "approve", "body": federation["board"].pk, "meeting": meeting.pk}
    )
    assert OperatingPlan.objects.get(pk=plan.pk).approved_by == federation["board"]


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("committee", 404),
        ("registrar", 404),
        ("secretariat", 200),
    ],
)
def test_vocabulary_pages_are_the_secretariats(client_for, users, role, expected, coop):
    for url, data in (
        ("/test/benamningar/", {"kind_name_committee": "styrelse"}),
        ("/test/verksamhetsplan/mall/", {"op": "save", "purpose-on": "1", "purpose-heading": "Mål"}),
    ):
        c = client_for(users[role])
        assert c.get(url).status_code == expected
        c.post(url, data)
    assert ('href="/test/benamningar/"' in client_for(users[role]).get("/test/").content.decode()) == (
        role == "secretariat"
    )
    coop.refresh_from_db()
    changed = coop.kind_name_committee == "styrelse" and coop.plan_sections == [{"key": "purpose", "heading": "Mål"}]
    assert changed == (role == "secretariat")


def test_the_secretariat_edits_the_words_and_the_template(client_for, users, coop):
    c = client_for(users["secretariat"])
    response = c.post(
        "/test/benamningar/", {"kind_name_committee": "  förbunds   styrelse ", "focus_group_internal": "Välfärd"}
    )
    assert response.status_code == 302
    coop.refresh_from_db()
    assert coop.kind_name_committee == "förbunds styrelse" and coop.focus_group_internal == "Välfärd"
    assert coop.history.first().history_change_reason.startswith("samverkan.organisations.cooperation.vocabulary")
    response = c.post(
        "/test/verksamhetsplan/mall/",
        {
            "op": "save",
            "budget-on": "1",
            "budget-order": "1",
            "introduction-on": "1",
            "introduction-order": "2",
            "introduction-heading": "Inledning och bakgrund",
            "calendar-heading": "ignored (not on)",
        },
    )
    assert response.status_code == 302
    coop.refresh_from_db()
    assert coop.plan_sections == [
        {"key": "budget", "heading": ""},
        {"key": "introduction", "heading": "Inledning och bakgrund"},
    ]
    assert "Inledning och bakgrund" in c.get("/test/verksamhetsplan/mall/").content.decode()
    # Nothing chosen: refused with a Swedish message, nothing changed.
    response = c.post("/test/verksamhetsplan/mall/", {"op": "save"})
    assert response.status_code == 400 and "minst ett avsnitt" in response.content.decode()
    coop.refresh_from_db()
    assert len(coop.plan_sections) == 2
    c.post("/test/verksamhetsplan/mall/", {"op": "reset"})
    coop.refresh_from_db()
    assert coop.plan_sections == []


def test_a_bad_stored_template_falls_back_to_what_is_valid(coop):
    from plans import sections

    coop.plan_sections = [{"key": "nonsense"}, "x", {"key": "budget", "heading": "B"}, {"key": "budget"}]
    assert [s.key for s in sections.template_of(coop)] == ["budget"]
    coop.plan_sections = "not a list"
    assert len(sections.template_of(coop)) == len(sections.KEYS)
