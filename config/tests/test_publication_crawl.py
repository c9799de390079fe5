"""Issue 11, "Unpublished data is public": a crawl as an anonymous user finds no draft object.

Draft objects of each kind with a draft state (a draft budget with a line, draft minutes with a paragraph,
a draft programme with a goal and an adoption round, a draft meeting once meetings have a draft state)
get titles holding one marker. Then, as an anonymous user:
- every page reachable from the home page and the Södertörn overview is fetched (links followed, with a
  bound per kind of address), plus the pages where a draft would naturally show up; PDF, DOCX, XLSX, CSV
  and ICS answers are read as text;
- every GET operation of the API (from its OpenAPI schema, i.e. the ninja routers) is called, lists
  page by page, details with the drafts' ids and with published ids;
and the marker must appear nowhere; the drafts' own addresses are 404.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from budget.models import Budget, BudgetLine
from config.api import api
from meetings.models import Meeting, Minutes, Paragraph
from organisations.models import Body, Cooperation
from plans.models import OperatingPlan
from programme import selectors as programme_selectors
from programme.models import FocusArea, Goal, Programme

pytestmark = pytest.mark.django_db

MARKER = "XQ7UTKAST"
SKIP_PREFIXES = ("/admin/", "/konto/", "/i18n/", "/static/", "/media/", "/api/", "/healthz")
PER_SHAPE = 4  # addresses fetched per kind of address (digits and query values folded), seeds excepted
MAX_FETCHES = 900


def _text_of(response) -> str:
    """The answer as text, whatever its type (PDF, DOCX and XLSX read by their parsers)."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if "wordprocessingml" in content_type:
        import docx

        document = docx.Document(io.BytesIO(body))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    if "spreadsheetml" in content_type:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body))
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    text = body.decode("utf-8", errors="replace")
    if content_type.startswith("text/calendar"):
        text = text.replace("\r\n ", "").replace("\r\n\t", "")  # unfold folded lines
    return text


@pytest.fixture
def drafts(sodertorn_demo):
    coop = sodertorn_demo
    made = {}
    # A draft budget, for a year that has an operating plan but no budget if there is one (the plan page
    # shows the year's budget), else a year of its own.
    plan_years = set(OperatingPlan.objects.filter(cooperation=coop).values_list("year", flat=True))
    budget_years = set(Budget.objects.filter(cooperation=coop).values_list("year", flat=True))
    year = min(plan_years - budget_years, default=2033)
    budget = Budget.objects.create(cooperation=coop, year=year, title=f"Budget {MARKER}", status=Budget.Status.DRAFT)
    BudgetLine.objects.create(budget=budget, kind=BudgetLine.Kind.COST, label=f"Lokaler {MARKER}", amount=1000)
    made["budget"] = budget

    # Draft minutes with a paragraph, on a meeting that already has approved minutes (so its page is public).
    approved = (
        Minutes.objects.filter(meeting__body__cooperation=coop, status=Minutes.Status.APPROVED)
        .select_related("meeting__body")
        .order_by("meeting__date")
        .first()
    )
    meeting = approved.meeting
    minutes = Minutes.objects.create(
        meeting=meeting, status=Minutes.Status.DRAFT, secretary=f"Sekreterare {MARKER}", chair=f"Ordförande {MARKER}"
    )
    Paragraph.objects.create(
        minutes=minutes,
        body=meeting.body,
        year=meeting.date.year,
        number=990,
        title=f"Paragraf {MARKER}",
        decision=f"Beslut {MARKER}",
    )
    made["minutes"], made["meeting_with_minutes"], made["approved_minutes"] = minutes, meeting, approved

    # A draft programme (no adoption round, not in force, not replaced): derived status "draft".
    current = programme_selectors.current_programme(coop)
    programme = Programme.objects.create(
        cooperation=coop,
        slug="utkast-xq7",
        name=f"Program {MARKER}",
        short_name=f"P-{MARKER}",
        year=2030,
        vision=f"Vision {MARKER}",
        replaces=current,
    )
    area = FocusArea.objects.create(programme=programme, name=f"Område {MARKER}", order=1)
    Goal.objects.create(focus_area=area, text=f"Mål {MARKER}", order=1)
    made["programme"], made["current_programme"] = programme, current

    # A draft meeting, once meetings have a draft state (helper "meetings" adds it).
    if hasattr(Meeting.Status, "DRAFT"):
        body = Body.objects.filter(cooperation=coop, meetings__isnull=False).first()
        made["meeting"] = Meeting.objects.create(
            body=body, date=meeting.date + dt.timedelta(days=1), title=f"Möte {MARKER}", status=Meeting.Status.DRAFT
        )
    return made


@pytest.fixture
def sodertorn_demo(db):
    return Cooperation.objects.get(slug="sodertorn")


def _links(page: str, base: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#]*)', page):
        href = html.unescape(href)
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIP_PREFIXES):
            found.append(path)
    return found


def _shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    """{address: text} of every page reachable from `seeds` (bounded per kind of address)."""
    seen: dict[str, str] = {}
    shapes: Counter = Counter()
    queue = list(dict.fromkeys(seeds))
    seed_set = set(queue)
    while queue and len(seen) < MAX_FETCHES:
        url = queue.pop(0)
        if url in seen:
            continue
        shape = _shape(url)
        if url not in seed_set and shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code in (301, 302):
            location = response["Location"]
            if not location.startswith(SKIP_PREFIXES) and "/konto/" not in location:
                queue.append(location)
            seen[url] = ""
            continue
        text = _text_of(response) if response.status_code == 200 else ""
        seen[url] = text
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(link for link in _links(text, url) if link not in seen)
    return seen


def _api_values(drafts, coop) -> dict[str, list]:
    from kpi.models import KeyFigure
    from plans.models import Activity, FollowUpRound

    approved_minutes = drafts["approved_minutes"]
    values = {
        "slug": [coop.slug],
        "code": [coop.current_members().first().code],
        "body_id": [Body.objects.filter(cooperation=coop).first().pk],
        "programme_id": [drafts["programme"].pk, drafts["current_programme"].pk],
        "meeting_id": [drafts["meeting_with_minutes"].pk] + ([drafts["meeting"].pk] if "meeting" in drafts else []),
        "minutes_id": [drafts["minutes"].pk, approved_minutes.pk],
        "year": sorted({drafts["budget"].year, 2014}),
        "kolada_id": list(KeyFigure.objects.values_list("kolada_id", flat=True)[:1]),
        "activity_id": list(Activity.objects.filter(action_plan__cooperation=coop).values_list("pk", flat=True)[:2]),
        "round_id": list(FollowUpRound.objects.filter(cooperation=coop).values_list("pk", flat=True)[:2]),
    }
    return values


def _api_calls(values) -> list[str]:
    calls = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "path"]
        combos = [path]
        for name in names:
            assert name in values, f"no test value for the path parameter {name} of {path}"
            combos = [c.replace("{" + name + "}", str(v)) for c in combos for v in values[name]]
        calls.extend(combos)
    return calls


def _api_fetch(client, url) -> str:
    """The JSON of a detail, or of every page of a list."""
    texts = []
    page = 1
    while True:
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}page={page}&page_size=500")
        assert response.status_code < 500, f"{url}: {response.status_code}"
        texts.append(response.content.decode())
        data = response.json() if response.status_code == 200 else None
        if not (isinstance(data, dict) and "items" in data and "count" in data) or page * 500 >= data["count"]:
            return "\n".join(texts)
        page += 1


def test_an_anonymous_crawl_of_pages_documents_feeds_and_the_api_finds_no_draft(drafts, sodertorn_demo):
    coop = sodertorn_demo
    client = Client()
    budget, minutes, programme = drafts["budget"], drafts["minutes"], drafts["programme"]
    meeting = drafts["meeting_with_minutes"]
    seeds = [
        "/",
        f"/{coop.slug}/",
        f"/{coop.slug}/kalender.ics",
        f"/{coop.slug}/budget/",
        f"/{coop.slug}/kalender/?ar={meeting.date.year}",
        f"/{coop.slug}/kalender/mote/{meeting.pk}/",
        f"/{coop.slug}/protokoll/{drafts['approved_minutes'].pk}/",
        f"/{coop.slug}/program/historik/",
        f"/{coop.slug}/program/{drafts['current_programme'].slug}/",
        f"/{coop.slug}/program/{drafts['current_programme'].slug}/andringar/",
        f"/{coop.slug}/verksamhetsplan/{budget.year}/",
    ]
    pages = crawl(client, seeds)
    assert len(pages) > 60  # the crawl did reach the site
    for kind in (".pdf", ".docx", ".ics", ".xlsx", ".csv"):  # documents, feeds and exports were read too
        assert any(kind in url for url in pages), kind
    leaks = [url for url, text in pages.items() if MARKER.lower() in text.lower()]
    assert not leaks, f"draft objects shown to anonymous users on: {leaks[:10]}"

    api_calls = _api_calls(_api_values(drafts, coop))
    assert len(api_calls) >= 30
    api_leaks = [url for url in api_calls if MARKER.lower() in _api_fetch(client, url).lower()]
    assert not api_leaks, f"draft objects in the API for anonymous users: {api_leaks}"

    # The drafts' own addresses are 404 (pages, documents, exports, API).
    draft_urls = [
        f"/{coop.slug}/budget/{budget.year}/",
        f"/{coop.slug}/budget/{budget.year}/budget.xlsx",
        f"/{coop.slug}/budget/{budget.year}/budget.pdf",
        f"/{coop.slug}/budget/{budget.year}/avgifter.csv",
        f"/{coop.slug}/protokoll/{minutes.pk}/",
        f"/{coop.slug}/protokoll/{minutes.pk}/protokoll.pdf",
        f"/{coop.slug}/protokoll/{minutes.pk}/utdrag/990.pdf",
        f"/{coop.slug}/program/{programme.slug}/",
        f"/{coop.slug}/program/{programme.slug}/pdf/",
        f"/{coop.slug}/program/{programme.slug}/docx/",
        f"/{coop.slug}/program/{programme.slug}/maltrad/",
        f"/{coop.slug}/program/{programme.slug}/andringar/",
        f"/api/v1/cooperations/{coop.slug}/budgets/{budget.year}",
        f"/api/v1/minutes/{minutes.pk}",
        f"/api/v1/programmes/{programme.pk}",
    ]
    if "meeting" in drafts:
        draft_meeting = drafts["meeting"].pk
        draft_urls += [f"/{coop.slug}/kalender/mote/{draft_meeting}/", f"/api/v1/meetings/{draft_meeting}"]
    opened = {url: client.get(url).status_code for url in draft_urls}
    assert all(status == 404 for status in opened.values()), opened


def test_the_cooperations_staff_see_the_drafts(drafts, sodertorn_demo, client_for):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    coop = sodertorn_demo
    staff = client_for(build_user(coop, StaffRole.Role.COMMITTEE))
    budget, minutes, programme = drafts["budget"], drafts["minutes"], drafts["programme"]
    for url in [
        f"/{coop.slug}/budget/{budget.year}/",
        f"/{coop.slug}/protokoll/{minutes.pk}/",
        f"/{coop.slug}/program/{programme.slug}/",
        f"/api/v1/minutes/{minutes.pk}",
        f"/api/v1/programmes/{programme.pk}",
        f"/api/v1/cooperations/{coop.slug}/budgets/{budget.year}",
    ]:
        response = staff.get(url)
        assert response.status_code == 200, url
        assert MARKER in response.content.decode(), url
    outsider = client_for(build_user(build_cooperation_for_test(), StaffRole.Role.SECRETARIAT))
    assert outsider.get(f"/{coop.slug}/protokoll/{minutes.pk}/").status_code == 404


def build_cooperation_for_test():
    from organisations.testing import build_cooperation

    return build_cooperation("annan-crawl", members=2)
