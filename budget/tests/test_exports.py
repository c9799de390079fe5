"""Exports and documents, parsed back: XLSX (sums as number cells in kronor, no formulas), CSV, PDF,
DOCX (with the total rows the PDF has) and the budget section template the pages include."""

import csv
import io
import re

import docx
import pytest
from django.template.loader import render_to_string
from openpyxl import load_workbook
from pypdf import PdfReader

from budget.documents import budget_document, budget_xlsx
from budget.tests.builders import build_budget
from core.documents import render_document_pdf

pytestmark = pytest.mark.django_db


def test_xlsx_has_the_sums_as_number_cells_in_kronor_and_no_formulas(coop, client):
    build_budget(coop, allocate=True)
    response = client.get(f"/{coop.slug}/budget/2011/budget.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Budget"]
    assert ws.freeze_panes == "A3" and ws["A2"].font.bold and ws["A2"].value == "Post"
    rows = {row[0].value: row[1] for row in ws.iter_rows(min_row=1) if row[0].value}
    assert rows["Personal"].value == 580_000 and rows["Personal"].number_format == '#,##0" kr"'
    sums = [row[1] for row in ws.iter_rows() if row[0].value == "Summa"]
    assert [cell.value for cell in sums] == [860_000, 860_000]
    assert all(cell.font.bold and cell.number_format == '#,##0" kr"' for cell in sums)
    assert rows["Intäkter minus kostnader"].value == 0

    fees = wb["Avgifter"]
    assert fees.freeze_panes == "A2"
    total_row = [row for row in fees.iter_rows() if row[0].value == "Summa"][0]
    assert total_row[3].value == 860_000
    assert total_row[1].value == sum(fees[f"B{r}"].value for r in range(2, 5))
    assert not [c.coordinate for sheet in wb for row in sheet.iter_rows() for c in row if c.data_type == "f"]


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


def test_docx_has_the_budget_table_and_the_fee_table_with_its_total_row(coop, client):
    build_budget(coop, allocate=True)
    response = client.get(f"/{coop.slug}/budget/2011/budget.docx")
    parsed = docx.Document(io.BytesIO(response.content))
    assert [(p.style.name, p.text) for p in parsed.paragraphs if p.style.name.startswith(("Heading", "Title"))] == [
        ("Title", coop.name),
        ("Heading 1", "8. Budget 2011"),
        ("Heading 1", "Kommunernas avgifter"),
    ]
    cells = [[c.text for c in row.cells] for row in parsed.tables[0].rows]
    assert cells[0] == ["Post", "Belopp"]
    assert cells[1] == ["Intäkter", "Intäkter"]  # a group row spans the table
    assert ["Personal", "580\u00a0000\u00a0kr"] in cells
    assert cells[-1] == ["Summa", "860\u00a0000\u00a0kr"]
    fee_cells = [[c.text for c in row.cells] for row in parsed.tables[1].rows]
    assert len(fee_cells) == 1 + 3 + 1
    assert fee_cells[-1][0] == "Summa" and fee_cells[-1][2:] == ["100,00\u00a0%", "860\u00a0000\u00a0kr"]


def test_budget_section_template_renders_inside_a_weasyprint_document(coop):
    budget = build_budget(coop)
    html = render_to_string("budget/_budget_section.html", {"budget": budget, "heading": "8. Budget 2011"})
    assert "<h2>8. Budget 2011</h2>" in html and "Utredningar" in html
    pdf = render_document_pdf(budget_document(budget))
    assert pdf.startswith(b"%PDF")
    no_heading = render_to_string("budget/_budget_section.html", {"budget": budget})
    assert "<h2>" not in no_heading
