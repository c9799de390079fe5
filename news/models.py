"""News and publications of a cooperation (issue 17, point 3).

A news item or an uploaded publication is public from its publication time on: without one it is a draft,
with one in the future it is scheduled (both seen only by the cooperation's staff). Documents the other
apps publish by approving them (core/released.py) are listed beside the uploaded publications without
being stored here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.publication import PublishableQuerySet
from core.uploads import upload_to, validate_image, validate_pdf
from organisations.models import Cooperation


class PublishedAtQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        # The application's clock, not the database's: one notion of "now" for pages, feeds and tests.
        return Q(published_at__isnull=False, published_at__lte=timezone.now())


class NewsItem(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="news_items")
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(
        pgettext_lazy("news", "lead"), max_length=600, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Paragraphs separated by an empty line."))
    image = models.FileField(
        _("image"), upload_to=upload_to("news"), blank=True, validators=[validate_image], help_text=_("PNG or JPEG.")
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it. Required with an image."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Empty: a draft. A time in the future: published then."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()
    cooperation_path = "cooperation"
    objects = PublishedAtQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["cooperation", "-published_at"], name="news_item_coop_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.cooperation.slug, self.pk, self.slug])

    @property
    def slug(self) -> str:
        slug = slugify(self.title)[:60] or "nyhet"
        return f"{slug}-1" if slug in ("redigera", "ta-bort", "bild") else slug

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image: an image needs a text for those who cannot see it.")
        if not self.image and self.image_alt.strip():
            errors["image_alt"] = _("There is no image to describe. Remove the text or add an image.")
        if errors:
            raise ValidationError(errors)


class Publication(models.Model):
    """A document the secretariat publishes by uploading it (a report, a decision, a plan …)."""

    class Kind(models.TextChoices):
        REPORT = "report", pgettext_lazy("publication kind", "Report")
        DECISION = "decision", pgettext_lazy("publication kind", "Decision")
        PLAN = "plan", pgettext_lazy("publication kind", "Plan")
        PROGRAMME = "programme", pgettext_lazy("publication kind", "Programme")
        MINUTES = "minutes", pgettext_lazy("publication kind", "Minutes")
        CONSULTATION = "consultation", pgettext_lazy("publication kind", "Consultation response")
        OTHER = "other", pgettext_lazy("publication kind", "Other")

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="publications")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    date = models.DateField(_("date"), help_text=_("The document's own date."))
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file (PDF)"), upload_to=upload_to("publications"), validators=[validate_pdf])
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Empty: not yet public. A time in the future: published then."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()
    cooperation_path = "cooperation"
    objects = PublishedAtQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:publication_file", args=[self.cooperation.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()
