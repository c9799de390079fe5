"""One document layer: a document is built once as a structure and rendered to PDF and to DOCX.

Each app builds its documents in its own `documents.py` as a `Document` (title, metadata lines,
sections with headings, paragraphs, lists, tables with header and total rows, figures); the two
renderers here turn that one structure into

- a tagged PDF (WeasyPrint, A4, PDF/UA-1, page numbers "1 (3)" at the foot of each page), through
  the HTML of `documents/document_pdf.html` (which extends `documents/base_pdf.html`);
- a DOCX (python-docx, A4 with the same margins, a PAGE field in the footer, the title in Word's
  Title style and section headings in Word's Heading 1-4 styles, the same tables with the same
  header and total rows).

Everything is rendered inside `translation.override("sv")`, whatever the user's UI language. Every
text passes through `core.safetext.clean_text`, so characters XML cannot carry (NUL, vertical tab,
unpaired surrogates ...) never break a DOCX or reach a PDF.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.formatting import sv_date
from core.safetext import clean_text

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A4 and the margins of `documents/base_pdf.html` (@page), shared by both renderers.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM = 22, 20, 22, 20


# -- The structure -------------------------------------------------------------------------------
@dataclass
class Text:
    """A run of text in a paragraph; a newline in `text` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    parts: list[Text]
    muted: bool = False

    @classmethod
    def of(cls, text: str, *, muted: bool = False, bold: bool = False) -> Paragraph:
        return cls([Text(text, bold=bold)], muted=muted)

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.parts)


@dataclass
class BulletList:
    items: list[str]
    ordered: bool = False


@dataclass
class Row:
    """A table row. `kind` is "body", "group" (one cell spanning the table: a row-group heading)
    or "total" (a sum row, bold)."""

    cells: list[str]
    kind: str = "body"


@dataclass
class Table:
    header: list[str]
    rows: list[Row]
    #: Total rows at the foot of the table (tfoot in the PDF, bold rows at the end in the DOCX).
    totals: list[Row] = field(default_factory=list)
    caption: str = ""
    caption_visible: bool = True
    #: Indices of right-aligned (numeric) columns.
    numeric: tuple[int, ...] = ()
    #: Index of the column whose cells head their row (th scope=row), or None.
    row_header: int | None = 0
    css_class: str = ""

    @property
    def width(self) -> int:
        return max([len(self.header), *(len(r.cells) for r in [*self.rows, *self.totals])] or [1])

    def all_rows(self) -> list[Row]:
        """Every row, header first, as it appears in both renderers."""
        head = [Row(self.header, "header")] if self.header else []
        return [*head, *self.rows, *self.totals]


@dataclass
class Figure:
    """An SVG chart with its alternative text and the same figures as a table."""

    svg: str
    alt: str
    table: Table
    caption: str = ""


@dataclass
class Section:
    heading: str
    blocks: list = field(default_factory=list)
    css_class: str = ""


@dataclass
class Document:
    title: str
    #: The visible main heading; the title when empty.
    heading: str = ""
    author: str = ""
    #: Lines before the main heading (e.g. the cooperation's name) and after it (status line).
    before: list = field(default_factory=list)
    meta: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    #: Extra CSS for the PDF only (layout, never content).
    style: str = ""
    #: Where the document stands ("utkast, inte fastställd", "fastställd 3 mars 2014 av Ledningsgruppen"):
    #: printed as "Status: …" right under the main heading, on page 1 of both the PDF and the DOCX.
    status: str = ""

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading in order: the main heading at level 0, sections at 1..."""
        found = [(0, one_line(self.heading or self.title))]

        def walk(blocks, level):
            for block in blocks:
                if isinstance(block, Section):
                    found.append((level, one_line(block.heading)))
                    walk(block.blocks, level + 1)

        walk(self.blocks, 1)
        return found

    def tables(self) -> list[Table]:
        found: list[Table] = []

        def walk(blocks):
            for block in blocks:
                if isinstance(block, Table):
                    found.append(block)
                elif isinstance(block, Figure):
                    found.append(block.table)
                elif isinstance(block, Section):
                    walk(block.blocks)

        walk([*self.before, *self.meta, *self.blocks])
        return found


def approval_status(*, approved_on=None, approved_by: str = "", pending: str = "") -> str:
    """A document's status line: "fastställd <date> av <body>" when it is approved, otherwise `pending`
    (e.g. the object's own state) or "utkast, inte fastställd"."""
    with translation.override("sv"):
        if approved_on and approved_by:
            return _("approved on %(date)s by %(by)s") % {"date": sv_date(approved_on), "by": approved_by}
        if approved_on:
            return _("approved on %(date)s") % {"date": sv_date(approved_on)}
        return pending or _("draft, not approved")


def status_label() -> str:
    with translation.override("sv"):
        return _("Status")


def without_doubled_captions(blocks, heading: str = "") -> list:
    """The blocks with the caption of a table hidden where it only repeats the heading of its section
    (a reader saw "Kommunstyrelsen" printed twice, as heading and caption); the structure is not changed."""
    out = []
    for block in blocks:
        if isinstance(block, Section):
            block = dataclasses.replace(block, blocks=without_doubled_captions(block.blocks, one_line(block.heading)))
        elif isinstance(block, Table) and block.caption_visible and heading and one_line(block.caption) == heading:
            block = dataclasses.replace(block, caption_visible=False)
        out.append(block)
    return out


def one_line(text: str) -> str:
    """Headings and titles are one line: a line break (or a vertical tab) in them becomes a space."""
    return " ".join(clean_text(text).split("\n"))


def paragraphs(text: str, *, muted: bool = False) -> list[Paragraph]:
    """Paragraphs from text with blank lines between them (Django's `linebreaks` rule)."""
    return [Paragraph.of(p.strip(), muted=muted) for p in clean_text(text).split("\n\n") if p.strip()]


# -- PDF -------------------------------------------------------------------------------------------
def _html_text(text: str) -> str:
    return escape(clean_text(text)).replace("\n", "<br>")


def _html_paragraph(p: Paragraph) -> str:
    inner = ""
    for part in p.parts:
        html = _html_text(part.text)
        if part.italic:
            html = f"<em>{html}</em>"
        if part.bold:
            html = f"<strong>{html}</strong>"
        inner += html
    cls = ' class="muted"' if p.muted else ""
    return f"<p{cls}>{inner}</p>"


def _html_row(table: Table, row: Row, *, header: bool = False) -> str:
    if row.kind == "group":
        return f'<tr><th scope="rowgroup" colspan="{table.width}">{_html_text(row.cells[0])}</th></tr>'
    cells = []
    for i, text in enumerate(row.cells):
        num = ' class="num"' if i in table.numeric else ""
        if header:
            cells.append(f'<th scope="col"{num}>{_html_text(text)}</th>')
        elif i == table.row_header:
            cells.append(f'<th scope="row">{_html_text(text)}</th>')
        else:
            cells.append(f"<td{num}>{_html_text(text)}</td>")
    cls = ' class="sum"' if row.kind == "total" else ""
    return f"<tr{cls}>{''.join(cells)}</tr>"


def _html_table(table: Table) -> str:
    parts = [f'<table class="{table.css_class}">' if table.css_class else "<table>"]
    if table.caption:
        hidden = "" if table.caption_visible else ' class="visually-hidden"'
        parts.append(f"<caption{hidden}>{_html_text(table.caption)}</caption>")
    if table.header:
        parts.append(f"<thead>{_html_row(table, Row(table.header), header=True)}</thead>")
    parts.append("<tbody>" + "".join(_html_row(table, r) for r in table.rows) + "</tbody>")
    if table.totals:
        parts.append("<tfoot>" + "".join(_html_row(table, r) for r in table.totals) + "</tfoot>")
    parts.append("</table>")
    return "".join(parts)


def _html_blocks(blocks, level: int) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Section):
            h = min(level, 6)
            inner = f"<h{h}>{_html_text(one_line(block.heading))}</h{h}>" + _html_blocks(block.blocks, level + 1)
            out.append(f'<section class="{block.css_class}">{inner}</section>' if block.css_class else inner)
        elif isinstance(block, Paragraph):
            out.append(_html_paragraph(block))
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_html_text(i)}</li>" for i in block.items) + f"</{tag}>")
        elif isinstance(block, Table):
            out.append(_html_table(block))
        elif isinstance(block, Figure):
            caption = f"<figcaption>{_html_text(block.caption)}</figcaption>" if block.caption else ""
            svg = clean_text(block.svg)  # SVG markup is built by our chart code, never from user input raw
            out.append(
                f'<figure role="group" aria-label="{escape(clean_text(block.alt))}">{svg}{caption}'
                f"{_html_table(block.table)}</figure>"
            )
        else:  # pragma: no cover - a programming error
            raise TypeError(f"unknown document block {block!r}")
    return "".join(out)


def document_html(document: Document) -> str:
    """The document as the HTML WeasyPrint renders (also handy for tests)."""
    body = (
        _html_blocks(document.before, 2)
        + f"<h1>{_html_text(one_line(document.heading or document.title))}</h1>"
        + (
            f'<p class="document-status"><strong>{_html_text(status_label())}:</strong> '
            f"{_html_text(document.status)}</p>"
            if document.status
            else ""
        )
        + _html_blocks(document.meta, 2)
        + _html_blocks(without_doubled_captions(document.blocks), 2)
    )
    return render_to_string(
        "documents/document_pdf.html",
        {
            "title": one_line(document.title),
            "author": one_line(document.author),
            "body": mark_safe(body),
            "extra_style": mark_safe(document.style),  # noqa: S308 - escaped above
        },
    )


def render_document_pdf(document: Document) -> bytes:
    """The document as a tagged PDF/UA-1 on A4 with page numbers."""
    from weasyprint import HTML

    with translation.override("sv"):
        html = document_html(document)
    return HTML(string=html, base_url=".").write_pdf(pdf_variant="pdf/ua-1")


# -- DOCX ------------------------------------------------------------------------------------------
def _set_a4(document) -> None:
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)


def _field(paragraph, instruction: str) -> None:
    """Append a complex field (PAGE, NUMPAGES) to a paragraph, with a cached result Word replaces."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _page_numbers(document) -> None:
    """'1 (3)' centred in the footer, as in the PDF."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE")
    paragraph.add_run(" (")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(")")


def new_docx(title: str, *, lang: str = "sv-SE"):
    """A python-docx Document on A4 with page numbers, core properties and language set."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = one_line(title)
    document.core_properties.language = lang
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), lang)
    rpr.append(lang_el)
    _set_a4(document)
    _page_numbers(document)
    return document


def _docx_text(paragraph, text: str, *, bold=False, italic=False) -> None:
    lines = clean_text(text).split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.italic = italic or None
        if i < len(lines) - 1:
            run.add_break()


def _docx_paragraph(document, p: Paragraph) -> None:
    paragraph = document.add_paragraph()
    for part in p.parts:
        _docx_text(paragraph, part.text, bold=part.bold, italic=part.italic)


def _docx_cell(cell, text: str, *, bold=False, right=False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    _docx_text(paragraph, text, bold=bold)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _docx_table(document, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if table.caption and table.caption_visible:
        document.add_paragraph(clean_text(table.caption), style="Caption")
    width = table.width
    docx_table = document.add_table(rows=0, cols=width)
    docx_table.style = "Table Grid"
    for row in table.all_rows():
        cells = docx_table.add_row().cells
        if row.kind == "header":
            tr_pr = docx_table.rows[-1]._tr.get_or_add_trPr()
            element = OxmlElement("w:tblHeader")
            element.set(qn("w:val"), "true")
            tr_pr.append(element)
        if row.kind == "group":
            merged = cells[0].merge(cells[-1]) if width > 1 else cells[0]
            _docx_cell(merged, row.cells[0], bold=True)
            continue
        for i, (cell, text) in enumerate(zip(cells, row.cells, strict=False)):
            _docx_cell(cell, text, bold=row.kind in ("header", "total"), right=i in table.numeric)


def _docx_blocks(document, blocks, level: int) -> None:
    for block in blocks:
        if isinstance(block, Section):
            document.add_heading(one_line(block.heading), level=min(level, 9))
            _docx_blocks(document, block.blocks, level + 1)
        elif isinstance(block, Paragraph):
            _docx_paragraph(document, block)
        elif isinstance(block, BulletList):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _docx_text(document.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            _docx_table(document, block)
        elif isinstance(block, Figure):
            # Word cannot show SVG without a raster fallback: the alternative text and the table stand in.
            if block.caption:
                document.add_paragraph(clean_text(block.caption), style="Caption")
            document.add_paragraph(clean_text(block.alt))
            _docx_table(document, block.table)
        else:  # pragma: no cover - a programming error
            raise TypeError(f"unknown document block {block!r}")


def render_document_docx(document: Document) -> bytes:
    """The document as DOCX: A4, page numbers, Word heading styles, the same tables as the PDF."""
    with translation.override("sv"):
        doc = new_docx(document.title)
        if document.author:
            doc.core_properties.author = one_line(document.author)
        _docx_blocks(doc, document.before, 1)
        doc.add_heading(one_line(document.heading or document.title), level=0)
        if document.status:
            _docx_blocks(doc, [Paragraph([Text(f"{status_label()}:", bold=True), Text(f" {document.status}")])], 1)
        _docx_blocks(doc, document.meta, 1)
        _docx_blocks(doc, without_doubled_captions(document.blocks), 1)
        return docx_bytes(doc)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- Responses -------------------------------------------------------------------------------------
def file_response(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def pdf_response(document: Document, filename: str, *, inline: bool = False) -> HttpResponse:
    return file_response(render_document_pdf(document), filename, PDF_CONTENT_TYPE, inline=inline)


def docx_response(document: Document, filename: str) -> HttpResponse:
    return file_response(render_document_docx(document), filename, DOCX_CONTENT_TYPE)


def safe_filename(title: str, extension: str) -> str:
    return f"{slugify(title) or 'dokument'}.{extension}"
