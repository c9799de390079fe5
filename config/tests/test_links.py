"""The link checker: every link on every public page of the demo answers (no 404, no 5xx).

The crawl starts at /sodertorn/ and follows same-site links to pages and documents (config/tests/crawl.py),
as an anonymous visitor, through Django's test client.
"""

import pytest
from django.utils import timezone

from config.tests.crawl import crawl, links_of
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def demo_calendar_years(cooperation) -> range:
    years = [d.year for d in Meeting.objects.filter(body__cooperation=cooperation).values_list("date", flat=True)]
    years.append(timezone.localdate().year)
    return range(min(years) - 1, max(years) + 2)


def test_every_link_of_the_public_demo_answers(sodertorn, client):
    visits = crawl(client, f"/{sodertorn.slug}/", parse_calendar_years=demo_calendar_years(sodertorn))
    broken = [
        f"{v.status} {v.path} (linked from {v.referrer})" for v in visits.values() if v.status == 404 or v.status >= 500
    ]
    assert not broken, "broken links:\n" + "\n".join(broken)
    # The crawl reached every part of the site, documents included (a crawl that stops early passes nothing).
    kinds = {v.content_type.split(";")[0] for v in visits.values()}
    assert {"text/html", "application/pdf"} <= kinds, kinds
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in kinds
    for part in (
        "/organ/",
        "/kommuner/",
        "/organisationer/",
        "/program/",
        "/verksamhetsplan/",
        "/kalender/",
        "/protokoll/",
        "/budget/",
        "/nyckeltal/",
    ):
        assert any(part in path for path in visits), part
    assert len(visits) > 150


def test_the_checker_reports_a_broken_link(sodertorn, client, monkeypatch):
    """Negative control: a page linking a missing page makes the crawl report a 404 with its referrer."""
    from django.template import loader

    real = loader.render_to_string

    def with_bad_link(template_name, context=None, request=None, using=None):
        html = real(template_name, context, request, using)
        if template_name == "plans/index.html":
            html = html.replace("</main>", '<a href="/sodertorn/verksamhetsplan/1999/utvardering/">x</a></main>')
        return html

    monkeypatch.setattr(loader, "render_to_string", with_bad_link)
    visits = crawl(
        client,
        f"/{sodertorn.slug}/verksamhetsplan/",
        fetch_documents=False,
        follow=lambda path: path == "/sodertorn/verksamhetsplan/",
    )
    bad = visits["/sodertorn/verksamhetsplan/1999/utvardering/"]
    assert (bad.status, bad.referrer) == (404, "/sodertorn/verksamhetsplan/")


def test_the_calendar_links_no_year_outside_its_range(sodertorn, client):
    """The calendar answers 1900–2200; its first and last pages link no year or month beyond that."""
    for path in (
        "/sodertorn/kalender/?ar=1900",
        "/sodertorn/kalender/?ar=2200",
        "/sodertorn/kalender/1900/1/",
        "/sodertorn/kalender/2200/12/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        for link in links_of(response.content.decode(), path):
            if "/kalender/" in link:
                assert client.get(link).status_code == 200, f"{path} links {link}"


def test_links_of_keeps_same_site_paths_only():
    html = (
        '<a href="/a/">a</a><a href="b/?x=1#top">b</a><a href="https://example.org/">c</a>'
        '<a href="mailto:x@example.org">d</a><a href="http://testserver/e/">e</a>'
    )
    assert links_of(html, "/base/") == ["/a/", "/base/b/?x=1", "/e/"]
