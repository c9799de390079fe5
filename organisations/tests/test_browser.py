import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    ("/sodertorn/", ["Södertörnssamarbetet", "Botkyrka", "Tyresö", "Ledningsgruppen", "Medlemskommuner"]),
    ("/sodertorn/kommuner/", ["0127", "Nynäshamn", "Medlem sedan"]),
    ("/sodertorn/kommuner/0136/", ["Haninge", "Södertörns överförmyndarnämnd", "SCB-kod"]),
    ("/sodertorn/organ/", ["Södertörns samarbetskommitté", "IT-chefer", "Nätverk och arbetsgrupper"]),
    ("/sodertorn/organ/samarbetskommitten/", ["Stefan Höllmark", "Ledamöter"]),
    ("/sodertorn/organ/kansliet/", ["Huddinge", "Utvecklingsledare"]),
    ("/sodertorn/organ/it-chefer/", ["IT-chefer", "Chefsnätverk"]),
    ("/sodertorn/natverk/", ["Sociala frågor", "Rektorsnätverk", "Äldrefrågor"]),
    ("/sodertorn/organisationer/", ["SYVAB", "1964", "Södertörns högskola", "Externa samarbetsparter"]),
    ("/sodertorn/organisationer/syvab/", ["Stockholm Vatten AB", "Nykvarn", "Ägare"]),
    ("/sodertorn/organisationer/sodertorns-overformyndarnamnd/", ["Haninge", "2011", "Tyresö"]),
    ("/konto/logga-in/", ["Logga in", "Användarnamn", "Lösenord"]),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_public_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator("h1").count() == 1
    axe(page, path)


def test_not_found_page_is_swedish_and_accessible(sodertorn, page, axe):
    response = page.goto(page.base_url + "/sodertorn/organ/finns-inte/")
    assert response.status == 404
    assert "Sidan finns inte" in page.inner_text("main")
    assert page.locator("nav.main-nav").count() == 1
    axe(page, "404")


def test_language_switch_to_english_and_back(sodertorn, page, axe):
    page.goto(page.base_url + "/sodertorn/")
    page.get_by_role("link", name="English").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the switch is a plain link: works by keyboard, needs no CSRF cookie
    assert page.evaluate("document.documentElement.lang") == "en"
    text = page.inner_text("main")
    assert "Member municipalities" in text and "Medlemskommuner" not in text
    assert page.url.endswith("/sodertorn/")
    axe(page, "overview in English")
    with page.expect_navigation():
        page.get_by_role("link", name="Svenska").click()
    assert "Medlemskommuner" in page.inner_text("main")


def test_axe_finds_a_violation_when_there_is_one(sodertorn, page, axe):
    """Negative control: the accessibility check can fail."""
    page.goto(page.base_url + "/sodertorn/")
    page.evaluate(
        "() => { const img = document.createElement('img');"
        " img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main').appendChild(img); }"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        axe(page, "negative control")


def test_login_and_logout_in_the_browser(sodertorn, page):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="webbkansli")
    page.goto(page.base_url + "/konto/logga-in/?next=/sodertorn/")
    page.get_by_label("Användarnamn").fill("webbkansli")
    page.get_by_label("Lösenord").fill("pw-for-tests-only")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/sodertorn/")
    assert "webbkansli" in page.inner_text("header")
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    assert "webbkansli" not in page.inner_text("header")
