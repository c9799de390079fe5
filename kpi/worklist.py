"""Worklist items of the kpi app (core.worklist): the secretariat's Kolada imports that are running, and
those that failed and have not since been followed by a finished import of the same group."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.worklist import Item
from kpi.models import ImportRun
from organisations.access import staff_roles
from organisations.models import StaffRole


def imports_running_or_failed(user) -> list[Item]:
    coop_ids = {r.cooperation_id for r in staff_roles(user) if r.role == StaffRole.Role.SECRETARIAT}
    if not coop_ids:
        return []
    runs = list(
        ImportRun.objects.filter(cooperation_id__in=coop_ids)
        .select_related("cooperation", "group")
        .order_by("-created_at", "-pk")[:50]
    )
    items = []
    finished_later: set = set()
    for run in runs:  # newest first
        key = (run.cooperation_id, run.group_id, tuple(run.figure_ids) if run.group_id is None else ())
        name = run.group.name if run.group else ", ".join(run.figure_ids)
        years = f"{run.first_year}–{run.last_year}"
        if run.is_active:
            items.append(
                Item(
                    title=_("Import of %(name)s %(years)s is running") % {"name": name, "years": years},
                    url=run.get_absolute_url(),
                    kind="import",
                    cooperation=run.cooperation,
                    note=ngettext(
                        "%(done)s of %(total)s key figure imported",
                        "%(done)s of %(total)s key figures imported",
                        run.total,
                    )
                    % {"done": run.done, "total": run.total},
                )
            )
        elif run.state == ImportRun.State.FAILED and key not in finished_later:
            items.append(
                Item(
                    title=_("Import of %(name)s %(years)s failed") % {"name": name, "years": years},
                    url=run.get_absolute_url(),
                    kind="import",
                    cooperation=run.cooperation,
                    note=run.message.strip()[:300],
                )
            )
        if run.state == ImportRun.State.DONE:
            finished_later.add(key)
    return items
