"""Text that is safe to put into an export or a document.

Two dangers, two helpers (OWASP "CSV injection"; XML 1.0 section 2.2):

- `clean_text` drops the characters XML cannot carry (NUL and the other C0 controls except tab and
  newline, a carriage return not followed by a newline, U+FFFE/U+FFFF and unpaired surrogates).
  Vertical tab (Word's soft line break) and form feed become a newline, so the words on either side
  stay apart. DOCX, XLSX and PDF text pass through it.
- `neutralise_formula` makes text that a spreadsheet would read as a formula (starting with
  `=`, `+`, `-`, `@`, tab or carriage return) plain text by prefixing an apostrophe. CSV and XLSX
  text cells pass through it; numbers are written as numbers and are never touched.
"""

from __future__ import annotations

import re

#: Characters XML 1.0 cannot carry, besides the line breaks handled first.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value) -> str:
    """`value` as a string XML can carry (see the module docstring)."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "").replace("\x0b", "\n").replace("\x0c", "\n")
    return _NOT_XML.sub("", text)


def single_line(value) -> str:
    """`value` on one line for a header-like field (a feed's or calendar's name, an entry's title): every run of
    whitespace, line breaks included, becomes one space, and what XML cannot carry is gone."""
    return " ".join(clean_text(value).split())


def neutralise_formula(text: str) -> str:
    """Prefix an apostrophe when a spreadsheet would otherwise take `text` as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
