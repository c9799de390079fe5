"""The text of an uploaded file, for the search: PDF through pypdf, DOCX through python-docx. A file that
cannot be read gives no text (and a log line), never an error: the upload itself was already checked."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)
MAX_PAGES = 300
MAX_CHARS = 200_000


def extract(file) -> str:
    try:
        file.open("rb")
        head = file.read(5)
        file.seek(0)
        if head.startswith(b"%PDF"):
            return _pdf(file)
        if head.startswith(b"PK"):
            return _docx(file)
        return ""
    except Exception:  # a damaged or unexpected file: searchable without its text
        log.warning("Could not extract the text of %s", getattr(file, "name", file), exc_info=True)
        return ""
    finally:
        try:
            file.close()
        except Exception:  # noqa: S110 - closing a file that failed to open
            pass


def _pdf(file) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file)
    parts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return " ".join(" ".join(parts).split())[:MAX_CHARS]


def _docx(file) -> str:
    import docx

    document = docx.Document(file)
    text = "\n".join(p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            text += "\n" + " ".join(cell.text for cell in row.cells)
    return text[:MAX_CHARS]
