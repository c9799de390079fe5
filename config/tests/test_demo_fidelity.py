"""The demo says only what the seeds say (issue 14).

Per seed: the facts the demo must show, and the claims it must not make. Then a crawl of every public
page (and the documents linked from them): no "seed" wording, and every example value carries the one
example-data marker (`data-example`, core.provenance).
"""

import datetime as dt
import io
import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from docx import Document as DocxDocument
from lxml import html as lxml_html
from pypdf import PdfReader

from budget.models import Budget
from meetings.models import CalendarRule, ConferenceSeries, Meeting, Minutes
from organisations.models import (
    Body,
    CooperationMember,
    JointArrangement,
    Membership,
    Organisation,
    Person,
    StaffRole,
)
from organisations.testing import build_user
from plans.models import Activity, OperatingPlan
from programme.models import AdoptionStep, Programme

pytestmark = pytest.mark.django_db

SEVEN = ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje"]
#: Seed 002's people of Tyresö's kommunledningsutskott: never members of the cooperation's committee.
TYRESO_POLITICIANS = [
    "Anita Mattsson",
    "Mats Lindblom",
    "Anki Svensson",
    "Martin Nilsson",
    "Susann Ronström",
    "Marie Åkesdotter",
    "Dick Bengtson",
    "Fredrik Bergkuist",
    "Anders Wickberg",
    "Ulrica Riis-Pedersen",
    "Hillevi Elvhage",
]


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    tree = lxml_html.fromstring(response.content.decode())
    main = tree.find(".//main")
    return " ".join((main if main is not None else tree).text_content().split())


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(content)).pages).split())


def docx_text(content: bytes) -> str:
    doc = DocxDocument(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


# ---- seed 002: Tyresö's kommunledningsutskott ------------------------------------------------------


def test_seed_002_is_tyresos_adoption_step_not_a_committee_meeting(sodertorn, client):
    committee = sodertorn.bodies.get(slug="samarbetskommitten")
    assert not Meeting.objects.filter(body__cooperation=sodertorn, date=dt.date(2019, 8, 7)).exists()
    step = AdoptionStep.objects.get(
        adoption__round__programme__slug="sup-2035",
        adoption__municipality__name="Tyresö",
        meeting_date=dt.date(2019, 8, 7),
    )
    assert step.paragraph == "§ 60" and "Tyresö" in step.body_name and "2019/KS 0260 005" in step.text
    assert "seed 002" in step.source_ref and step.adoption.case_number == "2019/KS 0260 005"
    page = text_of(client, "/sodertorn/program/sup-2035/")
    assert "Tyresö kommunledningsutskott" in page and "2019/KS 0260 005" in page and "§ 60" in page
    api = client.get(f"/api/v1/programmes/{step.adoption.round.programme_id}").json()
    tyreso = next(a for a in api["adoptions"] if a["municipality_name"] == "Tyresö")
    assert any("seed 002" in s["source_ref"] for s in tyreso["steps"])
    # No Tyresö politician as the committee's chair or member, on any page of the committee or the calendar.
    assert not Person.objects.filter(name__in=TYRESO_POLITICIANS).exists()
    assert not Membership.objects.filter(body=committee, role=Membership.Role.CHAIR).exists()
    for url in [
        "/sodertorn/organ/samarbetskommitten/",
        "/sodertorn/kalender/?ar=2019",
        "/sodertorn/kalender/organ/samarbetskommitten.ics",
    ]:
        body = client.get(url).content.decode()
        for name in TYRESO_POLITICIANS:
            assert name not in body, (name, url)


def test_example_minutes_are_marked_on_a_thursday_with_placeholders_and_no_posting(sodertorn, client):
    minutes = Minutes.objects.get(meeting__body__cooperation=sodertorn)
    assert minutes.is_demo and minutes.meeting.is_demo
    assert minutes.meeting.date.weekday() == 3  # Thursday, the committee's weekday (seeds 000/001)
    assert minutes.notice_posted_on is None and minutes.notice_taken_down_on is None
    response = client.get(f"/sodertorn/protokoll/{minutes.pk}/")
    page = response.content.decode()
    assert "data-example" in page and "platshållare" in page
    assert "ANSLAG" not in page and "tillkännagivits genom anslag" not in page
    pdf = pdf_text(client.get(f"/sodertorn/protokoll/{minutes.pk}/protokoll.pdf").content)
    assert "exempeldata" in pdf and "anslag" not in pdf.lower()


# ---- seed 002/000/001: adoption of the programmes --------------------------------------------------


@pytest.mark.parametrize("slug", ["sup-2013", "sup-2035"])
def test_the_seven_municipalities_read_uppgift_saknas(sodertorn, client, slug):
    response = client.get(f"/sodertorn/program/{slug}/")
    tree = lxml_html.fromstring(response.content.decode())
    rows = {
        r.findtext("th").strip(): " ".join(r.text_content().split())
        for r in tree.iterfind(".//tbody/tr")
        if r.find("th") is not None
    }
    for name in SEVEN:
        assert "Uppgift saknas" in rows[name], (name, rows[name])
        assert "Ej behandlat" not in rows[name] and "Inte behandlat" not in rows[name]
    page = text_of(client, f"/sodertorn/program/{slug}/")
    assert "uppgift saknas för 7" in page
    assert "1 av 8 har antagit" not in page and "0 av 8 har antagit" not in page
    api = client.get(f"/api/v1/programmes/{Programme.objects.get(cooperation=sodertorn, slug=slug).pk}").json()
    assert sorted(a["municipality_name"] for a in api["adoptions"] if a["status"] == "unknown") == SEVEN
    assert api["unknown"] == 7


def test_sup_2013_in_force_without_claiming_one_of_eight(sodertorn, client):
    page = text_of(client, "/sodertorn/program/sup-2013/")
    assert "Gällande" in page or "Ersatt" in page
    pdf = pdf_text(client.get("/sodertorn/program/sup-2013/pdf/").content)
    assert "1 av 8 har antagit" not in pdf and "uppgift saknas för 7" in pdf


# ---- seed 004/002: SUP 2035's Arbetsformer and the list of changes --------------------------------

ARBETSFORMER = [
    "Arbetsformer",
    "Södertörnskommunernas organisation",
    "Påverkansarbete och kommunikation",
    "Temadag Effektiv verksamhetsutveckling",
    "arrangeras av nätverket för ekonomidirektörer",
    "Förändringar från tidigare program",
    "nytt målområde, funktionell samordning, införs",
    "Rådslaget får en ännu mer utåtriktad funktion",
]


def test_sup_2035_working_forms_and_changes_on_page_pdf_and_docx(sodertorn, client):
    page = text_of(client, "/sodertorn/program/sup-2035/")
    pdf = pdf_text(client.get("/sodertorn/program/sup-2035/pdf/").content)
    docx = docx_text(client.get("/sodertorn/program/sup-2035/docx/").content)
    for snippet in ARBETSFORMER:
        assert snippet in page, snippet
        assert snippet in docx, snippet
        assert snippet.split(",")[0] in pdf, snippet


# ---- seed 001/000: the budgets ---------------------------------------------------------------------


def test_fees_are_a_total_with_a_marked_example_split(sodertorn, client):
    b2011 = Budget.objects.get(cooperation=sodertorn, year=2011)
    assert not b2011.fee_shares.exists() and b2011.allocation_key_is_example
    response = client.get("/sodertorn/budget/2011/")
    tree = lxml_html.fromstring(response.content.decode())
    text = " ".join(tree.text_content().split())
    assert "860 000 kr" in text and "Exempel: fördelning per invånare" in text
    assert "Fördelningsnyckel: per invånare" not in text
    example_cells = tree.xpath("//td[contains(@class,'num')][.//*[@data-example]]")
    assert len(example_cells) == 8
    # Nothing in the fee table of the budget itself (the CSV of the fees is empty).
    assert client.get("/sodertorn/budget/2011/avgifter.csv").content.decode().count("\n") <= 1
    b2014 = Budget.objects.get(cooperation=sodertorn, year=2014)
    assert not b2014.fee_shares.exists() and b2014.approved_on == dt.date(2014, 1, 31)


def test_staff_can_apply_the_example_split(sodertorn, client_for):
    kansli = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-fidelity")
    assert client_for(None).post("/sodertorn/budget/2011/exempelfordelning/").status_code == 302
    response = client_for(kansli).post("/sodertorn/budget/2011/exempelfordelning/")
    assert response.status_code == 302
    budget = Budget.objects.get(cooperation=sodertorn, year=2011)
    assert budget.fee_shares.count() == 8 and sum(s.fee for s in budget.fee_shares.all()) == 860_000
    assert not budget.allocation_key_is_example


# ---- seeds 000/001: the calendar -------------------------------------------------------------------


def test_no_invented_calendar_window_and_no_copied_2014_hours(sodertorn, client):
    assert not CalendarRule.objects.filter(body__cooperation=sodertorn, must_precede__isnull=False).exists()
    calendar_2014 = text_of(client, "/sodertorn/kalender/?ar=2014")
    assert "torsdagar 12.00–15.00" not in calendar_2014 and "fredagar 08.30–13.00" not in calendar_2014
    plan_2014 = text_of(client, "/sodertorn/verksamhetsplan/2014/")
    assert "12.00–15.00)" not in plan_2014


def test_kalendarium_lists_the_next_years_entries(sodertorn, client):
    plan_2011 = text_of(client, "/sodertorn/verksamhetsplan/2011/")
    assert "januari 2012" in plan_2011 and "april 2012" in plan_2011
    plan_2014 = text_of(client, "/sodertorn/verksamhetsplan/2014/")
    assert "mars 2015" in plan_2014 and "20 februari" in plan_2014


# ---- seed 003 (and 000): the register ----------------------------------------------------------------


def test_register_corrections(sodertorn, client):
    tree = lxml_html.fromstring(client.get("/sodertorn/organisationer/").content.decode())
    listed = {" ".join(th.text_content().split()) for th in tree.xpath("//tbody/tr/th")}
    listed |= {" ".join(li.text_content().split()) for li in tree.xpath("//main//li")}
    assert "SYVAB, Sydvästra Stockholmsregionens VA-verksaktiebolag" in listed
    assert not any("Stockholm Vatten AB" in x or "Telge i Södertälje AB" in x for x in listed)
    assert "Stockholm Vatten AB" in text_of(client, "/sodertorn/organisationer/syvab/")
    assert Organisation.objects.get(cooperation=sodertorn, name="Stockholm Vatten AB").kind == "other"
    committee_page = text_of(client, "/sodertorn/organisationer/sodertorns-overformyndarnamnd/")
    assert "Deltagande kommuner" in committee_page and "Ägare" not in committee_page
    botkyrka = text_of(client, "/sodertorn/kommuner/0127/")
    assert "Deltar i gemensamma nämnder" in botkyrka
    assert "överförmyndarnämnd" not in botkyrka.split("Är delägare i")[1].split("Deltar i")[0]
    municipalities = text_of(client, "/sodertorn/kommuner/")
    assert "18 augusti 2010" not in municipalities and municipalities.count("uppgift saknas") == 8
    assert not CooperationMember.objects.filter(cooperation=sodertorn, joined__isnull=False).exists()
    assert not Person.objects.filter(title__regex=r"che(fe|f[^s]?)$").exclude(title__endswith="chef").exists()
    titles = set(
        Person.objects.filter(cooperation=sodertorn, name__startswith="Sammankallande").values_list("title", flat=True)
    )
    assert "IT-chef" in titles and not any(t.endswith("chefe") or t.endswith("direktö") for t in titles)
    for text in ["IT-chefe ", "(seed"]:
        assert text not in text_of(client, "/sodertorn/organ/it-chefer/")
    series = ConferenceSeries.objects.get(cooperation=sodertorn, slug="nyckeltal-sodertorn")
    assert "vartannat år" in series.purpose and "Årligt" not in series.purpose


def test_missing_seed_content_is_there(sodertorn, client):
    names = set(JointArrangement.objects.filter(cooperation=sodertorn).values_list("name", flat=True))
    assert names == {
        "Grenverket Södertörn",
        "Kom An",
        "Matchning Södertörn",
        "Scandinavian Islands",
        "UVAKS",
        "Leader",
        "UROSS",
    }
    listing = text_of(client, "/sodertorn/organisationer/")
    for text in [
        "Grenverket Södertörn",
        "Arbetsmarknadsprojekt för unga vuxna",
        "UVAKS",
        "Kommunförbundet Stockholms Län",
        "Stockholm Business Alliance",
        "Mälardalsrådet",
        "Region Stockholm",
    ]:
        assert text in listing, text
    assert "Uppgift saknas" in listing or "uppgift saknas" in listing
    gis = Body.objects.get(cooperation=sodertorn, name="Lantmäteri: GIS")
    assert set(gis.children.values_list("name", flat=True)) >= {"Produktionsstandard för nybyggnadskartor"}
    assert "erfarenhetsutbyten" in Body.objects.get(cooperation=sodertorn, name="Elevhälsa").purpose
    plan = OperatingPlan.objects.get(cooperation=sodertorn, year=2014)
    assert plan.approved_on == dt.date(2014, 1, 31) and "ca 460 000 invånare" in plan.introduction
    page = text_of(client, "/sodertorn/verksamhetsplan/2014/")
    assert "460 000" in page and "saknas i källan" not in page
    temadag = ConferenceSeries.objects.get(cooperation=sodertorn, slug="temadag-effektiv-verksamhetsutveckling")
    assert temadag.purpose.startswith("Syftet med temadagen") and temadag.arranging_body.name == "Ekonomidirektörer"
    overview = text_of(client, "/sodertorn/")
    assert "27 kommuner" in overview and "declaration of interdependence" in overview


# ---- the crawl: no "seed" wording, every example value marked ---------------------------------------

SEED_WORDING = re.compile(r"\bseed", re.IGNORECASE)


def _crawl(client, start="/sodertorn/", limit=400):
    seen, queue, pages, documents = set(), deque([start]), {}, {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if "pdf" in kind or "wordprocessingml" in kind:
            documents[url] = (kind, b"".join(response) if response.streaming else response.content)
            continue
        if "text/html" not in kind:
            continue
        content = response.content.decode()
        pages[url] = content
        for href in lxml_html.fromstring(content).xpath("//a/@href"):
            target = urljoin(url, href)
            parsed = urlparse(target)
            if parsed.netloc or not parsed.path.startswith("/sodertorn/") or "/konto" in parsed.path:
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path not in seen and not path.endswith((".csv", ".xlsx", ".ics")):
                queue.append(path)
    return pages, documents


def _example_values(cooperation) -> set[str]:
    values = set(Person.objects.filter(cooperation=cooperation, is_demo=True).values_list("name", flat=True))
    values |= set(
        Activity.objects.filter(action_plan__cooperation=cooperation, is_demo=True).values_list("title", flat=True)
    )
    return values


def unmarked_example_values(html: str, values: set[str]) -> list[str]:
    """Example values shown (as the whole text of an element, or the text after one) without the marker:
    the value's element, or its parent, must hold `data-example`."""
    tree = lxml_html.fromstring(html)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title", "option"):
            continue
        parent = element.getparent()
        for text, scope in ((element.text, [element, parent]), (element.tail, [parent])):
            text = " ".join((text or "").split())
            if text in values and not any(
                e is not None and (e.get("data-example") is not None or e.xpath(".//*[@data-example]")) for e in scope
            ):
                found.append(text)
    return found


def test_marker_check_fails_on_an_unmarked_value():
    values = {"Ordförande (platshållare)"}
    assert unmarked_example_values("<p><span>Ordförande (platshållare)</span></p>", values) == [
        "Ordförande (platshållare)"
    ]
    assert unmarked_example_values("<td>Namn<br>Ordförande (platshållare)</td>", values) == [
        "Ordförande (platshållare)"
    ]
    assert (
        unmarked_example_values(
            '<p><span class="example-value">Ordförande (platshållare) <span data-example>exempeldata</span></span></p>',
            values,
        )
        == []
    )


def test_crawl_public_pages_no_seed_wording_and_no_unmarked_example_value(sodertorn, client):
    pages, documents = _crawl(client)
    assert len(pages) > 40 and "/sodertorn/program/sup-2035/" in pages
    values = _example_values(sodertorn)
    assert values
    problems = []
    for url, content in pages.items():
        tree = lxml_html.fromstring(content)
        text = tree.text_content()
        if SEED_WORDING.search(text):
            problems.append((url, "seed wording", SEED_WORDING.search(text).group(0)))
        for value in unmarked_example_values(content, values):
            problems.append((url, "unmarked example value", value))
    for url, (kind, content) in documents.items():
        text = pdf_text(content) if "pdf" in kind else docx_text(content)
        if SEED_WORDING.search(text):
            problems.append((url, "seed wording in document", ""))
    assert documents, "the crawl found no documents"
    assert not problems, problems[:20]
