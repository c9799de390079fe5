"""The secretariat writes a news item with an image and publishes a document in the browser, by keyboard;
every news page fits 320 px and passes axe, signed in and signed out."""

import pytest

from config.tests.test_reflow import overflow
from news.tests.test_news import pdf_bytes, png_bytes
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def login(page, username):
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def fits(page, width):
    scroll_width, sticking_out = overflow(page)
    assert scroll_width <= width, (page.url, sticking_out)


def test_news_and_publications_in_the_browser(coop, page, axe, tmp_path):
    from news.models import NewsItem, Publication

    build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli")
    image = tmp_path / "bild.png"
    image.write_bytes(png_bytes((1600, 900)))
    document = tmp_path / "rapport.pdf"
    document.write_bytes(pdf_bytes())
    page.set_viewport_size({"width": 320, "height": 800})
    login(page, "kansli")

    page.goto(f"{page.base_url}/{coop.slug}/nyheter/")
    page.get_by_role("link", name="Skriv en nyhet").click()
    axe(page, "news form")
    fits(page, 320)
    page.get_by_label("Rubrik").fill("Rådslag om kollektivtrafiken")
    page.get_by_label("Ingress").fill("Kommunerna samlas i maj.")
    page.get_by_label("Text", exact=True).fill("Första stycket.\n\nAndra stycket.")
    page.get_by_label("Bild (PNG eller JPEG)").set_input_files(str(image))
    page.get_by_label("Publicera nu").check()
    # without a description of the image: refused, the form says why
    page.get_by_role("button", name="Spara").press("Enter")
    page.wait_for_load_state()
    assert "Beskriv bilden" in page.content() and not NewsItem.objects.exists()
    axe(page, "news form with errors")
    page.get_by_label("Bild (PNG eller JPEG)").set_input_files(str(image))
    page.get_by_label("Bildbeskrivning (alternativtext)").fill("Karta över Södertörn")
    page.get_by_label("Publicera nu").check()
    page.get_by_role("button", name="Spara").press("Enter")
    page.wait_for_load_state()
    item = NewsItem.objects.get()
    assert item.is_published and page.url.endswith(item.get_absolute_url())
    assert page.get_by_role("img", name="Karta över Södertörn").is_visible()
    axe(page, "news item")
    fits(page, 320)

    page.goto(f"{page.base_url}/{coop.slug}/publikationer/ny/")
    axe(page, "publication form")
    page.get_by_label("Rubrik").fill("Årsrapport 2026")
    page.get_by_label("Dokumentets datum").fill("2026-03-01")
    page.get_by_label("Fil (PDF)").set_input_files(str(document))
    page.get_by_label("Publicera nu").check()
    page.get_by_role("button", name="Spara").press("Enter")
    page.wait_for_load_state()
    assert Publication.objects.get().is_published

    context = page.context
    context.clear_cookies()
    for path in (f"/{coop.slug}/nyheter/", item.get_absolute_url(), f"/{coop.slug}/publikationer/", f"/{coop.slug}/"):
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(page.base_url + path)
            assert "Rådslag om kollektivtrafiken" in page.content() or "Årsrapport 2026" in page.content()
            axe(page, f"{path} at {width} px")
            fits(page, width)
