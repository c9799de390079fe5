"""The injection corpus (issue 11): hostile text in every text field that reaches a public page or an export.

Every free-text field (CharField/TextField that is not a key, code, slug, address or choice) of the demo
cooperation's first rows of every cooperation-scoped model is overwritten with a payload that carries HTML,
a formula, CRLF, a vertical tab (Word's soft line break) and a right-to-left override. Then the public site
is crawled as an anonymous visitor, pages and documents alike, and every answer is checked:

- no server error;
- HTML: the markup is escaped (the payload's script tag never appears as markup), and the payload did reach
  the pages (else the test would prove nothing);
- XLSX: no cell is a formula, and no text cell starts with a formula character;
- CSV: no field starts with a formula character;
- PDF, DOCX and iCalendar: they parse.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.apps import apps
from django.db import models

from config.tests.crawl import links_of
from config.tests.test_links import demo_calendar_years

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
PAYLOAD = "=1+1" + SCRIPT + "\r\nrad två\x0bmjuk\u202eRTL"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
APPS = ("organisations", "programme", "meetings", "budget", "kpi", "plans")
NUMBER = re.compile(r"-?\d+(,\d+)?")  # a negative number in the CSV dialect is data, not a formula
KEYLIKE = {"code", "uid", "slug", "source_ref", "kolada_id", "identifier", "unit", "version"}


def _text_fields(model) -> list[str]:
    names = []
    for f in model._meta.concrete_fields:
        if not isinstance(f, (models.CharField, models.TextField)):
            continue
        if isinstance(f, (models.SlugField, models.EmailField, models.URLField)) or f.choices or f.unique:
            continue
        if f.name in KEYLIKE or f.name.endswith(("_code", "_id", "_url")):
            continue
        if f.max_length and f.max_length < len(PAYLOAD):
            continue
        names.append(f.name)
    return names


def plant(cooperation) -> int:
    """Overwrite the text fields of the first rows of every cooperation-scoped model; the number of values."""
    planted = 0
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            path = getattr(model, "cooperation_path", None)
            if not path or model.__name__.startswith("Historical"):
                continue
            fields = _text_fields(model)
            if not fields:
                continue
            rows = model._base_manager.filter(**{path: cooperation}).order_by("pk")
            pks = list(rows.values_list("pk", flat=True)[:3])
            if pks:
                model._base_manager.filter(pk__in=pks).update(**{f: PAYLOAD for f in fields})
                planted += len(pks) * len(fields)
    return planted


def _check_xlsx(path: str, content: bytes) -> list[str]:
    from openpyxl import load_workbook

    problems = []
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{path}: formula cell {cell.coordinate}: {cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    problems.append(f"{path}: cell {cell.coordinate} starts with a formula character")
    return problems


def _check_csv(path: str, content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    problems = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        for value in row:
            if value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
                problems.append(f"{path}: CSV field starts with a formula character: {value[:20]!r}")
    return problems


def _check(path: str, response) -> list[str]:
    kind = response.get("Content-Type", "").split(";")[0]
    content = response.content
    if kind == "application/pdf":
        from pypdf import PdfReader

        PdfReader(io.BytesIO(content)).pages[0].extract_text()
    elif kind.endswith("wordprocessingml.document"):
        import docx

        docx.Document(io.BytesIO(content))
    elif kind.endswith("spreadsheetml.sheet"):
        return _check_xlsx(path, content)
    elif kind == "text/csv":
        return _check_csv(path, content)
    elif kind == "text/calendar":
        from icalendar import Calendar

        Calendar.from_ical(content)
    return []


def crawl_and_check(client, cooperation) -> tuple[list[str], int, set[str]]:
    """(problems, number of HTML pages showing the escaped payload, content types seen)."""
    years = demo_calendar_years(cooperation)
    start = f"/{cooperation.slug}/"
    queue, seen = [start], {start}
    problems, escaped_pages, kinds = [], 0, set()
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        kind = response.get("Content-Type", "").split(";")[0]
        kinds.add(kind)
        if response.status_code >= 500:
            problems.append(f"{response.status_code} {path}")
            continue
        if response.status_code != 200:
            continue
        if kind != "text/html":
            try:
                problems += _check(path, response)
            except Exception as exc:  # a document that does not parse is the finding
                problems.append(f"{path}: {kind} does not parse: {exc!r}")
            continue
        html = response.content.decode()
        if SCRIPT in html:
            problems.append(f"{path}: unescaped markup from a text field")
        if "&lt;script&gt;alert(1)" in html:
            escaped_pages += 1
        from config.tests.crawl import calendar_year

        year = calendar_year(path)
        if year is not None and year not in years:
            continue
        for link in links_of(html, path):
            if link not in seen and not link.startswith(("/admin/", "/i18n/", "/api/", "/static/", "/konto/")):
                seen.add(link)
                queue.append(link)
    return problems, escaped_pages, kinds


def test_hostile_text_in_every_text_field_is_escaped_or_neutralised_everywhere(sodertorn, client):
    assert plant(sodertorn) > 50
    problems, escaped_pages, kinds = crawl_and_check(client, sodertorn)
    assert not problems, "\n".join(problems[:40])
    assert escaped_pages > 20  # the payload reached the pages (shown escaped)
    assert {"application/pdf", "text/calendar", "text/csv"} <= kinds
    assert any(k.endswith("spreadsheetml.sheet") for k in kinds)


def test_the_checks_catch_a_live_formula_and_a_raw_csv_field():
    """Negative control: the export checks report what they must."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "=1+1"
    buffer = io.BytesIO()
    book.save(buffer)
    assert _check_xlsx("x.xlsx", buffer.getvalue())
    assert _check_csv("x.csv", b"a;=1+1\r\n")
    assert not _check_csv("x.csv", b"a;'=1+1;-3;-1,5\r\n")
    assert zipfile.is_zipfile(buffer)
