import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = [
    ("/sodertorn/nyckeltal/", ["Södertörns nyckeltal", "Källa: Kolada"]),
    (
        "/sodertorn/nyckeltal/sodertorns-nyckeltal/",
        ["Botkyrka", "Tyresö", "Region Stockholm", "viktat med folkmängd", "Källa: Kolada"],
    ),
    ("/sodertorn/nyckeltal/tal/N01951/", ["Invånare totalt, antal", "Huddinge", "Källa: Kolada"]),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_kpi_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    axe(page, path)


def test_comparison_sorting_and_year_form_in_the_browser(sodertorn, page, axe):
    page.goto(page.base_url + "/sodertorn/nyckeltal/sodertorns-nyckeltal/")
    page.select_option("#ar", "2014")
    page.click("form.inline-form button")
    assert "Södertörns nyckeltal 2014" in page.inner_text("h1")
    page.click("a:has-text('Fullständig tabell')")  # sorting is in the complete table (the first view is turned)
    page.click("thead a:has-text('Invånare totalt, antal')")
    first = page.inner_text("tbody tr:first-child th")
    assert first == "Huddinge"
    axe(page, "sorted comparison")


def test_figure_chart_is_an_accessible_svg(sodertorn, page, axe):
    page.goto(page.base_url + "/sodertorn/nyckeltal/tal/N02267/")
    svg = page.locator("figure.chart svg")
    assert svg.get_attribute("role") == "img"
    assert "Sysselsättningsgrad" in page.locator("figure.chart svg title").text_content()
    page.select_option("#kon", "K")
    page.click("form.inline-form button")
    assert "kon=K" in page.url
    axe(page, "figure with gender filter")


def test_import_page_for_a_system_administrator(sodertorn, page, axe):
    """Values are national data: a system administrator imports them (issue 11)."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("kansli-kpi", password="pw-for-tests-only", is_staff=True, is_superuser=True)
    page.goto(page.base_url + "/konto/logga-in/?next=/sodertorn/nyckeltal/importera/")
    page.fill("#id_username", "kansli-kpi")
    page.fill("#id_password", "pw-for-tests-only")
    page.click("main button[type=submit]")
    page.wait_for_url("**/nyckeltal/importera/")
    assert "Importera nyckeltalsvärden" in page.inner_text("h1")
    axe(page, "import page")
