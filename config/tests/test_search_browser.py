"""The search page with its "in force now" box, in the browser: it fits 320 px and 1 280 px without sideways
scrolling, axe finds nothing, and a keyboard user reaches the successor's focus area from the box.
(test_reflow.py covers /sodertorn/sok/?q=kollektivtrafiken among every page type; this is the quick check.)"""

import pytest

from config.tests.test_reflow import overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

GOAL = "Stark infrastruktur är en förutsättning för hållbar utveckling"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_in_force_box_fits_the_window_and_passes_axe(sodertorn, page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{page.base_url}/sodertorn/sok/?q=kollektivtrafiken")
    box = page.get_by_role("region", name="I programmet som gäller nu")
    assert GOAL in box.inner_text()
    scroll_width, sticking_out = overflow(page)
    assert scroll_width == width, sticking_out
    axe(page, f"search with the in-force box at {width} px")
    box.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/maltrad/#fokusomrade-*")
    page.wait_for_load_state()
    anchor = page.locator("#" + page.url.rsplit("#", 1)[1])
    assert anchor.is_visible() and anchor.inner_text().strip().casefold() == "infrastruktur"
    assert GOAL in page.content()
