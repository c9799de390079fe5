"""Issue 11, stored XSS: uploads are checked by content, stored under generated names and served only
through views that check permission and publication (attachment, the right type, nosniff)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils.text import slugify

from core.tests.rows import new
from organisations.models import StaffRole
from programme import services
from programme.models import AdoptionStep, GoverningDocument
from programme.tests.builders import build_programme, minimal_pdf

#: The finding: an "extract" that only starts like a PDF and is HTML with a script.
XSS = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


@pytest.fixture
def prog(coop):
    return build_programme(coop, slug="sup-2035", short_name="SUP 2035")


def own_municipality(user):
    return StaffRole.objects.get(user=user).municipality


def _post(client, url, extract):
    return client.post(
        url,
        {
            "case_number": "2019/KS 1",
            "kind": "decision",
            "body_name": "Kommunstyrelsen",
            "meeting_date": "2019-09-02",
            "paragraph": "12",
            "outcome": "adopted",
            "text": "Godkänns.",
            "extract": extract,
        },
    )


def _record(users, programme, content=None):
    m = own_municipality(users["registrar"])
    return services.adoption_step_record(
        actor=users["secretariat"],
        adoption_round=programme.adoption_round,
        municipality=m,
        kind="decision",
        body_name="Kommunstyrelsen",
        meeting_date=dt.date(2019, 9, 2),
        outcome="adopted",
        extract=SimpleUploadedFile("utdrag.pdf", content or minimal_pdf()),
    )


def test_the_html_extract_of_the_finding_is_refused(client_for, prog, users):
    m = own_municipality(users["registrar"])
    c = client_for(users["registrar"])
    response = _post(
        c,
        f"/test/program/sup-2035/antagande/{m.code}/",
        SimpleUploadedFile("protokoll.html", XSS, content_type="text/html"),
    )
    assert response.status_code == 200
    assert "Filen går inte att läsa som PDF." in response.content.decode()
    assert not new(AdoptionStep).exists()


def test_the_service_refuses_it_too(users, prog):
    with pytest.raises(ValidationError):
        _record(users, prog, XSS)
    assert not new(AdoptionStep).exists()


def test_a_real_pdf_is_stored_under_a_generated_name_and_downloaded_as_an_attachment(client_for, client, prog, users):
    m = own_municipality(users["registrar"])
    c = client_for(users["registrar"])
    response = _post(
        c,
        f"/test/program/sup-2035/antagande/{m.code}/",
        SimpleUploadedFile("protokoll.html", minimal_pdf(), content_type="text/html"),
    )
    assert response.status_code == 302
    step = new(AdoptionStep).get()
    assert re.fullmatch(r"adoption-extracts/[0-9a-f]{32}\.pdf", step.extract.name)
    url = step.extract_url()
    assert url == f"/test/program/antagande/utdrag/{step.pk}/"
    assert url in client.get("/test/program/").content.decode()  # the public matrix links the view
    response = client.get(url)  # anonymous: the programme is out for adoption, so public
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"protokollsutdrag-{slugify(m.name)}-2019-09-02.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == minimal_pdf()


def test_files_are_not_served_from_media(client, prog, users, settings):
    step = _record(users, prog)
    assert (settings.MEDIA_ROOT / step.extract.name).exists()
    assert client.get(f"/media/{step.extract.name}").status_code == 404
    settings.DEBUG = True  # not in development either
    from django.urls import clear_url_caches

    clear_url_caches()
    assert client.get(f"/media/{step.extract.name}").status_code == 404


def test_the_api_links_the_view_not_media(client, prog, users):
    step = _record(users, prog)
    detail = client.get(f"/api/v1/programmes/{prog.pk}").json()
    urls = [s["extract_url"] for a in detail["adoptions"] for s in a["steps"] if s["extract_url"]]
    assert urls == [f"/test/program/antagande/utdrag/{step.pk}/"]
    assert "/media/" not in str(detail)


def test_an_extract_is_only_served_while_its_programme_is_visible(client_for, prog, users, monkeypatch):
    """The view asks core.publication: were the programme a draft (derived status: no adoption round, so
    no steps either, in practice), its extracts would be 404 for anonymous users and outsiders."""
    step = _record(users, prog)
    url = step.extract_url()
    assert client_for(None).get(url).status_code == 200
    from programme.models import ProgrammeQuerySet

    monkeypatch.setattr(ProgrammeQuerySet, "published_q", lambda self: Q(pk__in=[]))  # nothing published
    assert client_for(None).get(url).status_code == 404
    assert client_for(users["outsider"]).get(url).status_code == 404
    assert client_for(users["secretariat"]).get(url).status_code == 200
    assert client_for(users["committee"]).get(url).status_code == 200  # staff of the cooperation
    assert client_for(None).get(f"/annan/program/antagande/utdrag/{step.pk}/").status_code == 404


def test_an_old_stored_file_keeps_working_and_is_never_sent_as_html(client, coop):
    """Existing values (stored before generated names) still download, as bytes to save."""
    name = default_storage.save("adoption-extracts/protokoll.html", ContentFile(XSS))
    document = GoverningDocument.objects.create(
        cooperation=coop, title="Gamla stadgar", date=dt.date(2015, 1, 1), file=name
    )
    document.full_clean()  # a stored value is not checked again on each save
    response = client.get(document.file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_governing_documents_take_pdf_or_docx_only(client, coop):
    document = GoverningDocument(
        cooperation=coop, title="Samverkansavtal", date=dt.date(2019, 1, 1), file=SimpleUploadedFile("avtal.html", XSS)
    )
    with pytest.raises(ValidationError) as caught:
        document.full_clean()
    assert "file" in caught.value.message_dict
    document.file = SimpleUploadedFile("avtal.pdf", minimal_pdf())
    document.full_clean()
    document.save()
    assert re.fullmatch(r"governing-documents/[0-9a-f]{32}\.pdf", document.file.name)
    html = client.get("/test/program/historik/").content.decode()
    assert f'href="{document.file_url()}"' in html and "/media/" not in html
    response = client.get(document.file_url())
    assert response["Content-Disposition"].startswith('attachment; filename="samverkansavtal.pdf"')
    assert client.get(f"/annan/program/styrdokument/{document.pk}/fil/").status_code == 404
