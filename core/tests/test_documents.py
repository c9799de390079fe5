"""core.documents: one structure, two renderers; text XML cannot carry never breaks a DOCX or a PDF."""

import io

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from core.documents import (
    BulletList,
    Document,
    Figure,
    Paragraph,
    Row,
    Section,
    Table,
    render_document_docx,
    render_document_pdf,
)
from core.safetext import clean_text
from core.tests.document_parse import docx_layout, norm, parse_docx, parse_pdf

ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" role="img" aria-label="Staplar">'
    '<rect x="0" y="0" width="80" height="20" fill="#246"/></svg>'
)


def _document(text="Text"):
    return Document(
        title=f"Titel {text}",
        meta=[Paragraph.of("Status: antagen", muted=True)],
        blocks=[
            Section(
                "Avsnitt",
                [
                    Paragraph.of(text),
                    BulletList(["ett", text]),
                    Table(
                        header=["Post", "Belopp"],
                        rows=[Row(["Intäkter"], "group"), Row([text, "860\u00a0000\u00a0kr"])],
                        totals=[Row(["Summa", "860\u00a0000\u00a0kr"], "total")],
                        numeric=(1,),
                        caption="Budget",
                    ),
                ],
            ),
            Section(
                "Figur",
                [
                    Figure(
                        svg=SVG,
                        alt="Stapeldiagram över kostnaderna",
                        caption="Kostnader",
                        table=Table(header=["År", "Kostnad"], rows=[Row(["2014", "1\u00a0kr"])]),
                    )
                ],
            ),
        ],
    )


def test_both_renderers_give_the_same_headings_and_tables_including_the_figure_table():
    document = _document()
    pdf, word = parse_pdf(render_document_pdf(document)), parse_docx(render_document_docx(document))
    headings = [(0, "Titel Text"), (1, "Avsnitt"), (1, "Figur")]
    tables = [
        [["Post", "Belopp"], ["Intäkter"], ["Text", "860 000 kr"], ["Summa", "860 000 kr"]],
        [["År", "Kostnad"], ["2014", "1 kr"]],
    ]
    assert pdf.headings == word.headings == headings
    assert pdf.tables == word.tables == tables
    assert "1 (1)" in pdf.pages[0]


def test_docx_is_a4_with_page_numbers_and_word_heading_styles():
    content = render_document_docx(_document())
    assert docx_layout(content)["sections"] == [{"width_mm": 210, "height_mm": 297, "fields": ["PAGE", "NUMPAGES"]}]
    parsed = docx.Document(io.BytesIO(content))
    assert [(p.style.name, p.text) for p in parsed.paragraphs if p.style.name.startswith(("Title", "Heading"))] == [
        ("Title", "Titel Text"),
        ("Heading 1", "Avsnitt"),
        ("Heading 1", "Figur"),
    ]
    total = parsed.tables[0].rows[-1].cells[0].paragraphs[0].runs[0]
    assert total.text == "Summa" and total.bold


def test_the_pdf_holds_the_svg_figure_with_its_alternative_text():
    from core.documents import document_html

    html = document_html(_document())
    assert '<figure role="group" aria-label="Stapeldiagram över kostnaderna">' in html and "<svg" in html
    assert render_document_pdf(_document()).startswith(b"%PDF-")


def test_formula_text_and_a_vertical_tab_in_a_title_render_in_pdf_and_docx():
    document = _document('=HYPERLINK("http://x")\x0bny rad\x00')
    word = docx.Document(io.BytesIO(render_document_docx(document)))
    assert word.paragraphs[0].text == word.core_properties.title == 'Titel =HYPERLINK("http://x") ny rad'
    section = [p.text for p in word.paragraphs if p.style.name == "Normal"]
    assert section[1] == '=HYPERLINK("http://x")\nny rad'  # a line break in a paragraph stays one
    pdf = parse_pdf(render_document_pdf(document))
    assert pdf.headings[0] == (0, 'Titel =HYPERLINK("http://x") ny rad')


@settings(max_examples=40, deadline=None)
@given(ANY_TEXT)
def test_any_text_survives_a_docx_paragraph_and_table_cell_minus_the_stripped_characters(text):
    document = Document(title="T", blocks=[Paragraph.of(text), Table(header=["H"], rows=[Row([text])])])
    word = docx.Document(io.BytesIO(render_document_docx(document)))
    assert word.paragraphs[1].text == clean_text(text)
    assert word.tables[0].rows[1].cells[0].text == clean_text(text)
    assert norm(word.tables[0].rows[1].cells[0].text) == norm(clean_text(text))
