"""Key figures (nyckeltal): Kolada's definitions, its "municipalities" (incl. county and country),
groups of figures per cooperation, and imported values with where and when they came from."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

GENDERS = [
    ("T", pgettext_lazy("gender", "Total")),
    ("K", pgettext_lazy("gender", "Women")),
    ("M", pgettext_lazy("gender", "Men")),
]


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
        _("is a count"),
        default=False,
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
        _("Kolada group id"),
        max_length=12,
        blank=True,
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


class ImportRun(models.Model):
    """A Kolada import started from the key-figure pages and run by the background worker (kpi.tasks):
    its progress (`done` of `total` key figures), state and outcome, shown on the page while it runs."""

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import run", "waiting")
        RUNNING = "running", pgettext_lazy("import run", "running")
        DONE = "done", pgettext_lazy("import run", "finished")
        FAILED = "failed", pgettext_lazy("import run", "failed")

    cooperation = models.ForeignKey(
        "organisations.Cooperation", on_delete=models.CASCADE, related_name="kpi_import_runs"
    )
    group = models.ForeignKey(
        KeyFigureGroup,
        verbose_name=_("key figure group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_runs",
    )
    first_year = models.PositiveSmallIntegerField(pgettext_lazy("import run", "first year"))
    last_year = models.PositiveSmallIntegerField(pgettext_lazy("import run", "last year"))
    figure_ids = models.JSONField(pgettext_lazy("import run", "key figures"), default=list)
    state = models.CharField(
        pgettext_lazy("import run", "state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    done = models.PositiveIntegerField(pgettext_lazy("import run", "done"), default=0)
    total = models.PositiveIntegerField(pgettext_lazy("import run", "total"), default=0)
    value_count = models.PositiveIntegerField(pgettext_lazy("import run", "values"), default=0)
    message = models.TextField(pgettext_lazy("import run", "message"), blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("import run", "started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(pgettext_lazy("import run", "started"), auto_now_add=True)
    finished_at = models.DateTimeField(pgettext_lazy("import run", "finished"), null=True, blank=True)
    cooperation_path = "cooperation"

    class Meta:
        verbose_name = _("key-figure import")
        verbose_name_plural = _("key-figure imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.group or ', '.join(self.figure_ids)} {self.first_year}–{self.last_year}"

    def get_absolute_url(self):
        return reverse("kpi:import_run", args=[self.cooperation.slug, self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
