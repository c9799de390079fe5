"""Reflow (WCAG 2.1 1.4.10): every public page type of the demo fits a 320 px and a 1 280 px wide window
without sideways scrolling, and axe-core finds nothing.

The page types are found by crawling the demo from /sodertorn/ (config/tests/crawl.py): one page per view
and set of query parameters, the one with the longest address (long slugs come from long names, the
likeliest to overflow).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import resolve

from config.tests.crawl import crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

_types_cache: dict[str, list[str]] = {}


def public_page_types(cooperation) -> list[str]:
    """One path per public page type (view name + query parameter names) reachable from the start page."""
    if cooperation.slug not in _types_cache:
        visits = crawl(Client(), f"/{cooperation.slug}/", fetch_documents=False)
        chosen: dict[tuple, str] = {}
        for visit in visits.values():
            if visit.status != 200 or not visit.is_html:
                continue
            parts = urlsplit(visit.path)
            key = (resolve(parts.path).view_name, tuple(sorted(parse_qs(parts.query))))
            if len(visit.path) > len(chosen.get(key, "")):
                chosen[key] = visit.path
        # The search's result page is reached through the header's search form, not a link.
        slug = cooperation.slug
        extra = ["/konto/logga-in/", f"/{slug}/finns-inte/", f"/{slug}/sok/?q=kollektivtrafiken"]
        _types_cache[cooperation.slug] = sorted(chosen.values()) + extra
    return _types_cache[cooperation.slug]


def overflow(page) -> tuple[int, list[str]]:
    """The document's scroll width and the elements that stick out to the right of the window."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.right > width + 1 && !el.closest('.table-scroll')) {
                const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
                out.push(name + ' ' + Math.round(box.right));
            }
            if (out.length > 4) break;
        }
        return [document.documentElement.scrollWidth, out];
    }""")


@pytest.mark.parametrize("width", [320, 1280])
def test_every_public_page_type_fits_the_window_and_passes_axe(sodertorn, page, axe, width):
    paths = public_page_types(sodertorn)
    assert len(paths) >= 30, paths  # the crawl found the whole site, not just the start page
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for path in paths:
        page.goto(page.base_url + path)
        scroll_width, culprits = overflow(page)
        if scroll_width != width:
            problems.append(f"{path}: {scroll_width} px wide at {width} px ({culprits})")
        try:
            axe(page, f"{path} at {width} px")
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)


def test_the_reflow_check_sees_a_page_that_scrolls_sideways(sodertorn, page):
    """Negative control: a long word without the reflow rules widens the page."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(page.base_url + "/sodertorn/")
    page.evaluate(
        "() => { const h = document.querySelector('h1'); h.style.overflowWrap = 'normal';"
        " h.textContent = 'Debitering'.repeat(8); }"
    )
    scroll_width, culprits = overflow(page)
    assert scroll_width > 320


def test_the_comparison_page_shows_the_figures_with_values_first(sodertorn, client):
    """The key-figure comparison page: a turned table of the figures that have values (members as columns),
    the figures without values named, and the complete table one link away."""
    from kpi.models import KeyFigureGroup

    group = KeyFigureGroup.objects.filter(cooperation=sodertorn).first()
    html = client.get(f"/sodertorn/nyckeltal/{group.slug}/").content.decode()
    assert 'class="comparison-overview"' in html and 'class="comparison"' not in html
    assert "visa=alla" in html
    complete = client.get(f"/sodertorn/nyckeltal/{group.slug}/?visa=alla").content.decode()
    assert 'class="comparison"' in complete
