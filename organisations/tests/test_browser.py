import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("/sodertorn/", ["Södertörnssamarbetet", "Botkyrka", "Tyresö", "Ledningsgruppen"]),
    ("/sodertorn/kommuner/", ["0127", "Nynäshamn"]),
    ("/sodertorn/kommuner/0136/", ["Haninge", "Södertörns överförmyndarnämnd"]),
    ("/sodertorn/organ/", ["Södertörns samarbetskommitté", "IT-chefer"]),
    ("/sodertorn/organ/samarbetskommitten/", ["Stefan Höllmark"]),
    ("/sodertorn/natverk/", ["Sociala frågor", "Rektorsnätverk"]),
    ("/sodertorn/organisationer/", ["SYVAB", "1964", "Södertörns högskola"]),
    ("/sodertorn/organisationer/syvab/", ["Stockholm Vatten AB", "Nykvarn"]),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_public_pages_render_and_pass_axe(sodertorn, page, axe, path, expected):
    response = page.goto(page.base_url + path)
    assert response.status == 200
    text = page.inner_text("main")
    for snippet in expected:
        assert snippet in text, f"{snippet!r} missing on {path}"
    assert page.evaluate("document.documentElement.lang") == "sv"
    axe(page, path)
