"""What the search finds of the plans app (registered in PlansConfig.ready(), search/registry.py): operating
plans, the networks' action plans and their activities. Their pages are public (no draft state), so
their entries are too, unless the models gain one (search.registry.published_ids asks core.publication)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plans.models import ActionPlan, Activity, OperatingPlan
from search.registry import Entry, Indexer, published_ids, register


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def operating_plan_entries(queryset):
    queryset = queryset.select_related("cooperation", "approved_by")
    public = published_ids(queryset)
    for plan in queryset:
        yield Entry(
            obj=plan,
            cooperation_id=plan.cooperation_id,
            title=plan.title,
            url=plan.get_absolute_url(),
            published=plan.pk in public,
            body=_join(*(getattr(plan, name) for name in OperatingPlan.SECTIONS)),
            year=plan.year,
            date=plan.approved_on,
            body_name=plan.approved_by.name if plan.approved_by else "",
        )


def action_plan_entries(queryset):
    queryset = queryset.select_related("cooperation", "body")
    public = published_ids(queryset)
    for ap in queryset:
        yield Entry(
            obj=ap,
            cooperation_id=ap.cooperation_id,
            title=f"{_('Action plan')} {ap.body.name} {ap.year}",
            url=ap.get_absolute_url(),
            published=ap.pk in public,
            body=ap.summary,
            year=ap.year,
            body_name=ap.body.name,
        )


def activity_entries(queryset):
    queryset = queryset.select_related("action_plan__cooperation", "action_plan__body").prefetch_related(
        "municipalities"
    )
    public = published_ids(ActionPlan.objects.filter(activities__in=queryset))
    for a in queryset:
        ap = a.action_plan
        municipalities = list(a.municipalities.all())
        yield Entry(
            obj=a,
            cooperation_id=ap.cooperation_id,
            title=a.title,
            url=ap.get_absolute_url(),
            published=ap.pk in public,
            body=_join(a.description, *(m.name for m in municipalities)),
            year=ap.year,
            date=a.due,
            body_name=ap.body.name,
            municipality=municipalities[0].name if len(municipalities) == 1 else "",
        )


def register_indexers():
    register(
        Indexer(
            kind="operating_plan",
            label=_("Operating plans"),
            model=OperatingPlan,
            entries=operating_plan_entries,
            order=60,
        )
    )
    register(
        Indexer(
            kind="action_plan",
            label=_("Action plans"),
            model=ActionPlan,
            entries=action_plan_entries,
            order=65,
        )
    )
    register(
        Indexer(
            kind="activity",
            label=_("Activities"),
            model=Activity,
            entries=activity_entries,
            order=70,
            depends={ActionPlan: lambda ap: Activity.objects.filter(action_plan=ap)},
        )
    )
