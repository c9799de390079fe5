import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    (
        "/sodertorn/program/",
        [
            "Södertörns utvecklingsprogram 2035",
            "Registrerade beslut: 0 av 8",
            "2019/KS 0260 005",
            "Funktionell samordning",
            "En ledande tillväxt- och kunskapsregion",
        ],
    ),
    ("/sodertorn/program/historik/", ["SUP 2007", "SUP 2010", "SUP 2013", "Ersatt", "Gällande"]),
    ("/sodertorn/program/sup-2013/", ["Höj utbildningsnivån på Södertörn", "våren 2013", "§ 78"]),
    (
        "/sodertorn/program/sup-2035/maltrad/",
        ["Stark infrastruktur är en förutsättning för hållbar utveckling", "Genom öppenhet för samarbeten"],
    ),
    ("/sodertorn/program/sup-2035/andringar/", ["Ändringshistorik för SUP 2035"]),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_public_programme_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    axe(page, path)


def test_registrar_records_a_decision_in_the_browser(sodertorn, page, axe):
    from organisations.models import Municipality, StaffRole
    from organisations.testing import build_user

    tyreso = Municipality.objects.get(name="Tyresö")
    build_user(sodertorn, StaffRole.Role.REGISTRAR, municipality=tyreso, username="reg-tyreso")
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", "reg-tyreso")
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("main button[type=submit]")
    page.goto(page.base_url + "/sodertorn/program/")
    page.click("text=Registrera Tyresö")
    assert "ärendet i Tyresö" in page.inner_text("h1")
    axe(page, "adoption form")
    page.select_option("select[name=kind]", "decision")
    page.fill("input[name=body_name]", "Kommunstyrelsen")
    page.fill("input[name=meeting_date]", "2019-09-02")
    page.fill("input[name=paragraph]", "130")
    page.select_option("select[name=outcome]", "adopted")
    page.click("main button[type=submit]")
    assert "Steget har registrerats." in page.inner_text("main")
    page.goto(page.base_url + "/sodertorn/program/")
    assert "Registrerade beslut: 1 av 8" in page.inner_text("main")
