"""Done when (issue 18), on the site's own pages as the secretariat, without the admin: a joint procurement
with three participants and one that may join; a new version of the overförmyndarnämnd's agreement sent to its
five parties and adopted by all (in force only then); an owner dialogue with minutes for SYVAB. Each shows in
the participation matrix, on a municipality's page, in "Mina uppgifter" and in the calendar feed. Every page
passes axe and reflows at 320 px."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def check(page, axe, what):
    """axe finds nothing and the page does not scroll sideways at 320 px."""
    axe(page, what)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{what}: scrolls sideways at 320 px ({width} px wide)"
    finally:
        page.set_viewport_size(size)


def login(page, username):
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def test_the_secretariat_registers_arrangements_and_each_shows_everywhere(sodertorn, page, axe, client):
    from arrangements.models import AgreementVersion, Procurement
    from organisations.models import Municipality, Organisation, OwnerSteeringRecord, StaffRole
    from organisations.testing import build_user

    build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-arr")
    login(page, "kansli-arr")
    today = timezone.localdate()
    muni = {m.name: m for m in Municipality.objects.filter(memberships_in_cooperations__cooperation=sodertorn)}
    base = page.base_url + "/sodertorn/gemensamt/"

    # 1. a joint procurement: Tyresö leads, Haninge, Huddinge and Salem take part, Nykvarn may join
    page.goto(base)
    check(page, axe, "overview")
    page.click("text=Registrera en gemensam upphandling")
    check(page, axe, "procurement form")
    page.fill("input[name=name]", "Gemensam upphandling av skrivare")
    page.fill("textarea[name=subject]", "Skrivare och kopiatorer")
    page.select_option("select[name=lead]", str(muni["Tyresö"].pk))
    page.select_option("select[name=status]", "contracted")
    page.fill("input[name=contract_start]", (today - dt.timedelta(days=300)).isoformat())
    page.fill("input[name=contract_end]", (today + dt.timedelta(days=120)).isoformat())
    page.fill("input[name=notice_date]", (today + dt.timedelta(days=30)).isoformat())
    page.fill("input[name=value]", "2 400 000")
    for name in ("Haninge", "Huddinge", "Salem"):
        page.select_option(f"#id_role_{muni[name].pk}", "participant")
    page.select_option(f"#id_role_{muni['Nykvarn'].pk}", "may_join")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Upphandlingen har sparats." in page.inner_text("main")
    check(page, axe, "procurement page")
    procurement = Procurement.objects.get(arrangement__name="Gemensam upphandling av skrivare")
    assert procurement.value == 2400000
    assert procurement.arrangement.participations.count() == 4

    # 2. a new version of the overförmyndarnämnd's agreement, out to its five parties
    page.goto(base + "register/avtal-om-sodertorns-overformyndarnamnd/")
    page.click("text=Ny version")
    check(page, axe, "new version form")
    page.fill("input[name=title]", "Reviderat avtal")
    page.fill("input[name=valid_from]", today.isoformat())
    page.fill("input[name=valid_until]", (today + dt.timedelta(days=150)).isoformat())
    with page.expect_navigation():
        page.click("main button[type=submit]")
    check(page, axe, "send out form")
    assert page.locator("main input[type=checkbox]").count() == 5  # the five parties, no one else
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Versionen har skickats ut för antagande" in page.inner_text("main")
    check(page, axe, "round page")
    version = AgreementVersion.objects.get(title="Reviderat avtal")
    assert version.adoption_round.adoptions.count() == 5
    parties = ["Botkyrka", "Haninge", "Huddinge", "Nynäshamn", "Tyresö"]
    round_url = page.url
    worklist = client.get("/")  # (anonymous: nothing) keeps the client warm
    assert worklist.status_code in (200, 302)
    for i, name in enumerate(parties):
        page.goto(round_url + f"{muni[name].code}/")
        if i == 0:
            check(page, axe, "record decision")
        page.select_option("select[name=kind]", "decision")
        page.fill("input[name=body_name]", "Kommunstyrelsen")
        page.fill("input[name=meeting_date]", today.isoformat())
        page.select_option("select[name=outcome]", "adopted")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        status = page.locator(".version-status").first.get_attribute("data-status")
        if i < len(parties) - 1:
            assert status == "out_for_adoption", name  # not in force before every party has adopted
        else:
            assert status == "in_force"
    page.goto(base + "register/avtal-om-sodertorns-overformyndarnamnd/")
    assert "Gäller" in page.inner_text("main")

    # 3. an owner dialogue with minutes for SYVAB
    syvab = Organisation.objects.get(cooperation=sodertorn, short_name="SYVAB")
    page.goto(base + f"agarstyrning/{syvab.slug}/")
    check(page, axe, "owner steering")
    dialogue_day = today + dt.timedelta(days=20)
    page.fill("input[name=date]", dialogue_day.isoformat())
    page.fill("input[name=title]", "Ägardialog med SYVAB")
    page.fill("textarea[name=minutes]", "Ägarna informerades om Himmerfjärdsverket.")
    with page.expect_navigation():
        page.click("form:has(input[value=dialogue]) button[type=submit]")
    check(page, axe, "dialogue page")
    page.select_option("select[name=o-municipality]", str(muni["Botkyrka"].pk))
    page.fill("textarea[name=o-text]", "Ägardirektivet godkändes.")
    with page.expect_navigation():
        page.click("form:has(input[value=decision]) button[type=submit]")
    assert "Ägarbeslutet har registrerats." in page.inner_text("main")
    record = OwnerSteeringRecord.objects.get(organisation=syvab, title="Ägardialog med SYVAB")
    assert record.minutes and record.owner_decisions.count() == 1

    # each shows in the matrix ...
    page.goto(base + "deltagande/")
    check(page, axe, "matrix")
    main = page.inner_text("main")
    for text in ("Gemensam upphandling av skrivare", "Avtal om Södertörns överförmyndarnämnd", "SYVAB"):
        assert text in main
    page.select_option("select[name=roll]", "may_join")
    with page.expect_navigation():
        page.click("form.filters button")
    assert "Gemensam upphandling av skrivare" in page.inner_text("main")
    # ... on the municipality's page ...
    page.goto(page.base_url + f"/sodertorn/kommuner/{muni['Tyresö'].code}/")
    check(page, axe, "Tyresö")
    main = page.inner_text("main")
    assert "Vad Tyresö deltar i" in main and "Gemensam upphandling av skrivare" in main
    assert "Avtal om Södertörns överförmyndarnämnd" in main
    page.goto(page.base_url + f"/sodertorn/kommuner/{muni['Botkyrka'].code}/")
    assert "SYVAB" in page.inner_text("main")
    # ... in "Mina uppgifter" ...
    page.goto(page.base_url + "/mina-uppgifter/")
    check(page, axe, "worklist")
    main = page.inner_text("main")
    assert "Gemensam upphandling av skrivare: sista dag att säga upp eller förlänga" in main
    assert "Avtal om Södertörns överförmyndarnämnd: avtalet upphör" in main
    assert "Ägardialog: SYVAB" in main
    # ... and in the calendar feed
    feed = client.get("/sodertorn/kalender.ics").content.decode()
    assert "Gemensam upphandling av skrivare: avtalet löper ut" in feed
    assert "Avtal om Södertörns överförmyndarnämnd: avtalet upphör" in feed
    assert "Ägardialog: SYVAB" in feed
