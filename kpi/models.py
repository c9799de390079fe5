"""Key figures (nyckeltal): Kolada's definitions, its "municipalities" (incl. county and country),
groups of figures per cooperation, and imported values with where and when they came from."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.errors import DomainError

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
    focus_area = models.ForeignKey(
        "programme.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_figure_items",
        help_text=_("The focus area of the cooperation's programme that the key figure follows up."),
    )
    focus_area_text = models.CharField(
        _("earlier focus-area text"),
        max_length=200,
        blank=True,
        help_text=_(
            "The free text of before the link to the programme's focus areas, kept where no focus area "
            "of the cooperation's programmes had that name; cleared when a focus area is chosen."
        ),
    )
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

    def clean(self):
        if (
            self.focus_area_id
            and self.group_id
            and self.focus_area.programme.cooperation_id != self.group.cooperation_id
        ):
            raise ValidationError({"focus_area": _("The focus area belongs to another cooperation's programme.")})

    @property
    def heading(self) -> str:
        """What the item is listed under: its focus area's name, else the earlier free text ("" if neither)."""
        return self.focus_area.name if self.focus_area_id else self.focus_area_text


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
    # No index of its own on figure: the unique key (figure, area, year, gender) leads with it (docs/kpi.md).
    figure = models.ForeignKey(KeyFigure, on_delete=models.CASCADE, related_name="values", db_index=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=GENDERS, default="T")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="values", db_index=False)
    source_url = models.CharField(_("source URL"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("key figure value")
        verbose_name_plural = _("key figure values")
        ordering = ["figure", "area", "year", "gender"]
        # Indexes set the import's ceiling: only the primary key and the unique key, which answers every read the
        # product makes (comparison, report, trend, exports, API, the plans' indicators: all by figure and area).
        # The foreign keys stay as constraints without indexes of their own; deleting an area or an import batch
        # (the admin, rare) scans the table. Query plans: docs/kpi.md.
        constraints = [
            models.UniqueConstraint(fields=["figure", "area", "year", "gender"], name="unique_kpi_value"),
        ]

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


def raise_report_final():
    raise DomainError(_("The key-figure report is published and can no longer be changed or withdrawn."))


class KeyFigureReport(models.Model):
    """The secretariat's approval of a group's key-figure report for a year: approving publishes it (on the
    publications page and in the feeds, core/released.py). Approved is final: a stored record is never changed
    or deleted, whichever channel writes (pages, admin, API, shell)."""

    group = models.ForeignKey(
        KeyFigureGroup, verbose_name=_("key figure group"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    approved_on = models.DateField(pgettext_lazy("key-figure report", "approved on"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("key-figure report", "approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("key-figure report", "created"), auto_now_add=True)
    history = HistoricalRecords()
    cooperation_path = "group__cooperation"

    class Meta:
        verbose_name = _("published key-figure report")
        verbose_name_plural = _("published key-figure reports")
        ordering = ["-approved_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="unique_kpi_report_year")]

    def __str__(self):
        return f"{self.group} {self.year}"

    def save(self, *args, **kwargs):
        if self.pk and KeyFigureReport.objects.filter(pk=self.pk).exists():
            raise_report_final()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.group.get_absolute_url()}?ar={self.year}"

    def delete(self, *args, **kwargs):
        if self.pk:
            raise_report_final()
        return super().delete(*args, **kwargs)
