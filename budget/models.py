"""Budget of a cooperation per year: revenue and cost lines, the split of the municipalities'
fees (a frozen snapshot of the population figures used, read from organisations.Population),
outcome per period, revisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from budget import allocation
from core.publication import PublishableQuerySet

NON_NEGATIVE = MinValueValidator(0, _("The amount cannot be negative."))


class BudgetQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        """A budget is public once proposed (the proposal goes to the deciding body as a public document) or
        approved; a draft is the secretariat's work in progress."""
        return ~Q(status=Budget.Status.DRAFT)


class Budget(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("budget status", "draft")
        PROPOSED = "proposed", pgettext_lazy("budget status", "proposed")
        APPROVED = "approved", pgettext_lazy("budget status", "approved")

    class PeriodKind(models.TextChoices):
        MONTH = "month", _("month")
        TERTIAL = "tertial", _("tertial")

    class AllocationKey(models.TextChoices):
        EQUAL = allocation.EQUAL, _("equal shares")
        PER_INHABITANT = allocation.PER_INHABITANT, _("per inhabitant")
        BASE_PLUS_PER_INHABITANT = allocation.BASE_PLUS_PER_INHABITANT, _("fixed base plus the rest per inhabitant")

    cooperation = models.ForeignKey(
        "organisations.Cooperation", verbose_name=_("cooperation"), on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "organisations.Body",
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_budgets",
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source document"), max_length=300, blank=True)
    period_kind = models.CharField(
        _("outcome period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.TERTIAL
    )
    allocation_key = models.CharField(
        _("allocation key"), max_length=40, choices=AllocationKey.choices, default=AllocationKey.PER_INHABITANT
    )
    base_fee = models.PositiveIntegerField(_("base fee per municipality (kr)"), null=True, blank=True)
    allocation_key_is_example = models.BooleanField(
        _("the allocation key is an example"),
        default=False,
        help_text=_(
            "The source gives the fee total only: the split by the key is shown as an example, not as "
            "part of the budget, until someone applies it."
        ),
    )
    population_date = models.DateField(
        _("population reference date"),
        null=True,
        blank=True,
        help_text=_("The fees per inhabitant use the population on this date, e.g. 31 December of the year before."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords()
    cooperation_path = "cooperation"
    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["cooperation", "-year"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "year"], name="unique_budget_year")]

    def __str__(self):
        return self.title or f"Budget {self.year}"

    def get_absolute_url(self):
        return reverse("budget:detail", args=[self.cooperation.slug, self.year])

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def periods(self) -> int:
        return 12 if self.period_kind == self.PeriodKind.MONTH else 3

    def clean(self):
        if self.allocation_key == self.AllocationKey.BASE_PLUS_PER_INHABITANT and self.base_fee is None:
            raise ValidationError({"base_fee": _("Give the base fee for this allocation key.")})
        if self.approved_by_id and self.cooperation_id and self.approved_by.cooperation_id != self.cooperation_id:
            raise ValidationError({"approved_by": _("The body belongs to another cooperation.")})
        if self.pk and not getattr(self, "_revising", False):
            stored = (
                Budget.objects.filter(pk=self.pk)
                .values("status", "allocation_key", "base_fee", "population_date", "year", "period_kind")
                .first()
            )
            if stored and stored["status"] == self.Status.APPROVED:
                changed = [
                    f
                    for f in ("allocation_key", "base_fee", "population_date", "year", "period_kind")
                    if stored[f] != getattr(self, f)
                ]
                if changed or self.status != self.Status.APPROVED:
                    raise ValidationError(APPROVED_MESSAGE)


APPROVED_MESSAGE = _(
    "The budget is approved and cannot be edited. An approved budget changes only through a recorded revision."
)


class BudgetLine(models.Model):
    class Kind(models.TextChoices):
        REVENUE = "revenue", _("revenue")
        COST = "cost", _("cost")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(pgettext_lazy("budget", "category"), max_length=200)
    amount = models.BigIntegerField(
        _("amount (kr)"),
        null=True,
        blank=True,
        validators=[NON_NEGATIVE],
        help_text=_("Whole kronor. Leave empty when the amount is not known."),
    )
    is_member_fees = models.BooleanField(
        _("fees from the member municipalities"),
        default=False,
        help_text=_("This revenue is split between the municipalities by the allocation key."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()
    cooperation_path = "budget__cooperation"

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "kind", "position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        if self.is_member_fees and self.kind != self.Kind.REVENUE:
            raise ValidationError({"is_member_fees": _("Only a revenue line can hold the municipalities' fees.")})
        if (
            self.budget_id
            and not getattr(self, "_revising", False)
            and Budget.objects.filter(pk=self.budget_id, status=Budget.Status.APPROVED).exists()
        ):
            raise ValidationError(APPROVED_MESSAGE)


class FeeShare(models.Model):
    """One municipality's fee in a budget, frozen when the fees were allocated: the population
    figure (value, date and source) is copied here so a later import never changes it."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="fee_shares")
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT, related_name="+")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population reference date"), null=True, blank=True)
    population_source = models.CharField(_("source"), max_length=300, blank=True)
    population_figure = models.ForeignKey(
        "organisations.Population", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    share_percent = models.DecimalField(_("share (%)"), max_digits=6, decimal_places=2)
    fee = models.BigIntegerField(_("fee (kr)"), validators=[NON_NEGATIVE])
    allocated_at = models.DateTimeField(_("allocated at"), default=timezone.now)
    history = HistoricalRecords()
    cooperation_path = "budget__cooperation"

    class Meta:
        verbose_name = _("fee share")
        verbose_name_plural = _("fee shares")
        ordering = ["budget", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["budget", "municipality"], name="unique_fee_share")]

    def __str__(self):
        return f"{self.municipality}: {self.fee} kr"


class OutcomeEntry(models.Model):
    """The outcome (utfall) of one budget line in one period (month 1–12 or tertial 1–3)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="outcomes")
    period = models.PositiveSmallIntegerField(_("period"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    amount = models.BigIntegerField(_("amount (kr)"), validators=[NON_NEGATIVE])
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()
    cooperation_path = "line__budget__cooperation"

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["line", "period"]
        constraints = [models.UniqueConstraint(fields=["line", "period"], name="unique_outcome_period")]

    def __str__(self):
        return f"{self.line} {self.period}: {self.amount}"

    def clean(self):
        if self.line_id and self.period and self.period > self.line.budget.periods:
            raise ValidationError(
                {"period": _("The period must be between 1 and %(n)s.") % {"n": self.line.budget.periods}}
            )


class BudgetRevision(models.Model):
    """A recorded change of an approved budget: who, when, why, and the lines before and after."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    before = models.JSONField(_("before"), default=list)
    after = models.JSONField(_("after"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()
    cooperation_path = "budget__cooperation"

    class Meta:
        verbose_name = _("budget revision")
        verbose_name_plural = _("budget revisions")
        ordering = ["budget", "number"]
        constraints = [models.UniqueConstraint(fields=["budget", "number"], name="unique_budget_revision")]

    def __str__(self):
        return f"{self.budget} rev. {self.number}"
