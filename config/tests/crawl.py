"""A small crawler over the public site, through Django's test client (no browser, no network).

`crawl(client, start)` follows every same-site link (`<a href>`) from `start`, fetches each target once and
records its status, content type and the page that linked it first. Only HTML pages are parsed for more
links; documents (PDF, DOCX, XLSX, CSV, iCalendar) are fetched and their status recorded.

The calendar links each year and month to the next without end (1900–2200): its pages are fetched when
linked, but parsed for further links only for the years the demo has meetings in (±1), so the crawl
visits every kind of page without walking three centuries of empty months.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

from django.urls import Resolver404, resolve

SKIPPED_PREFIXES = ("/admin/", "/i18n/", "/api/", "/static/", "/media/", "/konto/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def links_of(html: str, base: str) -> list[str]:
    """The same-site paths (with query, without fragment) that `html` links to."""
    parser = _Links()
    parser.feed(html)
    paths = []
    for href in parser.links:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
            continue  # mailto:, tel:, other sites
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


@dataclasses.dataclass
class Visit:
    path: str
    status: int
    content_type: str
    referrer: str

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


def calendar_year(path: str) -> int | None:
    """The year a calendar page shows (None for any other page)."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name == "meetings:month":
        return match.kwargs["year"]
    if match.view_name == "meetings:calendar":
        values = parse_qs(parts.query).get("ar")
        try:
            return int(values[0]) if values else None
        except ValueError:
            return None
    return None


def crawl(
    client, start: str, *, parse_calendar_years=range(0), fetch_documents: bool = True, follow=lambda path: True
) -> dict[str, Visit]:
    """Every page reachable from `start` over same-site links: {path: Visit}. Pages for which `follow(path)`
    is false are fetched (their status recorded) but not searched for further links."""
    visits: dict[str, Visit] = {}
    queue = [(start, "")]
    queued = {start}
    while queue:
        path, referrer = queue.pop(0)
        response = client.get(path)
        visit = Visit(path, response.status_code, response.get("Content-Type", ""), referrer)
        visits[path] = visit
        if response.status_code != 200 or not visit.is_html:
            continue
        year = calendar_year(path)
        if not follow(path) or (year is not None and year not in parse_calendar_years):
            continue  # fetched and checked, but not followed further (see the module doc)
        for link in links_of(response.content.decode(), path):
            if link in queued or link.startswith(SKIPPED_PREFIXES):
                continue
            if not fetch_documents and _is_document(link):
                continue
            queued.add(link)
            queue.append((link, path))
    return visits


def _is_document(path: str) -> bool:
    return urlsplit(path).path.rstrip("/").rsplit("/", 1)[-1] in ("pdf", "docx") or urlsplit(path).path.endswith(
        (".pdf", ".docx", ".xlsx", ".csv", ".ics")
    )
