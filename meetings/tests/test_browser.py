import pytest

from meetings.models import Meeting, Minutes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _paths():
    return [
        (
            "/sodertorn/kalender/?ar=2011",
            ["27 januari", "Haninge", "Ledningsgruppen (fredagar)", "Kalenderregler", "hålls", "Södertörns rådslag"],
        ),
        ("/sodertorn/kalender/?ar=2014", ["31 januari", "Botkyrka", "8 maj"]),
        ("/sodertorn/kalender/2011/6/", ["Juni 2011", "Södertörns samarbetskommitté"]),
        ("/sodertorn/kalender/konferenser/radslag/", ["Rotationsordning", "2021", "Botkyrka"]),
        ("meeting", ["Haninge", "12.00–15.00"]),
        ("minutes", ["Exempelärende", "§ 3", "exempeldata"]),
    ]


@pytest.mark.parametrize("path,expected", _paths())
def test_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    if path == "meeting":
        m = Meeting.objects.get(body__slug="samarbetskommitten", date="2011-01-27", kind="ordinary")
        path = f"/sodertorn/kalender/mote/{m.pk}/"
    elif path == "minutes":
        path = f"/sodertorn/protokoll/{Minutes.objects.get().pk}/"
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    axe(page, path)


def test_proposal_page_for_secretariat(sodertorn, page, axe):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-browser")
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", "kansli-browser")
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("main button[type=submit], main input[type=submit]")
    page.goto(page.base_url + "/sodertorn/kalender/forslag/?ar=2027")
    assert "Kalenderförslag 2027" in page.inner_text("main")
    axe(page, "proposal")
    page.click("text=Anta förslaget och skapa mötena")
    page.wait_for_url("**/kalender/?ar=2027")
    assert "12 möten skapades för 2027." in page.inner_text("main")
    assert Meeting.objects.filter(date__year=2027).count() == 12
