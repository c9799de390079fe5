"""Read a rendered PDF and DOCX back into comparable parts: headings (level, text) in order, tables as
rows of cell texts, page size and page numbers. Used by the parity test over every document.

PDF: headings from the outline WeasyPrint writes from h1-h6; tables from the PDF/UA structure tree
(Table > THead/TBody/TFoot > TR > TH/TD), each cell's text gathered through its marked-content ids.
DOCX: headings from the Title and "Heading N" paragraph styles; tables from the Word tables (a
merged cell counts once).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

A4_POINTS = (595.28, 841.89)


def norm(text: str) -> str:
    """Whitespace (line breaks, non-breaking spaces) collapsed to single spaces."""
    return " ".join(text.split())


@dataclass
class Parsed:
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def _mcid_texts(reader) -> dict[tuple[int, int], str]:
    """Text per (page index, marked-content id)."""
    texts: dict[tuple[int, int], list[str]] = {}
    for index, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op, args, cm, tm, stack=stack):
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"BMC":
                stack.append(None)

        def after(op, args, cm, tm, stack=stack):
            if op == b"EMC" and stack:
                stack.pop()

        def visit(text, cm, tm, font, size, stack=stack, index=index):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None:
                texts.setdefault((index, int(mcid)), []).append(text)

        page.extract_text(visitor_operand_before=before, visitor_operand_after=after, visitor_text=visit)
    return {key: "".join(parts) for key, parts in texts.items()}


def parse_pdf(content: bytes) -> Parsed:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    parsed = Parsed()
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS, "PDF page is not A4"
        parsed.pages.append(page.extract_text())

    def outline(items, level):
        for item in items:
            if isinstance(item, list):
                outline(item, level + 1)
            else:
                parsed.headings.append((level, norm(item.title)))

    outline(reader.outline, 0)

    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    texts = _mcid_texts(reader)

    def text_of(node, page=None) -> str:
        node = node.get_object()
        if "/Pg" in node:
            page = page_index[node.raw_get("/Pg").idnum]
        kids = node.get("/K")
        if kids is None:
            return ""
        out = []
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                out.append(texts.get((page, kid), ""))
            else:
                kid_obj = kid.get_object()
                if kid_obj.get("/Type") == "/MCR":
                    kid_page = page_index[kid_obj.raw_get("/Pg").idnum] if "/Pg" in kid_obj else page
                    out.append(texts.get((kid_page, int(kid_obj["/MCID"])), ""))
                else:
                    out.append(" " + text_of(kid_obj, page))
        return "".join(out)

    def children(node):
        kids = node.get("/K")
        if kids is None:
            return []
        return [k.get_object() for k in (kids if isinstance(kids, list) else [kids]) if not isinstance(k, int)]

    def parts_of(node, part="/TBody") -> dict[str, list[list[str]]]:
        """Rows of a table fragment by part: THead, TBody, TFoot."""
        parts: dict[str, list[list[str]]] = {"/THead": [], "/TBody": [], "/TFoot": []}
        for kid in children(node):
            tag = kid.get("/S")
            if tag == "/TR":
                parts[part].append([norm(text_of(cell)) for cell in children(kid) if cell.get("/S") in ("/TH", "/TD")])
            elif tag in parts:
                for key, rows in parts_of(kid, tag).items():
                    parts[key] += rows
        return parts

    def pages_of(node) -> list[int]:
        found = [page_index[node.raw_get("/Pg").idnum]] if "/Pg" in node else []
        for kid in children(node):
            found += pages_of(kid)
        return found

    fragments: list[dict] = []

    def walk(node):
        previous = None  # the table fragment that is the sibling just before
        for kid in children(node):
            if kid.get("/S") != "/Table":
                previous = None
                walk(kid)
                continue
            parts = parts_of(kid)
            if not any(parts.values()):  # a caption set apart by a page break comes as a Table of its own;
                previous = None  # the table after it is a new one
                continue
            pages = pages_of(kid)
            has_caption = any(c.get("/S") == "/Caption" for c in children(kid))
            if (
                previous is not None
                and not has_caption
                and parts["/THead"] == previous["/THead"]
                and parts["/TFoot"] == previous["/TFoot"]
                and min(pages) > previous["last_page"]
            ):
                # The same table continued on the next page; WeasyPrint repeats its head and foot rows.
                previous["/TBody"] += parts["/TBody"]
                previous["last_page"] = max(pages)
                continue
            previous = {**parts, "last_page": max(pages)}
            fragments.append(previous)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    parsed.tables = [f["/THead"] + f["/TBody"] + f["/TFoot"] for f in fragments]
    return parsed


def parse_docx(content: bytes) -> Parsed:
    import docx

    document = docx.Document(io.BytesIO(content))
    parsed = Parsed()
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name == "Title":
            parsed.headings.append((0, norm(paragraph.text)))
        elif m := re.fullmatch(r"Heading (\d)", name):
            parsed.headings.append((int(m.group(1)), norm(paragraph.text)))
    for table in document.tables:
        rows = []
        for row in table.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(norm(cell.text))
            rows.append(cells)
        parsed.tables.append(rows)
    return parsed


def docx_layout(content: bytes) -> dict:
    """Page size and margins (mm) of each section, and the field codes in its footer."""
    import docx

    document = docx.Document(io.BytesIO(content))
    out = []
    for section in document.sections:
        footer_xml = section.footer._element.xml
        out.append(
            {
                "width_mm": round(section.page_width.mm),
                "height_mm": round(section.page_height.mm),
                "fields": [norm(code) for code in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)],
            }
        )
    return {"sections": out}
