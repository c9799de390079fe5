"""Every budget page type in Chromium with an axe-core scan: the index (comparison), a budget with
fees, a budget without amounts, and a budget with outcome (chart with table alternative)."""

import pytest

from core.services import SYSTEM

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/sodertorn/budget/", ["Jämförelse mellan åren", "Budget 2011", "Budget 2014", "uppgift saknas"]),
        (
            "/sodertorn/budget/2011/",
            [f"860{NBSP}000{NBSP}kr", "I balans", "Tyresö", "Exempel: fördelning per invånare", "exempeldata"],
        ),
        ("/sodertorn/budget/2014/", ["uppgift saknas", "anger budgetens poster men inte beloppen"]),
    ],
)
def test_budget_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    axe(page, path)


def test_budget_with_outcome_chart_passes_axe(sodertorn, page, axe):
    from budget import services
    from budget.models import Budget

    budget = Budget.objects.get(cooperation=sodertorn, year=2011)
    for label, amounts in [("Personal", [190_000, 195_000]), ("Utredningar, konsultstöd mm", [40_000, 90_000])]:
        line = budget.lines.get(label=label)
        for period, amount in enumerate(amounts, start=1):
            services.outcome_set(actor=SYSTEM, line=line, period=period, amount=amount)
    page.goto(page.base_url + "/sodertorn/budget/2011/")
    assert page.locator("figure.chart svg[role=img] title").count() >= 1
    assert "Diagrammets uppgifter" in page.inner_text("main")
    assert f"385{NBSP}000{NBSP}kr" in page.inner_text("table.outcome-table")
    axe(page, "budget with outcome")


def test_outcome_entry_page_for_the_secretariat_passes_axe(sodertorn, page, axe):
    from django.test import Client

    from organisations.models import StaffRole
    from organisations.testing import build_user

    user = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-browser")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}])
    page.goto(page.base_url + "/sodertorn/budget/2011/utfall/")
    assert "Registrera utfall 2011" in page.inner_text("h1")
    page.get_by_label("Personal, jan–apr").fill("-1")
    page.get_by_role("button", name="Spara utfallet").click()
    assert "Inget sparades" in page.inner_text("main")
    axe(page, "outcome entry with an error")
    page.get_by_label("Personal, jan–apr").fill("190000")
    page.get_by_role("button", name="Spara utfallet").click()
    page.wait_for_url("**/sodertorn/budget/2011/")
    assert "Utfallet sparades." in page.inner_text("main")
    assert f"190{NBSP}000{NBSP}kr" in page.inner_text("table.outcome-table")
