"""Every document states its status on page 1: a draft says it is a draft, an approved one when and by whom.

Each document of the demo is built for a draft and for an approved object (budget, operating plan, minutes
and extract), and for the documents without such a decision (programme, evaluation, key-figure report) as
they are; each is rendered to PDF and DOCX and read back: the PDF's first page (pypdf) and the DOCX's first
paragraphs hold "Status: <the status>".
"""

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from core.documents import Document, render_document_docx, render_document_pdf

pytestmark = pytest.mark.django_db


def first_page_of_pdf(content: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())


def first_paragraphs_of_docx(content: bytes, count: int = 6) -> str:
    return " ".join(" ".join(p.text.split()) for p in docx.Document(io.BytesIO(content)).paragraphs[:count])


def assert_status_on_page_one(label: str, document: Document, expected: str):
    assert document.status, f"{label}: no status"
    assert expected in document.status, f"{label}: {document.status!r}"
    line = f"Status: {document.status}"
    pdf = first_page_of_pdf(render_document_pdf(document))
    assert line in pdf, f"{label}: PDF page 1 lacks {line!r}:\n{pdf[:600]}"
    words = first_paragraphs_of_docx(render_document_docx(document))
    assert line in words, f"{label}: DOCX opening lacks {line!r}:\n{words[:600]}"


def test_budget_draft_and_approved(sodertorn):
    from budget.documents import budget_document
    from budget.models import Budget
    from organisations.models import Body

    budget = Budget.objects.filter(cooperation=sodertorn).order_by("year").first()
    budget.status, budget.approved_on, budget.approved_by = Budget.Status.DRAFT, None, None
    budget.save()
    assert_status_on_page_one("draft budget", budget_document(budget), "utkast, inte fastställd")
    body = Body.objects.filter(cooperation=sodertorn).order_by("name").first()
    budget.status, budget.approved_on, budget.approved_by = Budget.Status.APPROVED, dt.date(2013, 11, 20), body
    budget.save()
    assert_status_on_page_one("approved budget", budget_document(budget), f"fastställd 20 november 2013 av {body}")


def test_operating_plan_draft_and_approved(sodertorn):
    from organisations.models import Body
    from plans.documents import plan_document
    from plans.models import OperatingPlan

    plan = OperatingPlan.objects.filter(cooperation=sodertorn).order_by("year").last()
    plan.approved_on, plan.approved_by = None, None
    plan.save()
    assert_status_on_page_one("draft plan", plan_document(plan), "utkast, inte fastställd")
    body = Body.objects.filter(cooperation=sodertorn).order_by("name").first()
    plan.approved_on, plan.approved_by = dt.date(2014, 2, 3), body
    plan.save()
    assert_status_on_page_one("approved plan", plan_document(plan), f"fastställd 3 februari 2014 av {body}")


def test_minutes_and_extract_draft_and_approved(sodertorn):
    from meetings import documents, selectors
    from meetings.models import Minutes

    minutes = Minutes.objects.filter(meeting__body__cooperation=sodertorn).order_by("pk").first()
    number = minutes.paragraphs.order_by("number").first().number
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.DRAFT)
    minutes.refresh_from_db()
    for extract, context in (
        (False, selectors.minutes_context(minutes)),
        (True, selectors.extract_context(minutes, number)),
    ):
        assert_status_on_page_one(
            f"draft minutes (extract: {extract})",
            documents.minutes_document(context, extract=extract),
            "utkast, ännu inte justerat",
        )
    Minutes.objects.filter(pk=minutes.pk).update(
        status=Minutes.Status.APPROVED, approval_date=dt.date(2014, 3, 4), approvers="Anna Andersson, Bo Berg"
    )
    minutes.refresh_from_db()
    for extract, context in (
        (False, selectors.minutes_context(minutes)),
        (True, selectors.extract_context(minutes, number)),
    ):
        assert_status_on_page_one(
            f"approved minutes (extract: {extract})",
            documents.minutes_document(context, extract=extract),
            "justerat 4 mars 2014 av Anna Andersson, Bo Berg",
        )


def test_programme_evaluation_and_key_figure_report(sodertorn):
    from kpi import reports
    from kpi import selectors as kpi_selectors
    from kpi.models import KeyFigureGroup
    from plans import documents as plan_documents
    from plans.models import FollowUpRound
    from plans.views import _evaluation
    from programme.documents import programme_document
    from programme.models import Programme

    for programme in Programme.objects.filter(cooperation=sodertorn):
        assert_status_on_page_one(f"programme {programme.slug}", programme_document(sodertorn, programme), "")
    year = FollowUpRound.objects.filter(cooperation=sodertorn).values_list("year", flat=True).first()
    assert_status_on_page_one("evaluation", plan_documents.evaluation_document(_evaluation(sodertorn, year)), "Omgång:")
    group = KeyFigureGroup.objects.filter(cooperation=sodertorn).first()
    report = reports.build_report(group, kpi_selectors.latest_year(group))
    assert_status_on_page_one("key-figure report", reports.report_document(report), "inget beslut")


def test_the_status_check_fails_without_a_status_line(monkeypatch):
    """Negative control: when the renderers do not print "Status: …", the check fails (PDF and DOCX)."""
    import core.documents

    monkeypatch.setattr(core.documents, "status_label", lambda: "Läge")
    with pytest.raises(AssertionError, match="PDF page 1 lacks"):
        assert_status_on_page_one("control", Document(title="Prov", status="utkast, inte fastställd"), "utkast")
