"""The search index: one row per indexed object of any app (search/registry.py says how apps register
what they index), and the text extracted from uploaded files.

The full-text part is kept per database (search/backends.py): on PostgreSQL the `vector` column (a
tsvector with the `swedish` configuration, under a GIN index made by migration 0002 only there); on
SQLite an FTS5 table `search_fts` (made by the same migration only there), whose rowid is the entry's id.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Cooperation


class SearchEntry(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    #: The indexed object: "<app_label>.<model_name>" and its primary key.
    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    body_name = models.CharField(_("body"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=200, blank=True)
    #: Normalised identifiers (search.text.normalise_identifier), one a line: Dnr, §.
    identifiers = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    # A decision (the decision register, /<slug>/beslut/)
    is_decision = models.BooleanField(default=False)
    reference = models.CharField(_("paragraph"), max_length=60, blank=True)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)
    extract_url = models.CharField(max_length=500, blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["model", "object_id"], name="search_entry_object_unique")]
        indexes = [
            models.Index(fields=["cooperation", "kind"]),
            models.Index(fields=["cooperation", "is_decision", "date"]),
        ]

    def __str__(self):
        return self.title


class DocumentText(models.Model):
    """The text of an uploaded file (PDF, DOCX), extracted in a background job (search.tasks)."""

    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    field = models.CharField(max_length=100)
    #: The stored file's name when the text was extracted: a new upload is extracted again.
    name = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "object_id", "field"], name="document_text_unique")]

    def __str__(self):
        return f"{self.model} {self.object_id} {self.field}"
