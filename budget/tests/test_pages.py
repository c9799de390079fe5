"""Pages: the seed's figures, the 2014 budget without amounts, outcome and variance, the
comparison across years, permissions (reading is public, 404 for unknown) and query bounds."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from budget import services
from budget.models import Budget, BudgetLine
from budget.tests.builders import build_budget
from core.services import SYSTEM

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _text(response):
    html = response.content.decode()
    html = re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", NBSP)
    return re.sub(r"[ \t\r\n]+", " ", html)


def test_sodertorn_2011_shows_the_seed_figures_and_an_exact_fee_table(sodertorn, client):
    response = client.get("/sodertorn/budget/2011/")
    assert response.status_code == 200
    text = _text(response)
    for snippet in [
        "Intäkter",
        "Avgifter från kommunerna 860 000 kr",
        "Kostnader",
        "Personal 580 000 kr",
        "Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm 50 000 kr",
        "Utredningar, konsultstöd mm 230 000 kr",
        "I balans",
    ]:
        assert snippet.replace(" kr", f"{NBSP}kr").replace("0 0", f"0{NBSP}0") in text, snippet
    assert text.count(f"Summa 860{NBSP}000{NBSP}kr") == 2
    # Seed 001 gives the fees only as a total: no split is claimed, an example split is shown, marked.
    assert "Källan anger bara avgifternas summa" in text
    assert "Exempel: fördelning per invånare" in text and "31 december 2010" in text
    html = response.content.decode()
    split = html[html.index('id="example-split-2011"') :]
    split = re.sub(r"<[^>]+>", " ", split[split.index("<tbody>") : split.index("</tbody>")])
    fees = [int(re.sub(r"\D", "", m)) for m in re.findall(r"(\d{1,3}(?:[\u00a0 ]\d{3})*)[\u00a0 ]kr", split)]
    assert len(fees) == 8 and sum(fees) == 860_000
    assert split.count("exempeldata") == 8
    assert not re.search(r'class="fee-table"', html)


def test_sodertorn_2014_has_the_categories_but_no_amounts(sodertorn, client):
    text = _text(client.get("/sodertorn/budget/2014/"))
    assert "Personal uppgift saknas" in text
    assert "anger budgetens poster men inte beloppen" in text
    assert "Fastställd av Södertörns samarbetskommitté" in text
    assert "avgifterna kan inte fördelas" in text
    assert "kr" not in text.split("Intäkter och kostnader")[1].split("Kommunernas avgifter")[0]


def test_index_lists_years_and_compares_them(sodertorn, client):
    response = client.get(reverse("budget:index", args=["sodertorn"]))
    text = _text(response)
    assert "Budget 2011" in text and "Budget 2014" in text
    assert "Jämförelse mellan åren" in text
    assert f"Personal 580{NBSP}000{NBSP}kr uppgift saknas" in text


def test_budget_is_in_the_main_menu(sodertorn, client):
    html = client.get("/sodertorn/").content.decode()
    assert 'href="/sodertorn/budget/"' in html


def test_outcome_variance_forecast_and_chart(coop, client):
    budget = build_budget(coop)
    staff = budget.lines.get(label="Personal")
    services.outcome_set(actor=SYSTEM, line=staff, period=1, amount=200_000)
    services.outcome_set(actor=SYSTEM, line=staff, period=2, amount=210_000)
    text = _text(client.get(f"/{coop.slug}/budget/2011/"))
    # Two tertials of three: budget to date 580000 × 2/3 = 386667; variance 410000 − 386667 = 23333 (6,0 %);
    # forecast 410000 × 3/2 = 615000.
    assert f"410{NBSP}000{NBSP}kr 386{NBSP}667{NBSP}kr 23{NBSP}333{NBSP}kr 6,0{NBSP}% 615{NBSP}000{NBSP}kr" in text
    html = client.get(f"/{coop.slug}/budget/2011/").content.decode()
    assert "<svg" in html and '<title id="outcome-chart-title">' in html and "<desc" in html
    assert "Diagrammets uppgifter" in html  # the table alternative
    assert "<script" not in html.split("<main")[1]


def test_unbalanced_budget_is_shown_as_broken(coop, client):
    build_budget(coop, lines=[(BudgetLine.Kind.REVENUE, "Avgifter", 100, True), (BudgetLine.Kind.COST, "X", 90, False)])
    text = _text(client.get(f"/{coop.slug}/budget/2011/"))
    assert "Inte i balans" in text


@pytest.mark.parametrize(
    "role", ["anonymous", "outsider", "secretariat", "management", "committee", "registrar", "network_lead"]
)
def test_pages_are_public_for_every_role_and_only_the_secretariat_sees_the_edit_link(coop, users, client_for, role):
    build_budget(coop)
    c = client_for(users[role])
    for url in [f"/{coop.slug}/budget/", f"/{coop.slug}/budget/2011/", f"/{coop.slug}/budget/2011/budget.csv"]:
        assert c.get(url).status_code == 200
    has_link = "Redigera budgeten" in c.get(f"/{coop.slug}/budget/2011/").content.decode()
    assert has_link == (role == "secretariat")


def test_unknown_year_or_cooperation_is_404(coop, client):
    build_budget(coop)
    assert client.get(f"/{coop.slug}/budget/1999/").status_code == 404
    assert client.get("/finns-inte/budget/2011/").status_code == 404
    assert client.get(f"/{coop.slug}/budget/1999/budget.xlsx").status_code == 404


def test_a_budget_of_another_cooperation_is_not_shown(coop, other_coop, client):
    build_budget(other_coop)
    assert client.get(f"/{coop.slug}/budget/2011/").status_code == 404


def _big_data(coop, years=10, lines=40):
    for i, year in enumerate(range(2001, 2001 + years)):
        budget = Budget.objects.create(
            cooperation=coop, year=year, population_date=dt.date(year - 1, 12, 31), status=Budget.Status.PROPOSED
        )  # public (core.publication)
        objs = [
            BudgetLine(
                budget=budget,
                kind=BudgetLine.Kind.COST if n else BudgetLine.Kind.REVENUE,
                label=f"Post {n}",
                amount=1000 * n + i,
                is_member_fees=(n == 0),
                position=n,
            )
            for n in range(lines)
        ]
        BudgetLine.objects.bulk_create(objs)
        from budget.models import OutcomeEntry

        OutcomeEntry.objects.bulk_create(
            [
                OutcomeEntry(line=ln, period=p, amount=100)
                for ln in BudgetLine.objects.filter(budget=budget)
                for p in (1, 2)
            ]
        )


def test_pages_have_bounded_queries(coop, client, django_assert_max_num_queries):
    build_budget(coop, allocation_key=Budget.AllocationKey.EQUAL, allocate=True)
    _big_data(coop)  # 10 more budgets × 40 lines × 2 periods: 10× the demo and more
    with django_assert_max_num_queries(12):
        assert client.get(f"/{coop.slug}/budget/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/{coop.slug}/budget/2005/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/{coop.slug}/budget/2011/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/{coop.slug}/budget/2005/budget.xlsx").status_code == 200
