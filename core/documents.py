"""Shared document machinery: tagged PDF through WeasyPrint, DOCX through python-docx.

Every document is rendered inside `translation.override("sv")` so it comes out in Swedish
whatever the user's UI language. Templates for PDFs extend `documents/base_pdf.html`.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_pdf(template_name: str, context: dict, *, lang: str = "sv") -> bytes:
    """Render an HTML template to a tagged PDF (PDF/UA-1: structure tags, language, title)."""
    from weasyprint import HTML

    with translation.override(lang):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=".").write_pdf(pdf_variant="pdf/ua-1")


def new_docx(title: str, *, lang: str = "sv-SE"):
    """A python-docx Document with core properties and language set."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = lang
    styles = document.styles
    rpr = styles["Normal"].element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), lang)
    rpr.append(lang_el)
    return document


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def safe_filename(title: str, extension: str) -> str:
    return f"{slugify(title) or 'dokument'}.{extension}"
