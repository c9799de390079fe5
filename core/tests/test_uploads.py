"""core.uploads: content checks (not names or first bytes), generated names, attachment responses."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import Http404
from pypdf import PdfWriter

from core import uploads

XSS_PDF = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n"


def real_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Protokollsutdrag")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_file_that_only_starts_like_a_pdf_is_refused_with_a_swedish_message():
    upload = SimpleUploadedFile("protokoll.html", XSS_PDF, content_type="text/html")
    with pytest.raises(ValidationError) as caught:
        uploads.validate_upload(upload, kinds=("pdf",))
    assert caught.value.code == "wrong_kind"
    assert "PDF" in caught.value.messages[0]
    assert "inte" in caught.value.messages[0]  # Swedish: "Filen är inte en läsbar PDF-fil ..."


@pytest.mark.parametrize("content", [b"", b"hello", b"<html>%PDF-1.4</html>", b"PK\x03\x04broken zip"])
def test_other_non_pdfs_are_refused(content):
    with pytest.raises(ValidationError):
        uploads.validate_upload(SimpleUploadedFile("x.pdf", content), kinds=("pdf",))


def test_a_real_pdf_is_accepted_and_gets_the_pdf_extension_whatever_its_name():
    upload = SimpleUploadedFile("protokoll.html", real_pdf(), content_type="text/html")
    assert uploads.validate_upload(upload, kinds=("pdf",)) == "pdf"
    assert upload.name == "protokoll.pdf"
    assert upload.read(5) == b"%PDF-"  # the file position is left where it was


def test_docx_is_checked_by_content_and_only_where_allowed():
    assert uploads.validate_upload(SimpleUploadedFile("a.docx", real_docx())) == "docx"
    with pytest.raises(ValidationError):
        uploads.validate_upload(SimpleUploadedFile("a.docx", real_docx()), kinds=("pdf",))
    # A zip that is no Word document (an .xlsx or any archive) is not a DOCX.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    with pytest.raises(ValidationError):
        uploads.validate_upload(SimpleUploadedFile("a.docx", buffer.getvalue()), kinds=("docx",))


def test_too_large_files_are_refused():
    with pytest.raises(ValidationError) as caught:
        uploads.validate_upload(SimpleUploadedFile("a.pdf", real_pdf()), kinds=("pdf",), max_bytes=100)
    assert caught.value.code == "too_large"
    assert "MB" in caught.value.messages[0]


def test_generated_names_keep_nothing_of_the_users_name():
    upload_to = uploads.upload_to("adoption-extracts")
    name = upload_to(None, "protokoll.pdf")
    assert re.fullmatch(r"adoption-extracts/[0-9a-f]{32}\.pdf", name)
    assert re.fullmatch(r"adoption-extracts/[0-9a-f]{32}", upload_to(None, "protokoll.html"))
    assert upload_to(None, "a.pdf") != upload_to(None, "a.pdf")
    assert upload_to.deconstruct()[1] == ("adoption-extracts",)  # usable in migrations


def stored(name: str, content: bytes) -> FieldFile:
    saved = default_storage.save(name, ContentFile(content))
    return FieldFile(None, FileField(), saved)


def test_file_response_is_an_attachment_with_the_right_type_and_nosniff():
    fieldfile = stored("adoption-extracts/0123.pdf", real_pdf())
    response = uploads.file_response(fieldfile, "Protokollsutdrag Huddinge 2019-09-02.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Protokollsutdrag" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_stored_file_of_unknown_kind_is_sent_as_bytes_never_as_html():
    fieldfile = stored("adoption-extracts/protokoll.html", XSS_PDF)
    response = uploads.file_response(fieldfile, "protokoll")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_missing_files_are_404():
    with pytest.raises(Http404):
        uploads.file_response(FieldFile(None, FileField(), ""), "x.pdf")
    with pytest.raises(Http404):
        uploads.file_response(FieldFile(None, FileField(), "adoption-extracts/gone.pdf"), "x.pdf")


def test_a_proxy_can_send_the_bytes(settings):
    fieldfile = stored("governing-documents/abc.docx", real_docx())
    settings.SAMVERKAN_FILE_SERVING = "x-accel-redirect"
    response = uploads.file_response(fieldfile, "Stadgar.docx")
    assert response["X-Accel-Redirect"] == f"/protected-media/{fieldfile.name}"
    assert response["Content-Type"] == uploads.CONTENT_TYPES["docx"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""
    settings.SAMVERKAN_FILE_SERVING = "x-sendfile"
    response = uploads.file_response(fieldfile, "Stadgar.docx")
    assert response["X-Sendfile"] == default_storage.path(fieldfile.name)
