"""Uploaded files: checked by content, stored under generated names, served only by checking views.

- `validate_upload(file, kinds=("pdf", "docx"), max_bytes=...)` parses the file (pypdf for PDF,
  python-docx for DOCX; the name and the first bytes prove nothing) and raises a Swedish
  `ValidationError` otherwise. It returns the kind found and gives the file the right extension.
- `GeneratedName("folder")` is an `upload_to`: the stored name is `folder/<uuid>.<kind>`, never the
  name the user's computer gave the file.
- `file_response(fieldfile, download_name)` sends a stored file as an attachment with the type of its
  kind and `X-Content-Type-Options: nosniff`. Files are never served from `/media/`: every download
  goes through a view that checks permission and publication first. With the setting
  `SAMVERKAN_FILE_SERVING = "x-accel-redirect"` (nginx; the internal location is
  `SAMVERKAN_FILE_ACCEL_PREFIX`, default "/protected-media/") or `"x-sendfile"` (Apache, lighttpd)
  the view only answers the headers and the proxy sends the bytes; the default `"django"` streams
  them from Django (development and production alike). See README, "Uploaded files".
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.encoding import iri_to_uri
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

PDF = "pdf"
DOCX = "docx"
PNG = "png"
JPEG = "jpg"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PNG: "image/png",
    JPEG: "image/jpeg",
}
#: Kinds shown inline (an image in a page) rather than downloaded as an attachment.
INLINE_KINDS = {PNG, JPEG}
OCTET_STREAM = "application/octet-stream"

#: The largest upload accepted unless a caller says otherwise (setting SAMVERKAN_UPLOAD_MAX_BYTES).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_KIND_NAMES = {PDF: "PDF", DOCX: "Word (DOCX)", PNG: "PNG", JPEG: "JPEG"}

#: The largest image accepted, in pixels (a decompression bomb is refused before it is decoded).
MAX_IMAGE_PIXELS = 40_000_000


def max_upload_bytes() -> int:
    return int(getattr(settings, "SAMVERKAN_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read_all(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read()
    finally:
        try:
            file.seek(position)
        except (OSError, ValueError):
            pass
    return data.encode() if isinstance(data, str) else data


def _is_pdf(data: bytes) -> bool:
    if not data.startswith(b"%PDF-"):
        return False
    import logging

    from pypdf import PdfReader

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # a broken upload is the user's mistake, not a log entry
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        return len(reader.pages) >= 1
    except Exception:  # pypdf raises many kinds of errors on a file that is not a PDF
        return False
    finally:
        pypdf_log.setLevel(level)


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                return False
        import docx

        docx.Document(io.BytesIO(data))
        return True
    except Exception:  # zipfile, lxml and python-docx raise many kinds of errors on a broken file
        return False


def _image_format(data: bytes) -> str | None:
    """The format Pillow finds when it decodes the whole image ("PNG"/"JPEG"), None when it is not one.
    SVG and other formats that can carry script are never accepted."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return None
            image.load()  # decodes every pixel: a truncated or forged file fails here
        return image_format
    except Exception:  # Pillow raises many kinds of errors on a file that is not an image
        return None


def _is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") and _image_format(data) == "PNG"


def _is_jpeg(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8") and _image_format(data) == "JPEG"


_CHECKS = {PDF: _is_pdf, DOCX: _is_docx, PNG: _is_png, JPEG: _is_jpeg}


def _kinds_text(kinds) -> str:
    names = [_KIND_NAMES[k] for k in kinds]
    if len(names) == 1:
        return names[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def validate_upload(file, kinds=(PDF, DOCX), max_bytes: int | None = None) -> str | None:
    """Check an uploaded file by its content; return its kind ("pdf"/"docx"), None for no file.

    The file's name gets the extension of its kind (so a PDF named `protokoll.html` is stored as a PDF);
    the stored name is generated by `GeneratedName` anyway.
    """
    if not file:
        return None
    unknown = set(kinds) - set(_CHECKS)
    if unknown:
        raise ValueError(f"Unknown upload kinds: {sorted(unknown)}")
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        )
    data = _read_all(file)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(limit)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    for kind in kinds:
        if _CHECKS[kind](data):
            _set_extension(file, kind)
            return kind
    raise ValidationError(
        _("The file is not a readable %(kinds)s file. Save it as %(kinds)s and try again.")
        % {"kinds": _kinds_text(kinds)},
        code="wrong_kind",
    )


def _is_stored(file) -> bool:
    """A FieldFile already in the storage (an existing value, not a new upload): not checked again."""
    return getattr(file, "_committed", False) is True and hasattr(file, "storage")


def validate_pdf(file) -> None:
    """Model/form field validator: a new upload must be a real PDF."""
    if file and not _is_stored(file):
        validate_upload(file, kinds=(PDF,))


def validate_pdf_or_docx(file) -> None:
    """Model/form field validator: a new upload must be a real PDF or DOCX."""
    if file and not _is_stored(file):
        validate_upload(file, kinds=(PDF, DOCX))


def validate_image(file) -> None:
    """Model/form field validator: a new upload must be a real PNG or JPEG image."""
    if file and not _is_stored(file):
        validate_upload(file, kinds=(PNG, JPEG))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _set_extension(file, kind: str) -> None:
    name = getattr(file, "name", None) or ""
    stem = PurePosixPath(name.replace("\\", "/")).stem or "fil"
    try:
        file.name = f"{get_valid_filename(stem) or 'fil'}.{kind}"
    except Exception:  # a read-only name: the generated stored name decides anyway
        pass


def kind_of_name(name: str) -> str | None:
    """The kind a stored name claims by its extension (None when it is none of ours)."""
    suffix = PurePosixPath(name or "").suffix.lower().lstrip(".")
    return suffix if suffix in CONTENT_TYPES else None


@deconstructible
class GeneratedName:
    """`upload_to` giving `<folder>/<uuid4 hex>.<ext>`; the extension is the validated kind's."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        kind = kind_of_name(filename)
        name = uuid.uuid4().hex + (f".{kind}" if kind else "")
        return f"{self.folder}/{name}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self):
        return hash(("GeneratedName", self.folder))


def upload_to(folder: str) -> GeneratedName:
    """The `upload_to` for a FileField: generated names under `folder`."""
    return GeneratedName(folder)


def content_type_of(fieldfile) -> str:
    """The type sent for a stored file: that of its kind (by the stored, generated name), else bytes."""
    kind = kind_of_name(fieldfile.name)
    return CONTENT_TYPES.get(kind, OCTET_STREAM)


def download_name(stem: str, fieldfile) -> str:
    """A download name: `stem` with the stored file's extension."""
    kind = kind_of_name(fieldfile.name)
    return f"{stem}.{kind}" if kind else stem


def file_response(fieldfile, download_name: str) -> HttpResponse:
    """Send a stored file as an attachment (404 when there is none, or it is gone from the storage);
    images (PNG, JPEG) are sent inline, for an `<img>` in a page.

    Call it only from a view that has checked permission and publication.
    """
    if not fieldfile or not fieldfile.name:
        raise Http404
    storage = fieldfile.storage
    try:
        exists = storage.exists(fieldfile.name)
    except Exception:  # a name the storage refuses (e.g. suspicious path): as good as missing
        exists = False
    if not exists:
        raise Http404
    content_type = content_type_of(fieldfile)
    attachment = kind_of_name(fieldfile.name) not in INLINE_KINDS
    mode = getattr(settings, "SAMVERKAN_FILE_SERVING", "django")
    if mode == "django":
        response = FileResponse(
            storage.open(fieldfile.name, "rb"),
            as_attachment=attachment,
            filename=download_name,
            content_type=content_type,
        )
    else:
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(attachment, download_name)
        if mode == "x-accel-redirect":
            prefix = getattr(settings, "SAMVERKAN_FILE_ACCEL_PREFIX", "/protected-media/")
            response["X-Accel-Redirect"] = iri_to_uri(prefix.rstrip("/") + "/" + fieldfile.name)
        elif mode == "x-sendfile":
            response["X-Sendfile"] = storage.path(fieldfile.name)
        else:
            raise ValueError(f"Unknown SAMVERKAN_FILE_SERVING: {mode!r}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response
