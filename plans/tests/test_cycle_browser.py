"""A whole 2027 cycle on the site's own pages, as the demo's staff roles, without the admin: programme version →
adoption round → decisions → operating plan with its calendar (the proposal, edited and accepted) and budget
approved → network action plan by its lead → follow-up round with reports, assessments (drafted by the
secretariat, decided by the management group) and close → key-figure import started from the page against the
recorded fake Kolada, its progress seen to move. Every new page passes axe and reflows at 320 px."""

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def reflows_at_320(page, what):
    page.wait_for_load_state("load")
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(
            e => e.getBoundingClientRect().right > 321 && !e.closest('.table-scroll')).slice(0, 5).map(
            e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))""")
        assert width <= 320, f"{what}: scrolls sideways at 320 px ({width} px wide): {wide}"
    finally:
        page.set_viewport_size(size)


def check(page, axe, what):
    axe(page, what)
    reflows_at_320(page, what)


def login(page, username):
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def test_the_whole_2027_cycle_without_the_admin(sodertorn, page, axe, browser, live_site, settings):
    from budget.models import Budget, FeeShare
    from organisations.models import Body, Municipality, Population, StaffRole
    from organisations.testing import build_user
    from plans.models import ActionPlan
    from programme.models import Adoption, AdoptionRound, Goal, Programme

    build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-test", email="kansli@example.org")
    network = Body.objects.filter(cooperation=sodertorn, kind=Body.Kind.NETWORK).order_by("name").first()
    build_user(sodertorn, StaffRole.Role.NETWORK_LEAD, body=network, username="natverk-test")
    build_user(sodertorn, StaffRole.Role.MANAGEMENT, username="ledning-test")
    login(page, "kansli-test")

    # the programme: its term has run out; start the next version
    page.goto(page.base_url + "/sodertorn/program/sup-2035/")
    assert "Programmets period löpte ut 2022." in page.inner_text("main")
    page.click("main .demo-note >> text=Påbörja nästa version")
    check(page, axe, "next version form")
    page.fill("input[name=name]", "Södertörns utvecklingsprogram 2027")
    page.fill("input[name=short_name]", "SUP 2027")
    page.fill("input[name=slug]", "sup-2027")
    page.fill("input[name=year]", "2027")
    page.fill("input[name=term_start_year]", "2027")
    page.fill("input[name=term_end_year]", "2030")
    page.press("input[name=term_end_year]", "Enter")
    page.wait_for_url("**/program/sup-2027/redigera/")
    assert "Nästa version har påbörjats" in page.inner_text("main")
    check(page, axe, "goal tree editor")
    sup = Programme.objects.get(cooperation=sodertorn, slug="sup-2027")
    old_goals = Goal.objects.filter(
        focus_area__programme__slug="sup-2035", focus_area__programme__cooperation=sodertorn
    )
    assert Goal.objects.filter(focus_area__programme=sup).count() == old_goals.count()
    # a new goal in the first focus area, by keyboard
    first_area = sup.focus_areas.order_by("order", "id").first()
    page.fill(f"#area-{first_area.pk}-newgoal", "Ett nytt mål för 2027")
    with page.expect_navigation():
        page.press(f"#area-{first_area.pk}-newgoal", "Enter")
    assert "Målet lades till." in page.inner_text("main")
    new_goal = Goal.objects.get(focus_area=first_area, text="Ett nytt mål för 2027")
    page.focus(f"#goal-{new_goal.pk} button[value=up]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Målet flyttades." in page.inner_text("main")

    # send it out: refused without members, then to every member, Salem's kommunfullmäktige deciding
    page.goto(page.base_url + "/sodertorn/program/sup-2027/skicka-ut/")
    check(page, axe, "send out form")
    for box in page.query_selector_all("input[type=checkbox][name^=send_]"):
        box.uncheck()
    page.fill("input[name=deadline]", "2027-06-30")
    page.click("main button[type=submit]")
    assert "Välj minst en medlemskommun" in page.inner_text("main")
    assert not AdoptionRound.objects.filter(programme=sup).exists()
    for box in page.query_selector_all("input[type=checkbox][name^=send_]"):
        box.check()
    salem = Municipality.objects.get(name="Salem")
    page.select_option(f"select[name=body_{salem.pk}]", "Kommunfullmäktige")
    page.click("main button[type=submit]")
    page.wait_for_url("**/program/sup-2027/antagandeomgang/")
    check(page, axe, "adoption round page")
    rnd = AdoptionRound.objects.get(programme=sup)
    assert Adoption.objects.get(round=rnd, municipality=salem).deciding_body == "Kommunfullmäktige"
    assert Adoption.objects.filter(round=rnd).count() == sodertorn.current_members().count()
    page.click("text=Skicka påminnelser")
    assert "påmindes" in page.inner_text("main")

    # decisions: Salem's kommunfullmäktige adopts
    page.goto(page.base_url + f"/sodertorn/program/sup-2027/antagande/{salem.code}/")
    assert "Kommunfullmäktige" in page.inner_text("dl.facts")
    page.select_option("select[name=kind]", "decision")
    page.fill("input[name=body_name]", "Kommunfullmäktige")
    page.fill("input[name=meeting_date]", "2026-11-02")
    page.select_option("select[name=outcome]", "adopted")
    page.click("main button[type=submit]")
    assert "Steget har registrerats." in page.inner_text("main")
    page.goto(page.base_url + "/sodertorn/program/sup-2027/")
    assert "1 av 8 har antagit" in page.inner_text("main")

    # the operating plan 2027: its sections, then approval by the committee at a meeting
    from meetings.models import Meeting
    from plans.models import OperatingPlan

    committee = Body.objects.filter(cooperation=sodertorn, kind=Body.Kind.COMMITTEE).first()
    meeting = Meeting.objects.create(body=committee, date=dt.date(2026, 12, 4))
    page.goto(page.base_url + "/sodertorn/verksamhetsplan/2027/redigera/")
    check(page, axe, "operating plan page (new)")
    for name in OperatingPlan.SECTIONS[:-1]:
        page.fill(f"#section-{name}", f"Text för {name}.")
    page.click("text=Spara planen")
    page.select_option("#approval-body", str(committee.pk))
    page.select_option("#approval-meeting", str(meeting.pk))
    page.click("text=Registrera godkännandet")
    assert "kan inte godkännas så länge ett avsnitt är tomt" in page.inner_text("main")
    page.fill("#section-working_forms", "Arbetsformer 2027.")
    page.click("text=Spara planen")
    page.select_option("#approval-body", str(committee.pk))
    page.select_option("#approval-meeting", str(meeting.pk))
    page.click("text=Registrera godkännandet")
    check(page, axe, "operating plan page")
    plan = OperatingPlan.objects.get(cooperation=sodertorn, year=2027)
    assert plan.approved_at_meeting == meeting and plan.programme is not None

    # the plan's calendar 2027: the proposal, edited (a holiday refused, a date and host changed, a row removed)
    from meetings.models import Conference

    page.goto(page.base_url + "/sodertorn/kalender/forslag/?ar=2027")
    check(page, axe, "calendar proposal")
    text = page.inner_text("main")
    assert "Södertörns samarbetskommitté (torsdagar): minst 6 möten per år" in text
    assert "Södertörns rådslag" in text
    assert page.is_checked(f"#id_k-0-hosts input[value='{salem.pk}']")  # Rådslag 2027 = Salem by the rotation
    page.fill("#id_m-0-date", "2027-12-24")
    page.get_by_role("button", name="Anta förslaget och skapa mötena").click()
    assert "24 december 2027 är en helgdag (Julafton). Välj en annan dag." in page.inner_text("main")
    assert not Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).exists()
    nykvarn = Municipality.objects.get(name="Nykvarn")
    page.fill("#id_m-0-date", "2027-01-21")
    page.select_option("#id_m-0-host", str(nykvarn.pk))
    page.check("#id_m-1-DELETE")
    page.get_by_role("button", name="Kontrollera ändringarna").click()
    assert page.locator("fieldset.proposal-row").count() == 11 + 1  # eleven meetings and the Rådslag
    check(page, axe, "calendar proposal, checked")
    page.get_by_role("button", name="Anta förslaget och skapa mötena").click()
    page.wait_for_url("**/kalender/?ar=2027")
    assert "11 möten skapades för 2027. 1 konferens lades till." in page.inner_text("main")
    assert Meeting.objects.filter(body__cooperation=sodertorn, date__year=2027).count() == 11
    assert Meeting.objects.filter(body=committee, date=dt.date(2027, 1, 21), host=nykvarn).exists()
    radslag = Conference.objects.get(series__cooperation=sodertorn, series__slug="radslag", year=2027)
    assert list(radslag.hosts.all()) == [salem]
    assert "Salem" in page.inner_text("main")

    # the budget 2027: lines typed the Swedish way, fees split by population, approved
    latest = (
        Population.objects.filter(municipality__in=sodertorn.current_members())
        .order_by("-reference_date")
        .values_list("reference_date", flat=True)
        .first()
    )
    page.goto(page.base_url + "/sodertorn/budget/2027/redigera/")
    check(page, axe, "budget page (new)")
    page.click("text=Skapa budgeten")
    page.select_option("#new-kind", "revenue")
    page.fill("#new-label", "Medlemsavgifter")
    page.fill("#new-amount", "1 240 000 kr")
    page.check("#new-fees")
    page.click("text=Lägg till rad")
    page.select_option("#new-kind", "cost")
    page.fill("#new-label", "Kansliet")
    page.fill("#new-amount", "1 240 000")
    page.click("text=Lägg till rad")
    page.select_option("#key", "per_inhabitant")
    page.fill("#population-date", latest.isoformat())
    page.click("text=Spara inställningarna")
    page.click("text=Fördela avgifterna")
    assert "Avgifterna fördelades" in page.inner_text("main")
    check(page, axe, "budget page")
    page.fill("#approved-on", "2026-11-20")
    page.click("text=Godkänn budgeten")
    budget = Budget.objects.get(cooperation=sodertorn, year=2027)
    assert budget.status == Budget.Status.APPROVED
    assert sum(FeeShare.objects.filter(budget=budget).values_list("fee", flat=True)) == 1240000

    # the network lead creates the network's action plan (new activity used to be a 404)
    lead = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    lead_page = lead.new_page()
    lead_page.base_url = page.base_url
    login(lead_page, "natverk-test")
    lead_page.goto(page.base_url + f"/sodertorn/verksamhetsplan/2027/handlingsplaner/{network.slug}/ny-aktivitet/")
    assert "Ny handlingsplan för 2027" in lead_page.inner_text("h1")
    check(lead_page, axe, "new action plan")
    lead_page.fill("textarea[name=summary]", "Nätverkets arbete 2027.")
    lead_page.click("main button[type=submit]")
    assert "Handlingsplanen har skapats" in lead_page.inner_text("main")
    assert ActionPlan.objects.filter(body=network, year=2027).exists()
    lead_page.click("text=Ny aktivitet")
    assert lead_page.url.endswith("/ny-aktivitet/")
    lead_page.fill("#id_title", "Gemensam upphandling 2027")
    lead_page.select_option("#id_status", "planned")
    lead_page.check("input[name=goals] >> nth=0")
    with lead_page.expect_navigation():
        lead_page.click("main button[type=submit]")
    lead_page.goto(page.base_url + f"/sodertorn/verksamhetsplan/2027/handlingsplaner/{network.slug}/ny-aktivitet/")
    lead_page.fill("#id_title", "Nätverksträffar 2027")
    lead_page.select_option("#id_status", "planned")
    lead_page.check("input[name=goals] >> nth=0")
    with lead_page.expect_navigation():
        lead_page.click("main button[type=submit]")
    from plans.models import Activity, ActivityReport, FollowUpRound, GoalAssessment

    count = Activity.objects.filter(action_plan__body=network, action_plan__year=2027).count()
    assert count == 2, lead_page.inner_text("main")[:800]
    activity = Activity.objects.get(action_plan__body=network, action_plan__year=2027, title__startswith="Gemensam")
    goal = activity.goals.first()
    assert activity.title == "Gemensam upphandling 2027" and goal is not None

    # follow-up: the secretariat opens the first tertial's round ...
    base = page.base_url + "/sodertorn/verksamhetsplan"
    page.goto(base + "/uppfoljning/")
    page.fill("#id_year", "2027")
    page.select_option("#id_period", "t1")
    page.fill("#id_deadline", "2027-05-15")
    page.click("text=Öppna omgången")
    assert "Uppföljningsomgången öppnades." in page.inner_text("main")
    rnd = FollowUpRound.objects.get(cooperation=sodertorn, year=2027, period="t1")
    # ... the network lead reports ...
    lead_page.goto(f"{base}/uppfoljning/{rnd.pk}/rapport/{network.slug}/")
    check(lead_page, axe, "report form")
    lead_page.select_option(f"#status-{activity.pk}", "ongoing")
    lead_page.fill(f"#comment-{activity.pk}", "Upphandlingen har påbörjats")
    lead_page.click("text=Spara rapporten")
    assert "Rapporten sparades." in lead_page.inner_text("main")
    assert ActivityReport.objects.get(round=rnd, activity=activity).comment == "Upphandlingen har påbörjats"
    lead.close()
    # ... the secretariat drafts the goal's assessment, the management group decides it ...
    page.goto(f"{base}/uppfoljning/{rnd.pk}/bedomning/")
    # the goal the activity serves, or (if the round assesses another programme's tree) its first goal
    grade = page.locator(f"#grade-{goal.pk}")
    grade = grade if grade.count() else page.locator("select[id^=grade-]").first
    grade_id = grade.get_attribute("id").removeprefix("grade-")
    page.select_option(f"#grade-{grade_id}", "yellow")
    page.fill(f"#motivation-{grade_id}", "Arbetet har påbörjats")
    page.click("text=Spara bedömningarna")
    assert "Bedömningarna sparades." in page.inner_text("main")
    assert GoalAssessment.objects.get(round=rnd, goal_id=int(grade_id)).stage == "draft"
    group = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    group_page = group.new_page()
    group_page.base_url = page.base_url
    login(group_page, "ledning-test")
    group_page.goto(f"{base}/uppfoljning/{rnd.pk}/bedomning/")
    check(group_page, axe, "assessment form (management group)")
    group_page.click("text=Spara bedömningarna")
    assert "Bedömningarna sparades." in group_page.inner_text("main")
    assert GoalAssessment.objects.get(round=rnd, goal_id=int(grade_id)).stage == "decided"
    group.close()
    # ... and closes the round after its confirmation
    page.goto(f"{base}/uppfoljning/{rnd.pk}/")
    page.click("text=Stäng omgången")
    # (saving the report records every activity of the network, the untouched one with its planned status)
    assert ActivityReport.objects.filter(round=rnd).count() == 2
    assert "Alla nätverk har rapporterat." in page.inner_text("main")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "open"
    check(page, axe, "close confirmation")
    page.click("text=Ja, stäng omgången")
    assert "Uppföljningsomgången stängdes." in page.inner_text("main")
    assert FollowUpRound.objects.get(pk=rnd.pk).state == "closed"

    # key figures: the import started from the page, its progress moving as the worker runs it
    from playwright.sync_api import expect

    from kpi.models import ImportRun
    from kpi.tests.fake_kolada import FakeKolada
    from kpi.tests.test_import_browser import run_worker_steps

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with FakeKolada(per_page=50) as fake:
        settings.KOLADA_BASE_URL = fake.base_url
        page.goto(page.base_url + "/sodertorn/nyckeltal/importera/")
        check(page, axe, "import page")
        page.get_by_label("Nyckeltalsgrupp").select_option(label="Södertörns nyckeltal")
        page.get_by_label("Första år").fill("2010")
        page.get_by_label("Sista år").fill("2014")
        page.get_by_role("button", name="Starta importen").click()
        page.wait_for_url("**/nyckeltal/importera/*/")
        run = ImportRun.objects.get(cooperation=sodertorn)
        assert "0 av 10 nyckeltal importerade" in page.inner_text("main") and fake.requests == []
        assert run_worker_steps(live_site, 4) == 4
        expect(page.locator("[data-field=text]")).to_have_text("3 av 10 nyckeltal importerade", timeout=15000)
        assert page.locator("progress").evaluate("p => p.value") == 3
        assert run_worker_steps(live_site, 20) == 7
        expect(page.locator(".job-progress")).to_have_attribute("data-state", "done", timeout=15000)
        check(page, axe, "import run page, finished")
    run.refresh_from_db()
    assert (run.state, run.done) == ("done", 10)
