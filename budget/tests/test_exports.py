"""Exports and documents, parsed back: XLSX (SUM formulas give the same sums), CSV, PDF, DOCX and
the budget section the operating plan includes."""

import csv
import io
import re

import docx
import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook
from pypdf import PdfReader

from budget.documents import add_budget_section, budget_xlsx
from budget.tests.builders import build_budget
from core.documents import new_docx, render_pdf

pytestmark = pytest.mark.django_db


def _evaluate(ws, formula):
    """Evaluate the simple formulas we write (=SUM(B3:B5), =B4-B9) from the sheet's cell values."""
    m = re.fullmatch(r"=SUM\(([A-Z])(\d+):([A-Z])(\d+)\)", formula)
    if m:
        col, first, last = m.group(1), int(m.group(2)), int(m.group(4))
        return sum(ws[f"{col}{r}"].value or 0 for r in range(first, last + 1))
    m = re.fullmatch(r"=([A-Z]\d+)-([A-Z]\d+)", formula)
    if m:
        return _value(ws, m.group(1)) - _value(ws, m.group(2))
    raise AssertionError(f"unexpected formula {formula}")


def _value(ws, ref):
    value = ws[ref].value
    return _evaluate(ws, value) if isinstance(value, str) and value.startswith("=") else value


def test_xlsx_has_sum_formulas_that_give_the_budget_sums(coop, client):
    build_budget(coop, allocate=True)
    response = client.get(f"/{coop.slug}/budget/2011/budget.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Budget"]
    rows = {row[0].value: row[1] for row in ws.iter_rows(min_row=1) if row[0].value}
    assert rows["Personal"].value == 580_000
    sums = [row[1] for row in ws.iter_rows() if row[0].value == "Summa"]
    assert len(sums) == 2
    assert all(cell.value.startswith("=SUM(") for cell in sums)
    assert [_value(ws, cell.coordinate) for cell in sums] == [860_000, 860_000]
    balance = rows["Intäkter minus kostnader"]
    assert balance.value.startswith("=") and _value(ws, balance.coordinate) == 0

    fees = wb["Avgifter"]
    total_row = [row for row in fees.iter_rows() if row[0].value == "Summa"][0]
    assert total_row[3].value == "=SUM(D2:D4)"
    assert _value(fees, total_row[3].coordinate) == 860_000
    assert _value(fees, total_row[1].coordinate) == sum(fees[f"B{r}"].value for r in range(2, 5))


def test_xlsx_of_a_budget_without_amounts_still_opens(coop):
    from budget.models import Budget

    budget = build_budget(coop, lines=[("revenue", "Avgifter", None, True), ("cost", "Personal", None, False)])
    wb = load_workbook(io.BytesIO(budget_xlsx(Budget.objects.get(pk=budget.pk))))
    assert wb["Budget"]["B4"].value is None


def _csv_rows(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_of_budget_and_fee_table(coop, client):
    build_budget(coop, allocate=True)
    rows = _csv_rows(client.get(f"/{coop.slug}/budget/2011/budget.csv").content)
    assert rows[0] == ["Slag", "Post", "Belopp (kr)"]
    assert ["Kostnader", "Personal", "580000"] in rows
    assert ["Intäkter", "Summa", "860000"] in rows
    fee_rows = _csv_rows(client.get(f"/{coop.slug}/budget/2011/avgifter.csv").content)
    assert fee_rows[0] == ["Kommun", "Invånare", "Andel (%)", "Avgift (kr)"]
    assert sum(int(r[3]) for r in fee_rows[1:-1]) == 860_000 == int(fee_rows[-1][3])


def test_pdf_is_tagged_and_has_the_figures(coop, client):
    build_budget(coop, allocate=True)
    response = client.get(f"/{coop.slug}/budget/2011/budget.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "8. Budget 2011" in text and "Personal" in text
    assert re.search(r"580\s000\skr", text) and "Kommunernas avgifter" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_docx_section_can_be_appended_to_a_document(coop, client):
    budget = build_budget(coop, allocate=True)
    document = new_docx("Verksamhetsplan 2011")
    document.add_paragraph("7. Kalendarium")
    add_budget_section(document, budget, heading="8. Budget 2011")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = docx.Document(io.BytesIO(buffer.getvalue()))
    assert [p.text for p in parsed.paragraphs if p.style.name.startswith("Heading")] == ["8. Budget 2011"]
    cells = [[c.text for c in row.cells] for row in parsed.tables[0].rows]
    assert cells[0][0] == "Intäkter"
    assert ["Personal", "580\u00a0000\u00a0kr"] in cells
    assert cells[-1] == ["Summa", "860\u00a0000\u00a0kr"]
    fee_cells = [[c.text for c in row.cells] for row in parsed.tables[1].rows]
    assert len(fee_cells) == 1 + 3
    # the stand-alone download too
    response = client.get(f"/{coop.slug}/budget/2011/budget.docx")
    assert "Budget 2011" in [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs][0]


def test_budget_section_template_renders_inside_a_weasyprint_document(coop):
    budget = build_budget(coop)
    html = render_to_string("budget/_budget_section.html", {"budget": budget, "heading": "8. Budget 2011"})
    assert "<h2>8. Budget 2011</h2>" in html and "Utredningar" in html
    pdf = render_pdf("budget/budget_pdf.html", {"budget": budget, "cooperation": coop, "title": "VP",
                                                "fees": {"shares": []}})
    assert pdf.startswith(b"%PDF")
    no_heading = render_to_string("budget/_budget_section.html", {"budget": budget})
    assert "<h2>" not in no_heading
