import io

import pytest

BASE = "/sodertorn/nyckeltal/sodertorns-nyckeltal/2010/"
MEMBERS = ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö"]


@pytest.mark.django_db
def test_report_pdf_is_tagged_and_has_members_values_and_observations(kpi_demo, client):
    from pypdf import PdfReader

    response = client.get(BASE + "rapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    for name in MEMBERS:
        assert name in text
    assert "82 608" in text.replace("\u00a0", " ")
    assert "Övrigt" in text and "Näringsliv" in text  # focus areas (the population is under none)
    assert "Störst förändring sedan 2009" in text and "Bäst placerad" in text
    assert "Nyckeltalens definitioner kommer från Kolada; värdena här kommer inte från Koladas API." in " ".join(
        text.split()
    )
    assert "Källa: Kolada" not in text  # the demo's values are test data


@pytest.mark.django_db
def test_report_docx_has_focus_areas_members_values_and_trend(kpi_demo, client):
    import docx

    response = client.get(BASE + "rapport.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Övrigt" in headings and "Näringsliv" in headings
    assert "Utbildning" not in headings  # its figures have no values in 2010: left out, and named (below)
    table = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["Botkyrka"].replace("\u00a0", " ") == "82 608"
    assert set(MEMBERS) <= set(rows)
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Utveckling: 2006:" in body and "Samarbetets värde har ökat" in body
    assert "värdena här kommer inte från Koladas API" in body and "Källa: Kolada" not in body
    assert "Utelämnade i brist på värden för 2010" in body


@pytest.mark.django_db
def test_comparison_xlsx_has_members_values(kpi_demo, client):
    from openpyxl import load_workbook

    response = client.get(BASE + "jamforelse.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "värdena här kommer inte från Koladas API" in rows[0][0]
    header = rows[1]
    col = header.index("N01951 Invånare totalt, antal")
    by_name = {r[0]: r for r in rows[2:] if r and r[0]}
    assert by_name["Botkyrka"][col] == 82608
    assert by_name["Huddinge"][col + 2] == 1  # rank
    assert set(MEMBERS) <= set(by_name)
    assert [by_name[m][col] for m in MEMBERS] == [82608, 77054, 97453, 9331, 26032, 15391, 86246, 42947]
    assert by_name["Södertörnssamarbetet"][col] == 437062  # the sum of the eight, by hand


@pytest.mark.django_db
def test_report_leaves_out_figures_without_values_and_names_them(kpi_demo):
    from core.documents import Paragraph
    from kpi import reports
    from kpi.models import KeyFigureGroup

    group = KeyFigureGroup.objects.get(cooperation=kpi_demo, slug="sodertorns-nyckeltal")
    report = reports.build_report(group, 2010)
    assert report.left_out  # the demo has figures without any value in 2010
    shown = [section for _area, sections in report.areas for section in sections]
    assert shown and all(any(row[1] is not None for row in section.rows) for section in shown)
    assert not {section.figure.pk for section in shown} & {figure.pk for figure in report.left_out}
    assert len(shown) + len(report.left_out) == group.items.count()
    meta = " ".join(p.text for p in reports.report_document(report).meta if isinstance(p, Paragraph))
    assert "Utelämna" in meta and all(figure.kolada_id in meta for figure in report.left_out)
