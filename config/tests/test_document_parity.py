"""Every document the site offers, rendered from its one structure to PDF and to DOCX, read back:
both hold the same headings in the same order and the same tables (same rows, same cell texts);
the PDF is A4 with "n (m)" page numbers, the DOCX is A4 with PAGE and NUMPAGES fields in its footer.

The documents come from the Södertörn demo (every programme, budget, operating plan, evaluation,
key-figure report and minutes with an extract); a second test checks that no PDF or DOCX URL of the
site is left out of this list.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.tests.document_parse import docx_layout, norm, parse_docx, parse_pdf

#: The URL names of every PDF/DOCX download; documents() below covers each of them.
DOCUMENT_URLS = {
    "programme:pdf",
    "programme:docx",
    "budget:export_pdf",
    "budget:export_docx",
    "plans:pdf",
    "plans:docx",
    "plans:evaluation_pdf",
    "plans:evaluation_docx",
    "kpi:report_pdf",
    "kpi:report_docx",
    "meetings:minutes_pdf",
    "meetings:extract_pdf",
}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", str(pattern.pattern), pattern.default_args


def test_every_pdf_and_docx_url_is_in_the_parity_list():
    found = {
        name
        for name, route, defaults in _url_names(get_resolver().url_patterns)
        if route.endswith((".pdf", ".docx", "pdf/", "docx/")) or defaults.get("kind") in ("pdf", "docx")
    }
    assert found == DOCUMENT_URLS


def _documents(coop):
    """(label, pdf bytes, docx bytes, structure) for every document of the demo."""
    from django.test import Client

    from budget.documents import budget_document
    from budget.models import Budget
    from core.documents import render_document_docx, render_document_pdf
    from kpi import reports
    from kpi import selectors as kpi_selectors
    from kpi.models import KeyFigureGroup
    from meetings import documents as meeting_documents
    from meetings import selectors as meeting_selectors
    from meetings.models import Minutes
    from plans import documents as plan_documents
    from plans.models import FollowUpRound, OperatingPlan
    from programme.documents import programme_document
    from programme.models import Programme

    client = Client()

    def via_urls(label, pdf_url, docx_url, structure):
        pdf, docx = client.get(pdf_url), client.get(docx_url)
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf", pdf_url
        assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document"), docx_url
        return label, pdf.content, docx.content, structure

    for p in Programme.objects.filter(cooperation=coop):
        yield via_urls(
            f"programme {p.slug}",
            reverse("programme:pdf", args=[coop.slug, p.slug]),
            reverse("programme:docx", args=[coop.slug, p.slug]),
            programme_document(coop, p),
        )
    for b in Budget.objects.filter(cooperation=coop):
        yield via_urls(
            f"budget {b.year}",
            reverse("budget:export_pdf", args=[coop.slug, b.year]),
            reverse("budget:export_docx", args=[coop.slug, b.year]),
            budget_document(b),
        )
    for plan in OperatingPlan.objects.filter(cooperation=coop):
        yield via_urls(
            f"plan {plan.year}",
            reverse("plans:pdf", args=[coop.slug, plan.year]),
            reverse("plans:docx", args=[coop.slug, plan.year]),
            plan_documents.plan_document(plan),
        )
    from plans.views import _evaluation

    for year in sorted(set(FollowUpRound.objects.filter(cooperation=coop).values_list("year", flat=True))):
        yield via_urls(
            f"evaluation {year}",
            reverse("plans:evaluation_pdf", args=[coop.slug, year]),
            reverse("plans:evaluation_docx", args=[coop.slug, year]),
            plan_documents.evaluation_document(_evaluation(coop, year)),
        )
    for group in KeyFigureGroup.objects.filter(cooperation=coop):
        year = kpi_selectors.latest_year(group)
        yield via_urls(
            f"key figures {group.slug} {year}",
            reverse("kpi:report_pdf", args=[coop.slug, group.slug, year]),
            reverse("kpi:report_docx", args=[coop.slug, group.slug, year]),
            reports.report_document(reports.build_report(group, year)),
        )
    for minutes in Minutes.objects.filter(meeting__body__cooperation=coop):
        # Minutes are offered as PDF; the DOCX comes from the same structure through the same renderer.
        document = meeting_documents.minutes_document(meeting_selectors.minutes_context(minutes))
        pdf = client.get(reverse("meetings:minutes_pdf", args=[coop.slug, minutes.pk]))
        assert pdf.status_code == 200
        yield f"minutes {minutes.pk}", pdf.content, render_document_docx(document), document
        first = minutes.paragraphs.order_by("number").first()
        context = meeting_selectors.extract_context(minutes, first.number)
        extract = meeting_documents.minutes_document(context, extract=True)
        pdf = client.get(reverse("meetings:extract_pdf", args=[coop.slug, minutes.pk, first.number]))
        assert pdf.status_code == 200
        assert pdf.content[:5] == render_document_pdf(extract)[:5] == b"%PDF-"
        yield f"extract {minutes.pk} § {first.number}", pdf.content, render_document_docx(extract), extract


def _squeeze(tables):
    """Cell texts without any whitespace: a PDF line may wrap after "/" or "-" with no space to read back."""
    return [[["".join(cell.split()) for cell in row] for row in table] for table in tables]


def _expected_tables(document):
    return _squeeze([[row.cells for row in table.all_rows()] for table in document.tables()])


def _first_difference(got, expected):
    for t, (a, b) in enumerate(zip(got, expected, strict=False)):
        for r, (row_a, row_b) in enumerate(zip(a, b, strict=False)):
            if row_a != row_b:
                return f"table {t} row {r}: {row_a!r} != {row_b!r}"
        if len(a) != len(b):
            return f"table {t}: {len(a)} rows != {len(b)} rows"
    return f"{len(got)} tables != {len(expected)} tables"


def assert_same_document(label, pdf_bytes, docx_bytes, document):
    pdf, docx = parse_pdf(pdf_bytes), parse_docx(docx_bytes)
    pdf.tables, docx.tables = _squeeze(pdf.tables), _squeeze(docx.tables)
    expected_headings = [(level, norm(text)) for level, text in document.headings()]
    assert pdf.headings == expected_headings, f"{label}: PDF headings"
    assert docx.headings == expected_headings, f"{label}: DOCX headings"
    expected_tables = _expected_tables(document)
    assert pdf.tables == expected_tables, f"{label}: PDF, {_first_difference(pdf.tables, expected_tables)}"
    assert docx.tables == expected_tables, f"{label}: DOCX, {_first_difference(docx.tables, expected_tables)}"
    pages = len(pdf.pages)
    for number, text in enumerate(pdf.pages, start=1):
        assert f"{number} ({pages})" in text.splitlines()[-1], f"{label}: page number on page {number}"
    layout = docx_layout(docx_bytes)["sections"]
    assert [(s["width_mm"], s["height_mm"]) for s in layout] == [(210, 297)], f"{label}: DOCX page size"
    assert layout[0]["fields"] == ["PAGE", "NUMPAGES"], f"{label}: DOCX page numbers"


@pytest.mark.django_db
def test_every_pdf_and_its_docx_hold_the_same_sections_and_tables(sodertorn):
    seen = []
    for label, pdf, docx, document in _documents(sodertorn):
        assert document.tables(), f"{label}: a document without tables proves little"
        assert_same_document(label, pdf, docx, document)
        seen.append(label.split()[0])
    assert set(seen) == {"programme", "budget", "plan", "evaluation", "key", "minutes", "extract"}
