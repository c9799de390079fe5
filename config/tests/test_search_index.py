"""The index is kept current on write and shows anonymous users only what is published."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from config.tests.search_builders import minutes_with_paragraphs, programme_with_goals
from meetings.models import AgendaItem, AgendaPaper, Meeting, Minutes
from organisations.models import Body
from organisations.testing import build_body
from programme.models import Goal
from search import index, registry, selectors
from search.models import DocumentText, SearchEntry

pytestmark = pytest.mark.django_db


def titles(coop, user, query, **filters):
    return [h.entry.title for h in selectors.search(coop, user, query, selectors.Filters(**filters)).hits]


def test_a_saved_goal_is_found_at_once_and_its_new_text_replaces_the_old(coop):
    _programme, goals = programme_with_goals(coop, {"Klimat": ["Vi minskar utsläppen från transporterna."]})
    goal = goals["Vi minskar utsläppen från transporterna."]
    assert titles(coop, None, "utsläpp") == [goal.text]
    goal.text = "Vi ställer om till förnybara drivmedel."
    goal.save()
    assert titles(coop, None, "utsläpp") == []
    assert titles(coop, None, "förnybar") == [goal.text]
    goal.delete()
    assert titles(coop, None, "förnybar") == []
    assert not SearchEntry.objects.filter(model="programme.goal", object_id=goal.pk).exists()


def test_a_draft_programme_is_found_only_by_its_staff_until_it_is_sent_out(coop, users):
    from programme.models import AdoptionRound

    programme, _goals = programme_with_goals(coop, {"Klimat": ["Solceller på alla skolor."]}, sent=False)
    assert titles(coop, None, "solceller") == []
    assert titles(coop, users["outsider"], "solceller") == []
    assert titles(coop, users["secretariat"], "solceller") == ["Solceller på alla skolor."]
    AdoptionRound.objects.create(cooperation=coop, programme=programme, title=programme.name)
    assert titles(coop, None, "solceller") == ["Solceller på alla skolor."]


def test_draft_minutes_and_a_draft_meetings_agenda_are_invisible_to_anonymous_users(coop, users, client_for):
    body = build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    minutes, [paragraph] = minutes_with_paragraphs(
        coop, [("Hemligt utkast om vattenförsörjningen", "Beslutas.")], body=body
    )
    draft_meeting = Meeting.objects.create(body=body, date=dt.date(2022, 5, 5), status=Meeting.Status.DRAFT)
    AgendaItem.objects.create(meeting=draft_meeting, number=1, title="Utkast: vattenförsörjningen i skärgården")
    for who in ("anonymous", "outsider"):
        assert titles(coop, users[who], "vattenförsörjningen") == []
        page = client_for(users[who]).get(f"/{coop.slug}/sok/?q=vattenf%C3%B6rsörjningen").content.decode()
        assert "Hemligt utkast" not in page and "skärgården" not in page
        api = client_for(users[who]).get(f"/api/v1/cooperations/{coop.slug}/search?q=vattenförsörjningen").json()
        assert api["total"] == 0
        decisions = client_for(users[who]).get(f"/{coop.slug}/beslut/").content.decode()
        assert "Hemligt utkast" not in decisions
        export = client_for(users[who]).get(f"/{coop.slug}/beslut/beslut.csv").content.decode("utf-8-sig")
        assert "Hemligt utkast" not in export
    staff = titles(coop, users["secretariat"], "vattenförsörjningen")
    assert set(staff) == {"§ 1 Hemligt utkast om vattenförsörjningen", "1. Utkast: vattenförsörjningen i skärgården"}
    # Approving the minutes and publishing the meeting make them public at once.
    minutes.status = Minutes.Status.APPROVED
    minutes.approval_date = minutes.meeting.date
    minutes.save()
    draft_meeting.status = Meeting.Status.PUBLISHED
    draft_meeting.save()
    assert set(titles(coop, None, "vattenförsörjningen")) == set(staff)
    assert paragraph.pk in selectors.decisions(coop, None).values_list("object_id", flat=True)


def _pdf_with(text: str) -> bytes:
    from weasyprint import HTML

    buffer = io.BytesIO()
    HTML(string=f"<html lang='sv'><body><p>{text}</p></body></html>").write_pdf(buffer)
    return buffer.getvalue()


def test_the_text_of_an_uploaded_pdf_is_extracted_in_the_background_and_found(
    coop, users, django_capture_on_commit_callbacks
):
    body = build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    meeting = Meeting.objects.create(body=body, date=dt.date(2022, 5, 5), status=Meeting.Status.PUBLISHED)
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Rapporter")
    content = _pdf_with("Rapporten om dagvattenhanteringen i Flemingsberg.")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        paper = AgendaPaper.objects.create(
            item=item,
            file=ContentFile(content, name="rapport.pdf"),
            name="rapport.pdf",
            content_type="application/pdf",
            size=len(content),
        )
    assert len(callbacks) == 1  # one extraction job, queued after the commit
    assert "dagvattenhanteringen" in DocumentText.objects.get(model="meetings.agendapaper", object_id=paper.pk).text
    assert titles(coop, None, "dagvattenhantering") == ["rapport.pdf"]
    # Saving again without a new file queues nothing; the text stays searchable.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        paper.name = "Rapport om dagvatten.pdf"
        paper.save()
    assert callbacks == []
    assert titles(coop, None, "dagvattenhantering") == ["Rapport om dagvatten.pdf"]
    # A draft meeting's paper is not found by anonymous users.
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    assert titles(coop, None, "dagvattenhantering") == []
    assert titles(coop, users["secretariat"], "dagvattenhantering") == ["Rapport om dagvatten.pdf"]


def test_a_damaged_file_gives_no_text_and_no_error(coop):
    from search.extract import extract

    assert extract(ContentFile(b"%PDF-1.7 this is not a pdf", name="x.pdf")) == ""
    assert extract(ContentFile(b"plain text", name="x.txt")) == ""


def test_reindex_rebuilds_the_index_and_drops_entries_of_vanished_objects(coop):
    _programme, goals = programme_with_goals(coop, {"Klimat": ["Laddstolpar vid varje pendelparkering."]})
    goal = goals["Laddstolpar vid varje pendelparkering."]
    SearchEntry.objects.filter(model="programme.goal", object_id=goal.pk).delete()
    assert titles(coop, None, "laddstolpar") == []
    with registry.paused():
        Goal.objects.filter(pk=goal.pk).update(text="Laddstolpar vid pendelparkeringarna.")
    out = io.StringIO()
    call_command("reindex", "goal", stdout=out)
    assert "goal:" in out.getvalue()
    assert titles(coop, None, "laddstolpar") == ["Laddstolpar vid pendelparkeringarna."]
    ghost = SearchEntry.objects.create(
        cooperation=coop, kind="goal", model="programme.goal", object_id=10**9, title="Spöke", published=True
    )
    index.reindex(["goal"])
    assert not SearchEntry.objects.filter(pk=ghost.pk).exists()


def test_reindex_refuses_an_unknown_kind():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Okänd sort"):
        call_command("reindex", "finns-inte")


def test_an_app_registers_what_it_indexes_without_the_search_knowing_it(coop):
    """The registry is open: a kind registered later (as news will be) is searched, faceted and kept current."""
    from organisations.models import Body as Model

    def body_entries(queryset):
        for b in queryset:
            yield registry.Entry(
                obj=b,
                cooperation_id=b.cooperation_id,
                title=b.name,
                url="/",
                published=True,
                body="Nätverket för gröna frågor",
            )

    indexer = registry.register(registry.Indexer(kind="test_body", label="Organ", model=Model, entries=body_entries))
    try:
        build_body(coop, Body.Kind.NETWORK, name="Miljönätverket")
        result = selectors.search(coop, None, "gröna")
        assert [h.entry.title for h in result.hits] == ["Miljönätverket"]
        assert [(f.value, f.count) for f in result.facets["kind"]] == [("test_body", 1)]
    finally:
        registry.unregister(indexer)
