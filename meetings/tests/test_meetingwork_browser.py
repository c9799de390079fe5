"""The secretariat's meeting work in the browser, from a draft 2027 committee meeting to a downloaded extract;
every new page passes axe and reflows at 320 px without sideways scrolling."""

import datetime as dt
import io

import pytest
import time_machine
from icalendar import Calendar
from pypdf import PdfReader

from meetings.models import Meeting, Minutes, Paragraph
from meetings.tests.builders import committee_and_group, people
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("main button[type=submit], main input[type=submit]")
    page.wait_for_load_state()


def check_page(page, axe, name):
    axe(page, name)
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name}: {width}px wide at 320px"
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def pdf_bytes(text):
    from core.documents import Document, render_document_pdf
    from core.documents import Paragraph as P

    return render_document_pdf(Document(title=text, blocks=[P.of(text)]))


def test_secretariat_from_draft_to_extract(coop, page, axe, smtp_server):
    committee, _group = committee_and_group(coop)
    committee.calendar_rule.follows_kommunallagen = True
    committee.calendar_rule.save()
    folk = people(committee)  # chair, member, member, substitute, secretary
    build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli-mw")
    earlier = Minutes.objects.create(
        meeting=Meeting.objects.create(body=committee, date=dt.date(2027, 1, 14), status="held")
    )
    for n in range(1, 5):
        Paragraph.objects.create(minutes=earlier, body=committee, year=2027, number=n, title=f"Tidigare {n}")
    slug = coop.slug
    with time_machine.travel(dt.datetime(2027, 2, 22, 9, tzinfo=dt.UTC), tick=True) as traveller:
        sign_in(page, "kansli-mw")
        page.goto(page.base_url + f"/{slug}/kalender/nytt-mote/")
        check_page(page, axe, "meeting_new")
        page.select_option("select[name=body]", label=committee.name)
        page.fill("input[name=date]", "2027-03-04")
        page.fill("input[name=start_time]", "12:00")
        page.fill("input[name=end_time]", "15:00")
        page.fill("input[name=location]", "Kommunhuset")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/arbete/")
        meeting = Meeting.objects.get(body=committee, date=dt.date(2027, 3, 4))
        assert meeting.status == "draft"
        for title in ("Budget 2028", "Verksamhetsplan", "Övriga frågor"):
            page.fill("input[name=title]", title)
            page.fill("input[name=case_number]", "2027/12")
            page.click("text=Lägg till punkten")
            page.wait_for_load_state()
        assert list(meeting.agenda_items.values_list("title", flat=True)) == [
            "Budget 2028",
            "Verksamhetsplan",
            "Övriga frågor",
        ]
        page.click("button[value=publish]")
        page.wait_for_load_state()
        check_page(page, axe, "meeting_work")
        page.click("text=Budget 2028")
        page.wait_for_url("**/punkt/**")
        check_page(page, axe, "agenda_item")
        page.set_input_files(
            "input[name=file]",
            files=[{"name": "budgetforslag.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Budgetförslag")}],
        )
        page.click("text=Ladda upp handlingen")
        page.wait_for_url("**/arbete/")
        assert "budgetforslag.pdf" in page.inner_text("main")
        page.click("button[value=notice]")
        page.wait_for_load_state()
        assert "Kallelse" in page.inner_text("main")
        members = [p for p in folk if "secretary" not in p.user.username]
        assert sorted(m["To"].addresses[0].addr_spec for m in smtp_server) == sorted(p.email for p in members)
        for message in smtp_server:
            parts = {part.get_content_type(): part for part in message.iter_attachments()}
            agenda = "".join(
                p.extract_text() for p in PdfReader(io.BytesIO(parts["application/pdf"].get_content())).pages
            )
            assert "Budget 2028" in agenda and "budgetforslag.pdf" in agenda
            assert str(Calendar.from_ical(parts["text/calendar"].get_content())["method"]) == "REQUEST"

        traveller.move_to(dt.datetime(2027, 3, 4, 16, tzinfo=dt.UTC))
        sign_in(page, "kansli-mw")
        page.goto(page.base_url + f"/{slug}/kalender/mote/{meeting.pk}/arbete/")
        page.click("button[value=hold]")
        page.wait_for_load_state()
        page.click("button[value=start_minutes]")
        page.wait_for_url("**/redigera/")
        check_page(page, axe, "minutes_edit")
        minutes = Minutes.objects.get(meeting=meeting)
        paragraphs = list(minutes.paragraphs.order_by("number"))
        assert [(p.number, p.title) for p in paragraphs] == [
            (5, "Budget 2028"),
            (6, "Verksamhetsplan"),
            (7, "Övriga frågor"),
        ]
        first = paragraphs[0]
        page.fill(f"textarea[name=p{first.pk}-decision]", "Kommittén antar budgeten för 2028.")
        page.click(f"section[aria-labelledby=p{first.pk}-heading] button[value=save_paragraph]")
        page.wait_for_load_state()
        page.select_option("select[name=first]", value=str(folk[1].pk))
        page.select_option("select[name=second]", value=str(folk[2].pk))
        page.click("text=Välj justerare")
        page.wait_for_load_state()
        assert minutes.approver_rows.count() == 2

        traveller.move_to(dt.datetime(2027, 3, 8, 10, tzinfo=dt.UTC))
        for approver in folk[1:3]:
            sign_in(page, approver.user.username)
            page.goto(page.base_url + f"/{slug}/protokoll/{minutes.pk}/")
            check_page(page, axe, "minutes_detail approver")
            page.click("text=Justera protokollet")
            page.wait_for_load_state()
        minutes.refresh_from_db()
        assert minutes.status == "approved" and minutes.approval_date == dt.date(2027, 3, 8)
        sign_in(page, "kansli-mw")
        page.goto(page.base_url + f"/{slug}/protokoll/{minutes.pk}/")
        check_page(page, axe, "minutes_detail secretariat")
        page.click("main button:has-text('Registrera anslaget')")
        page.wait_for_load_state()
        minutes.refresh_from_db()
        assert minutes.notice_posted_on == dt.date(2027, 3, 8) and minutes.notice_taken_down_on
        response = page.request.get(page.base_url + f"/{slug}/protokoll/{minutes.pk}/utdrag/5.pdf")
        assert response.status == 200
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
        assert "Kommittén antar budgeten för 2028." in text and "Utdragsbestyrkande" in text and "§ 5" in text
