"""News and publications: who writes them, who sees them, in every channel (page, image, file, feed, API)."""

from __future__ import annotations

import datetime as dt
import io

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import db_state
from news import services
from news.models import NewsItem, Publication

pytestmark = pytest.mark.django_db


def png_bytes(size=(4, 3)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def news(coop, *, title="Rådslag om kollektivtrafiken", published_at="past", **values) -> NewsItem:
    from core.services import SYSTEM

    when = {"past": timezone.now() - dt.timedelta(days=1), "future": timezone.now() + dt.timedelta(days=3), None: None}[
        published_at
    ]
    return services.news_create(
        actor=SYSTEM, cooperation=coop, title=title, lead=values.pop("lead", "Ingress."), published_at=when, **values
    )


def publication(coop, *, title="Årsrapport", published_at="past") -> Publication:
    from core.services import SYSTEM

    when = {"past": timezone.now() - dt.timedelta(days=1), "future": timezone.now() + dt.timedelta(days=3), None: None}[
        published_at
    ]
    return services.publication_create(
        actor=SYSTEM,
        cooperation=coop,
        title=title,
        kind="report",
        date=dt.date(2026, 3, 1),
        file=SimpleUploadedFile("rapport.pdf", pdf_bytes(), "application/pdf"),
        published_at=when,
    )


def form_data(**overrides) -> dict:
    data = {
        "title": "Ny nyhet",
        "lead": "En kort ingress.",
        "body": "Första stycket.\n\nAndra stycket.",
        "image_alt": "",
        "publish": "now",
        "publish_at": "",
    }
    data.update(overrides)
    return data


class TestWhoSeesWhat:
    def test_anonymous_users_see_only_published_news_in_every_channel(self, coop, client):
        public = news(
            coop, title="Publicerad nyhet", image=SimpleUploadedFile("a.png", png_bytes()), image_alt="En röd ruta"
        )
        draft = news(
            coop,
            title="Utkastnyhet",
            published_at=None,
            image=SimpleUploadedFile("b.png", png_bytes()),
            image_alt="En ruta",
        )
        scheduled = news(coop, title="Kommande nyhet", published_at="future")

        index = client.get(f"/{coop.slug}/nyheter/").content.decode()
        assert "Publicerad nyhet" in index
        assert "Utkastnyhet" not in index and "Kommande nyhet" not in index
        assert client.get(public.get_absolute_url()).status_code == 200
        for hidden in (draft, scheduled):
            assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(f"/{coop.slug}/nyheter/{public.pk}/bild").status_code == 200
        assert client.get(f"/{coop.slug}/nyheter/{draft.pk}/bild").status_code == 404

        feed = client.get(f"/{coop.slug}/nyheter/atom.xml").content.decode()
        assert "Publicerad nyhet" in feed and "Utkastnyhet" not in feed and "Kommande nyhet" not in feed
        api = client.get(f"/api/v1/cooperations/{coop.slug}/news").json()
        assert [item["title"] for item in api["items"]] == ["Publicerad nyhet"]

    def test_a_scheduled_item_becomes_public_at_its_time(self, coop, client, time_machine):
        scheduled = news(coop, title="Kommande nyhet", published_at="future")
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        time_machine.move_to(scheduled.published_at + dt.timedelta(minutes=1))
        assert client.get(scheduled.get_absolute_url()).status_code == 200

    def test_staff_see_their_drafts_marked_and_outsiders_do_not(self, coop, users, client_for):
        draft = news(coop, title="Utkastnyhet", published_at=None)
        page = client_for(users["secretariat"]).get(f"/{coop.slug}/nyheter/").content.decode()
        assert "Utkastnyhet" in page and "Utkast, inte publicerad" in page
        assert client_for(users["outsider"]).get(draft.get_absolute_url()).status_code == 404

    def test_unpublished_publications_are_invisible_to_anonymous_users(self, coop, client):
        public = publication(coop, title="Publicerad rapport")
        hidden = publication(coop, title="Opublicerad rapport", published_at=None)
        listing = client.get(f"/{coop.slug}/publikationer/").content.decode()
        assert "Publicerad rapport" in listing and "Opublicerad rapport" not in listing
        response = client.get(f"/{coop.slug}/publikationer/{public.pk}/fil")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")
        assert client.get(f"/{coop.slug}/publikationer/{hidden.pk}/fil").status_code == 404
        api = client.get(f"/api/v1/cooperations/{coop.slug}/publications").json()
        assert [row["title"] for row in api["items"]] == ["Publicerad rapport"]


class TestWriting:
    def test_the_secretariat_writes_a_news_item_with_an_image_on_the_page(self, coop, users, client_for):
        client = client_for(users["secretariat"])
        assert client.get(f"/{coop.slug}/nyheter/ny/").status_code == 200
        image = SimpleUploadedFile("bild.png", png_bytes(), "image/png")
        response = client.post(f"/{coop.slug}/nyheter/ny/", form_data(image=image, image_alt="En röd ruta"))
        item = NewsItem.objects.get(cooperation=coop)
        assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
        assert item.is_published and item.image.name.startswith("news/") and item.image.name.endswith(".png")
        page = client.get(item.get_absolute_url()).content.decode()
        assert 'alt="En röd ruta"' in page and "<p>Andra stycket.</p>" in page
        image_response = client.get(f"/{coop.slug}/nyheter/{item.pk}/bild")
        assert image_response["Content-Type"] == "image/png"
        assert image_response["X-Content-Type-Options"] == "nosniff"
        assert not image_response["Content-Disposition"].startswith("attachment")

    def test_an_image_without_a_description_is_refused_in_swedish_and_nothing_is_saved(self, coop, users, client_for):
        client = client_for(users["secretariat"])
        before = db_state(NewsItem)
        response = client.post(
            f"/{coop.slug}/nyheter/ny/", form_data(image=SimpleUploadedFile("bild.png", png_bytes(), "image/png"))
        )
        assert response.status_code == 200
        assert "Beskriv bilden" in response.content.decode()
        assert db_state(NewsItem) == before

    @pytest.mark.parametrize(
        "name, content",
        [
            ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
            ("bild.png", b"\x89PNG\r\n\x1a\n" + b"not really a png"),
            ("bild.png", pdf_bytes()),
        ],
    )
    def test_what_is_not_a_real_png_or_jpeg_is_refused(self, coop, users, client_for, name, content):
        client = client_for(users["secretariat"])
        response = client.post(
            f"/{coop.slug}/nyheter/ny/", form_data(image=SimpleUploadedFile(name, content), image_alt="Bild")
        )
        assert response.status_code == 200
        assert "går inte att läsa som PNG eller JPEG" in response.content.decode()
        assert not NewsItem.objects.exists()

    def test_publishing_at_a_time_needs_the_time(self, coop, users, client_for):
        response = client_for(users["secretariat"]).post(f"/{coop.slug}/nyheter/ny/", form_data(publish="at"))
        assert "Ange när den ska publiceras." in response.content.decode()
        assert not NewsItem.objects.exists()

    def test_editing_keeps_the_first_publication_time_and_a_draft_can_be_withdrawn(self, coop, users, client_for):
        item = news(coop, title="Gammal rubrik")
        first = item.published_at
        client = client_for(users["secretariat"])
        client.post(f"/{coop.slug}/nyheter/{item.pk}/redigera/", form_data(title="Ny rubrik", publish="now"))
        item.refresh_from_db()
        assert item.title == "Ny rubrik" and item.published_at == first
        client.post(f"/{coop.slug}/nyheter/{item.pk}/redigera/", form_data(title="Ny rubrik", publish="draft"))
        item.refresh_from_db()
        assert item.published_at is None

    @pytest.mark.parametrize("role", ["anonymous", "outsider", "management", "committee", "registrar", "network_lead"])
    def test_only_the_secretariat_writes_news(self, coop, users, client_for, role):
        client = client_for(users[role])
        item = news(coop)
        before = db_state(NewsItem, Publication)
        for url in (
            f"/{coop.slug}/nyheter/ny/",
            f"/{coop.slug}/nyheter/{item.pk}/redigera/",
            f"/{coop.slug}/publikationer/ny/",
        ):
            response = client.post(url, form_data())
            assert response.status_code in (302, 404)
            if response.status_code == 302:
                assert "/konto/logga-in/" in response["Location"]
        assert client.post(f"/{coop.slug}/nyheter/{item.pk}/ta-bort/").status_code in (302, 404)
        assert db_state(NewsItem, Publication) == before

    def test_services_refuse_actors_without_the_role(self, coop, actors):
        for name, actor in actors.items():
            if name in ("secretariat", "superuser"):
                continue
            with pytest.raises(Exception) as excinfo:
                services.news_create(actor=actor, cooperation=coop, title="X", lead="Y")
            assert type(excinfo.value).__name__ == "PermissionDenied", name
        assert not NewsItem.objects.exists()

    def test_the_secretariat_publishes_a_pdf_and_a_fake_pdf_is_refused(self, coop, users, client_for):
        client = client_for(users["secretariat"])
        data = {
            "title": "Årsrapport 2026",
            "kind": "report",
            "date": "2026-03-01",
            "description": "",
            "publish": "now",
            "publish_at": "",
        }
        fake = SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 nothing else", "application/pdf")
        response = client.post(f"/{coop.slug}/publikationer/ny/", {**data, "file": fake})
        assert response.status_code == 200 and not Publication.objects.exists()
        assert "går inte att läsa som PDF" in response.content.decode()
        real = SimpleUploadedFile("rapport.pdf", pdf_bytes(), "application/pdf")
        response = client.post(f"/{coop.slug}/publikationer/ny/", {**data, "file": real})
        assert response.status_code == 302
        assert "Årsrapport 2026" in client.get(f"/{coop.slug}/publikationer/").content.decode()


class TestFeedsAndOverview:
    def test_the_feeds_are_valid_atom_and_rss_with_the_published_entries(self, coop, client):
        news(coop, title="Nyhet med & och <tecken>\x0b", lead="Ingress\x0c med styrtecken")
        publication(coop, title="Årsrapport 2026")
        atom = feedparser.parse(client.get(f"/{coop.slug}/nyheter/atom.xml").content)
        assert not atom.bozo, atom.bozo_exception
        assert atom.version == "atom10"
        titles = [entry.title for entry in atom.entries]
        assert "Nyhet med & och <tecken>" in titles and "Rapport: Årsrapport 2026" in titles
        assert all(entry.link.startswith("http") for entry in atom.entries)
        rss = feedparser.parse(client.get(f"/{coop.slug}/nyheter/rss.xml").content)
        assert not rss.bozo and rss.version == "rss20" and len(rss.entries) == 2

    def test_the_overview_shows_the_latest_news(self, coop, client):
        news(coop, title="Senaste nyheten")
        news(coop, title="Opublicerad", published_at=None)
        page = client.get(f"/{coop.slug}/").content.decode()
        assert "Senaste nyheten" in page and "Opublicerad" not in page


def test_news_lists_stay_within_a_query_bound_with_many_items(coop, client, django_assert_max_num_queries):
    for n in range(60):
        news(coop, title=f"Nyhet {n}")
    for n in range(30):
        publication(coop, title=f"Rapport {n}")
    for url in (
        f"/{coop.slug}/nyheter/",
        f"/{coop.slug}/publikationer/",
        f"/{coop.slug}/nyheter/atom.xml",
        f"/api/v1/cooperations/{coop.slug}/news",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    # The news pages through the shared pagination (core/_pagination.html) with their own words for the links.
    first = client.get(f"/{coop.slug}/nyheter/").content.decode()
    assert 'rel="next">Äldre</a>' in first and 'rel="prev"' not in first and "Sida 1 av " in first
    second = client.get(f"/{coop.slug}/nyheter/?sida=2").content.decode()
    assert 'rel="prev">Nyare</a>' in second and "Sida 2 av " in second


def test_search_finds_published_news_and_a_scheduled_item_once_its_time_has_come(coop, client, time_machine):
    from news.tasks import release_scheduled

    news(coop, title="Rådslaget om kollektivtrafiken", lead="Kommunerna samlas.")
    news(coop, title="Hemligt utkast om kollektivtrafiken", published_at=None)
    scheduled = news(coop, title="Planerad nyhet om kollektivtrafiken", published_at="future")

    def found():
        page = client.get(f"/{coop.slug}/sok/", {"q": "kollektivtrafik"})
        assert page.status_code == 200
        return page.content.decode()

    html = found()
    assert "Rådslaget om" in html and "Hemligt utkast" not in html and "Planerad nyhet" not in html
    time_machine.move_to(scheduled.published_at + dt.timedelta(minutes=1))
    release_scheduled.call()
    assert "Planerad nyhet" in found()
