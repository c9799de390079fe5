"""Key figures (nyckeltal): Kolada's definitions, its "municipalities" (incl. county and country),
groups of figures per cooperation, and imported values with where and when they came from."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

GENDERS = [("T", pgettext_lazy("gender", "Total")), ("K", pgettext_lazy("gender", "Women")),
           ("M", pgettext_lazy("gender", "Men"))]


class Area(models.Model):
    """One of Kolada's "municipalities": a municipality (K), a region or the country (L), or a
    Kolada municipality group (G, e.g. G96274 Södertörnskommunerna, an unweighted mean)."""

    class Type(models.TextChoices):
        MUNICIPALITY = "K", _("municipality")
        REGION = "L", _("region or country")
        GROUP = "G", _("Kolada group")

    kolada_id = models.CharField(_("Kolada id"), max_length=10, unique=True)
    title = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=1, choices=Type.choices)

    class Meta:
        verbose_name = _("Kolada area")
        verbose_name_plural = _("Kolada areas")
        ordering = ["kolada_id"]

    def __str__(self):
        return f"{self.title} ({self.kolada_id})"


class KeyFigure(models.Model):
    kolada_id = models.CharField(_("Kolada id"), max_length=12, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    operating_area = models.CharField(_("operating area"), max_length=200, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), null=True, blank=True)
    is_divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    is_count = models.BooleanField(
        _("is a count"), default=False,
        help_text=_("Counts are summed for the cooperation; rates are weighted by population."),
    )
    source = models.CharField(_("source"), max_length=300, default="Kolada")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["kolada_id"]

    def __str__(self):
        return f"{self.kolada_id} {self.title}"


class KeyFigureGroup(models.Model):
    cooperation = models.ForeignKey(
        "organisations.Cooperation", on_delete=models.CASCADE, related_name="key_figure_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    kolada_group_id = models.CharField(
        _("Kolada group id"), max_length=12, blank=True,
        help_text=_("Kolada's own municipality group for the members, e.g. G96274 (unweighted mean)."),
    )
    figures = models.ManyToManyField(KeyFigure, through="KeyFigureGroupItem", related_name="groups")
    history = HistoricalRecords()
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("key figure group")
        verbose_name_plural = _("key figure groups")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "slug"], name="unique_kpi_group_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("kpi:group", args=[self.cooperation.slug, self.slug])


class KeyFigureGroupItem(models.Model):
    group = models.ForeignKey(KeyFigureGroup, on_delete=models.CASCADE, related_name="items")
    figure = models.ForeignKey(KeyFigure, on_delete=models.PROTECT, related_name="group_items")
    focus_area = models.CharField(_("focus area"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()
    cooperation_path = "group__cooperation"

    class Meta:
        verbose_name = _("key figure in group")
        verbose_name_plural = _("key figures in group")
        ordering = ["order", "figure__kolada_id"]
        constraints = [models.UniqueConstraint(fields=["group", "figure"], name="unique_kpi_group_figure")]

    def __str__(self):
        return f"{self.group}: {self.figure}"


class ImportBatch(models.Model):
    """One import run: where the values came from and when."""

    class Kind(models.TextChoices):
        KOLADA = "kolada", _("Kolada API")
        CSV = "csv", _("CSV file")
        TEST_DATA = "test_data", _("test data (not Kolada)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    value_count = models.PositiveIntegerField(_("values"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"


class KeyFigureValue(models.Model):
    figure = models.ForeignKey(KeyFigure, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=GENDERS, default="T")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="values")
    source_url = models.CharField(_("source URL"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("key figure value")
        verbose_name_plural = _("key figure values")
        ordering = ["figure", "area", "year", "gender"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "area", "year", "gender"], name="unique_kpi_value"),
        ]
        indexes = [models.Index(fields=["figure", "year", "gender"], name="kpi_value_fig_year")]

    def __str__(self):
        return f"{self.figure.kolada_id} {self.area_id} {self.year} {self.gender}: {self.value}"
