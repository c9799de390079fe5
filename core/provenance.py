"""Provenance of the values the platform shows: the one rule.

Every value either comes from a named source (`source_ref`: a document's name, e.g. "seed 002";
shown to staff in the admin and in the API, never in public prose), or it is example data
(`is_demo`), marked wherever it is shown with the one marker:

- pages: `{% example_marker %}` (templates/core/_example_marker.html, the attribute `data-example`
  carries the marker for tests) or `{{ text|example:obj.is_demo }}` around the value itself;
- documents, exports and feeds (PDF, DOCX, XLSX, CSV, ICS): `mark(text, is_demo)` appends the same
  words, "(exempeldata)";
- the API: the field `is_demo` (and `source_ref` where the model has one).

Unknown is a value of its own: `UNKNOWN` ("uppgift saknas"), never "no" and never "not handled".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The one marker's words (sv "exempeldata").
EXAMPLE_LABEL = pgettext_lazy("provenance", "example data")
#: What the marker means, for screen readers and tooltips.
EXAMPLE_EXPLANATION = pgettext_lazy("provenance", "invented to show how the platform works, not a fact")
#: Unknown as a value of its own (sv "uppgift saknas").
UNKNOWN = pgettext_lazy("provenance", "not known")

SOURCE_REF_HELP = _(
    "Where the value comes from, e.g. the name of a document. Shown to staff and in the API, not on public pages."
)


def mark(text, is_demo: bool) -> str:
    """Plain-text form of the marker, for documents, exports and feeds."""
    text = "" if text is None else str(text)
    if not is_demo:
        return text
    return f"{text} ({EXAMPLE_LABEL})" if text else f"({EXAMPLE_LABEL})"


def source_ref_field():
    return models.CharField(_("source"), max_length=200, blank=True, help_text=SOURCE_REF_HELP)
