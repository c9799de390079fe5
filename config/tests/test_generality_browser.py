"""Issue 15's generality test: a second cooperation of 13 members, with its own words for everything, is set up
in the browser through the onboarding pages (a system administrator creates it and names its secretariat; from
then on only the secretariat acts: no admin, no superuser), then every page and document of it is crawled and
none may show text of the Södertörn demo. The same test checks that "/" lists both cooperations, and counts the
user actions (clicks, fills, choices, opening the e-mailed link) the setup took: fewer than 30.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from config.tests.crawl import crawl
from organisations.models import Body, Cooperation, StaffRole
from organisations.testing import build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

#: The 13 members: municipalities of Skåne (SCB codes from the shipped national list), none of the demo's.
MEMBER_CODES = "1214 1230 1231 1233 1256 1257 1260 1261 1262 1263 1264 1265 1266"
NAME = "Sydvästra Skånes kommunförbund"
BODIES = [
    ("Förbundsstyrelsen", "committee"),
    ("Direktörsgruppen", "management_group"),
    ("Digitaliseringsnätverket", "network"),
]

#: Text that belongs to the Södertörn demo only (seeds and the demo's vocabulary); the demo's body names with
#: ten or more letters are added from the database.
DEMO_STRINGS = [
    "Södertörn",
    "Botkyrka",
    "Haninge",
    "Huddinge",
    "Nykvarn",
    "Nynäshamn",
    "Södertälje",
    "Tyresö",
    "Stockholms län",
    "Stockholmsregionen",
    "RUFS",
    "SUP 2035",
    "G96274",
    "Regionala utvecklingsfrågor",
    "Internt samarbete",
    "Samarbetskommitté",
    "samarbetskommitté",
    "ledningsgruppens möte",
    "kommitténs möte",
    "Ledningsgruppen",
    "Kansliet (sekretariatet)",
]


class Actions:
    """Counts what the user does: each fill, choice, click and the opening of the e-mailed link."""

    def __init__(self, page):
        self.page = page
        self.log: list[str] = []

    def fill(self, label: str, value: str, *, within=None):
        (within or self.page).get_by_label(label, exact=True).fill(value)
        self.log.append(f"fill {label}")

    def choose(self, label: str, option: str, *, within=None):
        (within or self.page).get_by_label(label, exact=True).select_option(label=option)
        self.log.append(f"choose {label}")

    def click(self, role: str, name: str, *, within=None):
        (within or self.page).get_by_role(role, name=name, exact=True).click()
        self.log.append(f"click {name}")

    def open(self, url: str):
        self.page.goto(url)
        self.log.append("open the link in the e-mail")

    @property
    def count(self) -> int:
        return len(self.log)


def _text_of(path: str, response) -> str:
    """The readable text of a page or document (HTML, PDF, DOCX, XLSX, CSV, iCalendar)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "wordprocessingml" in kind:
        import docx

        document = docx.Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if "spreadsheetml" in kind:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None
        )
    return body.decode("utf-8", errors="replace")


def _page_type(path: str) -> str:
    return resolve(urlsplit(path).path).view_name


def test_a_second_cooperation_is_onboarded_and_shows_nothing_of_the_demo(sodertorn, page, axe, live_site):
    build_user(username="systemadmin", is_superuser=True, is_staff=True)
    act = Actions(page)
    base = page.base_url
    page.set_viewport_size({"width": 1024, "height": 900})

    # The system administrator: signs in, imports the national list, creates the cooperation.
    page.goto(base + "/")  # opening the site is not counted
    act.click("link", "Logga in")
    act.fill("Användarnamn", "systemadmin")
    act.fill("Lösenord", "pw-for-tests-only")
    act.click("button", "Logga in")
    page.wait_for_url(base + "/")  # a system administrator lands on the list of cooperations
    act.click("link", "Skapa en samverkan")
    axe(page, "new cooperation")
    act.click("button", "Importera rikslistan")
    page.wait_for_url("**/system/samverkan/ny/")
    act.fill("Samverkans namn", NAME)
    act.fill("Sekretariatets e-postadress", "kansliet@sydvastra.example")
    act.click("button", "Skapa samverkan")
    page.wait_for_url("**/sydvastra-skanes-kommunforbund/kom-igang/")
    coop = Cooperation.objects.get(name=NAME)
    admin_actions = act.count
    page.context.clear_cookies()  # the system administrator is done

    # The secretariat: opens the e-mailed link, sets a password, and does the rest.
    link = re.search(r"https?://\S+/system/valkommen/\S+", mail.outbox[-1].body).group(0)
    act.open(link)
    axe(page, "welcome")
    act.fill("Nytt lösenord", "Sydvast-kansli-2026")
    act.fill("Bekräfta nytt lösenord", "Sydvast-kansli-2026")
    act.click("button", "Spara lösenordet")
    page.wait_for_url(f"**/{coop.slug}/kom-igang/medlemmar/")
    axe(page, "members")
    act.fill("SCB-koder", MEMBER_CODES)
    act.click("button", "Lägg till medlemmarna")
    page.wait_for_url(f"**/{coop.slug}/kom-igang/organ/")
    axe(page, "bodies")
    for number, (name, kind) in enumerate(BODIES, start=1):
        row = page.get_by_role("group", name=f"Organ {number}")
        act.fill("Namn", name, within=row)
        act.choose(
            "Typ",
            dict(
                [
                    ("committee", "Styrande organ (t.ex. styrelse eller kommitté med medlemmarnas politiker)"),
                    ("management_group", "Grupp med medlemmarnas kommundirektörer"),
                    ("network", "Nätverk av tjänstepersoner"),
                ]
            )[kind],
            within=row,
        )
    act.click("button", "Lägg till organen")
    page.wait_for_url(f"**/{coop.slug}/kom-igang/motesregler/")
    axe(page, "meeting rules")
    board = page.get_by_role("group", name="Förbundsstyrelsen")
    act.choose("Vanlig veckodag", "Torsdag", within=board)
    act.fill("Möten per år, minst", "6", within=board)
    directors = page.get_by_role("group", name="Direktörsgruppen")
    act.choose("Sammanträder före varje möte i", "Förbundsstyrelsen", within=directors)
    act.click("button", "Spara mötesreglerna")
    page.wait_for_url(f"**/{coop.slug}/kom-igang/nyckeltal/")
    axe(page, "Kolada group")
    act.fill("Kolada-grupp", "G12345")
    act.click("button", "Spara")
    page.wait_for_url(f"**/{coop.slug}/kom-igang/")
    axe(page, "setup overview")

    print(
        f"\nActions to set up the 13-member cooperation: {act.count} "
        f"({admin_actions} by the system administrator, {act.count - admin_actions} by the secretariat)"
    )
    print("\n".join(f"  {n}. {a}" for n, a in enumerate(act.log, start=1)))
    assert act.count < 30, act.log

    # What was built, by the secretariat alone.
    assert len(coop.current_members()) == 13
    assert sorted(Body.objects.filter(cooperation=coop).values_list("name", "kind")) == sorted(BODIES)
    secretariat = StaffRole.objects.get(cooperation=coop, role=StaffRole.Role.SECRETARIAT).user
    assert secretariat.is_active and not secretariat.is_superuser

    # "/" lists both cooperations.
    page.goto(base + "/")
    listing = page.inner_text("main")
    assert NAME in listing and sodertorn.name in listing and "Svalöv" in listing

    # The secretariat's first work after the setup (not counted above): a budget for this year, with the members'
    # fees split among the 13, and the network's action plan, so their pages and documents are crawled too.
    from budget import services as budget_services
    from plans import services as plans_services

    year = timezone.localdate().year
    budget = budget_services.budget_create(actor=secretariat, cooperation=coop, year=year, title="Förbundets budget")
    budget_services.budget_line_create(
        actor=secretariat, budget=budget, kind="revenue", label="Medlemsavgifter", amount=1_300_000, is_member_fees=True
    )
    budget_services.budget_line_create(
        actor=secretariat, budget=budget, kind="cost", label="Förbundskontoret", amount=1_300_000
    )
    plans_services.action_plan_create(
        actor=secretariat,
        cooperation=coop,
        year=year,
        body=Body.objects.get(cooperation=coop, slug="digitaliseringsnatverket"),
        summary="Gemensam e-tjänsteplattform.",
    )

    # Crawl every page and document of the new cooperation, as the public and as its secretariat.
    demo = DEMO_STRINGS + [
        name for name in Body.objects.filter(cooperation=sodertorn).values_list("name", flat=True) if len(name) >= 10
    ]
    found: dict[tuple[str, str], str] = {}

    def check(path, response):
        if response.status_code != 200 or f"/{coop.slug}/" not in path and path != "/mina-uppgifter/":
            return
        text = _text_of(path, response)
        for s in demo:
            if s in text:
                found.setdefault((s, path), text)

    staff = Client()
    staff.force_login(secretariat, backend="django.contrib.auth.backends.ModelBackend")
    this_year = timezone.localdate().year

    def inside(path):
        """The crawl stays in the cooperation and, on pages by year, near this year (they link on without end)."""
        years = [int(y) for y in re.findall(r"(?:ar=|/)(\d{4})(?=/|&|$)", path.split("/kommuner/")[0])]
        return path.startswith(f"/{coop.slug}/") and all(abs(y - this_year) <= 1 for y in years)

    visits = {}
    for client in (Client(), staff):
        for start in (f"/{coop.slug}/", f"/{coop.slug}/mina-uppgifter/", f"/{coop.slug}/kom-igang/"):
            visits.update(crawl(client, start, follow=inside, on_response=check))
    crawled = [p for p, v in visits.items() if v.status == 200 and inside(p)]
    assert len(crawled) >= 40, crawled
    assert any(p.endswith("budget.pdf") for p in crawled) and any(p.endswith(".docx") for p in crawled)
    problems = sorted({f"{s!r} on {_page_type(path)}, e.g. {path}" for s, path in found})
    print(f"Crawled {len(crawled)} addresses of {coop.slug}:", *sorted(crawled), sep="\n  ")
    assert not problems, "Demo text in the new cooperation:\n" + "\n".join(problems)
