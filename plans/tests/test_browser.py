"""Playwright (Chromium) + axe-core: the plans pages and the whole follow-up cycle in a browser."""

import pytest

from organisations.models import Body, StaffRole
from organisations.testing import build_user
from programme.models import Goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "pw-for-tests-only"

PUBLIC_PAGES = [
    ("/sodertorn/verksamhetsplan/", ["Verksamhetsplan 2011", "Verksamhetsplan 2014"]),
    ("/sodertorn/verksamhetsplan/2011/", ["1. Inledning", "7. Kalendarium", "8. Budget 2011", "860 000 kr"]),
    ("/sodertorn/verksamhetsplan/2014/", ["Godkänd av SSK", "Vi förbättrar näringslivsklimatet på Södertörn."]),
    ("/sodertorn/verksamhetsplan/2014/handlingsplaner/", ["Näringslivschefer", "IT-chefer"]),
    ("/sodertorn/verksamhetsplan/2014/handlingsplaner/naringslivschefer/", ["näringslivsklimat", "exempeldata"]),
    ("/sodertorn/verksamhetsplan/aktiviteter/?network=planeringschefer", ["kollektivtrafiksatsningarna"]),
    ("/sodertorn/verksamhetsplan/uppfoljning/", ["tertial 1 2014"]),
    ("/sodertorn/verksamhetsplan/2014/utvardering/", ["Uppföljning och utvärdering 2014"]),
]


@pytest.mark.parametrize("path,expected", PUBLIC_PAGES)
def test_public_plan_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main").replace("\xa0", " ")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    axe(page, path)


def login(page, user):
    page.context.clear_cookies()
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def reflows_at_320(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 320")
    page.set_viewport_size({"width": 1280, "height": 900})
    return fits


def test_round_opened_reported_by_two_leads_assessed_closed_and_rolled_up(sodertorn, page, axe):

    from plans.models import Activity, ActivityReport, FollowUpRound, GoalAssessment

    networks = {slug: Body.objects.get(cooperation=sodertorn, slug=slug) for slug in ("naringslivschefer", "it-chefer")}
    secretariat = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="b-kansli")
    management = build_user(sodertorn, StaffRole.Role.MANAGEMENT, username="b-ledning")
    leads = {
        slug: build_user(sodertorn, StaffRole.Role.NETWORK_LEAD, body=body, username=f"b-{slug}")
        for slug, body in networks.items()
    }
    base = page.base_url + "/sodertorn/verksamhetsplan"

    # The secretariat opens the full-year round.
    login(page, secretariat)
    page.goto(base + "/uppfoljning/")
    page.fill("#id_year", "2014")
    page.select_option("#id_period", "year")
    page.fill("#id_deadline", "2015-01-31")
    page.click("text=Öppna omgången")
    assert "Uppföljningsomgången öppnades." in page.inner_text("main")
    rnd = FollowUpRound.objects.get(period="year")
    axe(page, "round dashboard")

    # Two network leads report their own network's activities.
    for slug, lead in leads.items():
        login(page, lead)
        page.goto(f"{base}/uppfoljning/{rnd.pk}/rapport/{slug}/")
        activities = Activity.objects.filter(action_plan__body=networks[slug], action_plan__year=2014)
        for activity in activities:
            page.select_option(f"#status-{activity.pk}", "done")
            page.fill(f"#comment-{activity.pk}", f"Genomfört av {networks[slug].name}")
        axe(page, f"report form {slug}")
        page.click("text=Spara rapporten")
        assert "Rapporten sparades." in page.inner_text("main")
    assert (
        ActivityReport.objects.filter(round=rnd).count()
        == Activity.objects.filter(action_plan__body__in=networks.values(), action_plan__year=2014).count()
    )

    # The secretariat drafts the assessment of the goal the business-climate activities serve ...
    goal = Goal.objects.get(
        focus_area__programme__slug="sup-2013", text__startswith="Vi förbättrar näringslivsklimatet"
    )
    login(page, secretariat)
    page.goto(f"{base}/uppfoljning/{rnd.pk}/bedomning/")
    assert "sparas som utkast" in page.inner_text("main")
    page.select_option(f"#grade-{goal.pk}", "green")
    page.fill(f"#motivation-{goal.pk}", "Nätverken har genomfört sina aktiviteter")
    page.click("text=Spara bedömningarna")
    assert "Bedömningarna sparades." in page.inner_text("main")
    assert GoalAssessment.objects.get(round=rnd, goal=goal).stage == "draft"

    # ... and the management group decides it.
    login(page, management)
    page.goto(f"{base}/uppfoljning/{rnd.pk}/bedomning/")
    assert "utkast från kansliet" in page.inner_text("main")
    axe(page, "assessment form")
    page.click("text=Spara bedömningarna")
    assert "Bedömningarna sparades." in page.inner_text("main")
    assert GoalAssessment.objects.get(round=rnd, goal=goal).stage == "decided"

    # The secretariat closes the round: the confirmation lists the networks that have not reported.
    login(page, secretariat)
    page.goto(f"{base}/uppfoljning/{rnd.pk}/")
    page.click("text=Stäng omgången")
    missing = page.inner_text("#not-reported")
    assert "Planeringschefer" in missing and "Näringslivschefer" not in missing and "IT-chefer" not in missing
    axe(page, "close confirmation")
    assert reflows_at_320(page)
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "open"
    page.click("text=Ja, stäng omgången")
    assert "Uppföljningsomgången stängdes." in page.inner_text("main")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed"

    # Reopening needs a reason: without one (blanks) it is refused in Swedish and the round stays closed.
    page.click("text=Öppna omgången igen")
    page.fill("#reason", "   ")
    page.click("main button[type=submit]")
    assert "Ange varför omgången öppnas igen." in page.inner_text("main")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed"
    axe(page, "reopen form with error")
    assert reflows_at_320(page)
    page.fill("#reason", "Planeringschefer rapporterar sent")
    page.click("main button[type=submit]")
    assert "Uppföljningsomgången öppnades igen." in page.inner_text("main")
    assert "Planeringschefer rapporterar sent" in page.inner_text("main")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "open"
    page.click("text=Stäng omgången")
    page.click("text=Ja, stäng omgången")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed"

    # The programme's goal tree shows the roll-up.
    page.goto(page.base_url + "/sodertorn/program/sup-2013/maltrad/")
    item = page.locator("li", has_text="Vi förbättrar näringslivsklimatet").last
    text = item.inner_text()
    assert "grön: enligt plan" in text
    assert "aktivitet" in text
    axe(page, "goal tree")


def test_activity_edit_form_passes_axe(sodertorn, page, axe):
    from plans.models import Activity

    lead = build_user(
        sodertorn,
        StaffRole.Role.NETWORK_LEAD,
        body=Body.objects.get(cooperation=sodertorn, slug="it-chefer"),
        username="b-it",
    )
    activity = Activity.objects.filter(action_plan__body__slug="it-chefer").first()
    login(page, lead)
    page.goto(page.base_url + f"/sodertorn/verksamhetsplan/aktiviteter/{activity.pk}/redigera/")
    assert "Redigera aktivitet" in page.inner_text("main")
    page.fill("#id_title", "IT-nyckeltal för Södertörn 2014")
    page.click("main button[type=submit]")
    assert "Aktiviteten sparades." in page.inner_text("main")
    page.goto(page.base_url + f"/sodertorn/verksamhetsplan/aktiviteter/{activity.pk}/redigera/")
    assert "IT-nyckeltal för Södertörn 2014" in page.inner_text("main")
    axe(page, "activity form")
