from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import get_in_cooperation_or_404
from core.charts import line_chart
from core.docstore import stored_file
from core.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    file_response,
    safe_filename,
)
from core.errors import DomainError
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.params import int_or_none
from core.services import may
from kpi import reports, selectors, tasks
from kpi import services as kpi_services
from kpi.models import GENDERS, ImportRun, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureReport
from kpi.services import IMPORT_PERMISSION, KOLADA_IMPORT_PERMISSION, export_csv, import_csv
from organisations.decorators import with_cooperation
from programme.models import FocusArea

GENDER_CODES = [code for code, _label in GENDERS]


def _gender(request, figure_divided=True):
    gender = request.GET.get("kon", "T")
    if gender not in GENDER_CODES:
        raise Http404
    return gender if figure_divided else "T"


def _may_import(user, cooperation):
    """The import page: the cooperation's secretariat (imports from Kolada); uploads of values from a file
    need `IMPORT_PERMISSION` (a system administrator), checked on upload."""
    return may(user, KOLADA_IMPORT_PERMISSION, cooperation) or may(user, IMPORT_PERMISSION, cooperation)


@with_cooperation
def index(request, cooperation):
    return render(
        request,
        "kpi/index.html",
        {
            "groups": selectors.groups_for(cooperation),
            "may_import": _may_import(request.user, cooperation),
            "may_edit": _may_edit(request.user, cooperation),
        },
    )


# -- Staff pages: the secretariat builds its key-figure groups ------------------------------------------
def _may_edit(user, cooperation) -> bool:
    return may(user, "add", KeyFigureGroup(cooperation=cooperation))


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


@login_required
@with_cooperation
def group_create(request, cooperation):
    """A new key-figure group of the cooperation (its secretariat); then its page for choosing figures."""
    if not _may_edit(request.user, cooperation):
        raise Http404
    errors = []
    data = {"name": "", "description": "", "kolada_group_id": ""}
    if request.method == "POST":
        data = {key: request.POST.get(key, "") for key in data}
        try:
            group = kpi_services.key_figure_group_create(actor=request.user, cooperation=cooperation, **data)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("The key-figure group was created. Add its key figures below."))
            return redirect("kpi:group_edit", cooperation.slug, group.slug)
    return render(request, "kpi/group_create.html", {"data": data, "errors": errors}, status=400 if errors else 200)


GROUP_OPS = {"save_group", "add", "focus", "up", "down", "remove"}
GROUP_MESSAGES = {
    "save_group": gettext_lazy("The group was saved."),
    "add": gettext_lazy("The key figure was added."),
    "focus": gettext_lazy("The focus area was saved."),
    "up": gettext_lazy("The key figure was moved."),
    "down": gettext_lazy("The key figure was moved."),
    "remove": gettext_lazy("The key figure was taken out."),
}


def _focus_area(cooperation, raw):
    """The focus area chosen in a form: None for none; one of another cooperation is passed on for the
    service to refuse; an id that is no focus area at all is refused here."""
    pk = int_or_none(raw)
    if not raw:
        return None
    area = FocusArea.objects.select_related("programme").filter(pk=pk).first() if pk else None
    if area is None:
        raise DomainError(_("Choose a focus area of the programme from the list."))
    return area


def _group_op(request, cooperation, group, op):
    data = request.POST
    if op == "save_group":
        return kpi_services.key_figure_group_save(
            actor=request.user,
            cooperation=cooperation,
            slug=group.slug,
            name=data.get("name", ""),
            description=data.get("description", ""),
            kolada_group_id=data.get("kolada_group_id", ""),
        )
    if op == "add":
        return kpi_services.key_figure_group_add(
            actor=request.user,
            group=group,
            kolada_id=data.get("kolada_id", ""),
            focus_area=_focus_area(cooperation, data.get("focus_area")),
        )
    item = KeyFigureGroupItem.objects.select_related("group").filter(group=group, pk=int_or_none(data.get("item")))
    item = item.first()
    if item is None:
        raise Http404
    if op == "focus":
        return kpi_services.key_figure_group_item_focus(
            actor=request.user, item=item, focus_area=_focus_area(cooperation, data.get("focus_area"))
        )
    if op in ("up", "down"):
        return kpi_services.key_figure_group_move(actor=request.user, item=item, step=-1 if op == "up" else 1)
    return kpi_services.key_figure_group_remove(actor=request.user, item=item)


@login_required
@with_cooperation
def group_edit(request, cooperation, group_slug):
    """The secretariat's page for a group: its name and Kolada group, its figures in order (moved by buttons),
    each linked to a focus area of the programme, and a search of Kolada's catalogue to add figures."""
    group = _group(cooperation, group_slug)
    if not may(request.user, "change", group):
        raise Http404
    errors = []
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op not in GROUP_OPS:
            raise Http404
        try:
            _group_op(request, cooperation, group, op)
        except ValidationError as exc:
            errors = _errors(exc)
            group.refresh_from_db()
        else:
            messages.success(request, GROUP_MESSAGES[op])
            anchor = request.POST.get("anchor", "")
            query = request.POST.get("sok", "")
            url = reverse("kpi:group_edit", args=[cooperation.slug, group.slug])
            url += f"?{urlencode({'sok': query})}" if query else ""
            return redirect(url + (f"#{anchor}" if anchor.replace("-", "").isalnum() else ""))
    query = (request.GET.get("sok") or request.POST.get("sok") or "").strip()[:100]
    return render(
        request,
        "kpi/group_edit.html",
        {
            "group": group,
            "items": selectors.group_items_for_editing(group),
            "errors": errors,
            "focus_choices": selectors.focus_area_choices(cooperation),
            "query": query,
            "hits": selectors.catalogue_search(query, group=group) if query else [],
            "posted": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )


def _group(cooperation, group_slug):
    return get_in_cooperation_or_404(KeyFigureGroup.objects.select_related("cooperation"), cooperation, slug=group_slug)


def _year(request, group, year=None):
    raw = year if year is not None else request.GET.get("ar")
    if raw in (None, ""):
        return selectors.latest_year(group)
    try:
        year = int(raw)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 1900 <= year <= 2100:
        raise Http404
    return year


@with_cooperation
def group_detail(request, cooperation, group_slug):
    group = _group(cooperation, group_slug)
    year = _year(request, group)
    gender = _gender(request)
    sort = request.GET.get("sortera") or None
    descending = request.GET.get("ordning") == "fallande"
    table = selectors.comparison(group, year, gender, sort=sort, descending=descending) if year else None
    complete = request.GET.get("visa") == "alla"
    context = {
        "group": group,
        "year": year,
        "gender": gender,
        "genders": GENDERS,
        "table": table,
        "years": selectors.years_with_data(group),
        "sort": sort,
        "descending": descending,
        "complete": complete,
        "may_edit": may(request.user, "change", group),
        "report": selectors.published_report(group, year) if table is not None else None,
        "may_publish": table is not None and _may_publish(request.user, group, year),
    }
    if table is not None:
        # Long groups are shown FIGURES_PER_PAGE figures at a time (the overview's rows, the complete table's columns).
        page = _figure_page(
            request, len(table.figures) if complete else len(table.by_figure), year, gender, complete, sort, descending
        )
        part = page.part
        context.update(
            {
                "page": page,
                "members_count": len(table.members),
                "page_overview": table.by_figure[part] if not complete else [],
                "page_figures": table.figures[part] if complete else [],
                "page_members": [(row, row.cells[part]) for row in table.members] if complete else [],
                "page_summary": [(row, row.cells[part]) for row in table.summary] if complete else [],
            }
        )
    return render(request, "kpi/group.html", context)


def _may_publish(user, group, year) -> bool:
    return may(user, "add", KeyFigureReport(group=group, year=year))


@login_required
@with_cooperation
def report_publish(request, cooperation, group_slug, year):
    """The secretariat publishes the group's key-figure report for a year: the group page's button leads here to
    confirm; the confirmed POST approves it (kpi.services.report_approve) and back to the group page."""
    group = _group(cooperation, group_slug)
    year = _year(request, group, year)
    if not _may_publish(request.user, group, year):
        raise Http404
    back = f"{group.get_absolute_url()}?{urlencode({'ar': year})}"
    report = selectors.published_report(group, year)
    if report is not None:
        messages.info(request, _("The key-figure report for %(year)s is already published.") % {"year": year})
        return redirect(back)
    errors = []
    note = ""
    if request.method == "POST" and request.POST.get("confirm") == "1":
        note = request.POST.get("note", "")
        try:
            kpi_services.report_approve(actor=request.user, group=group, year=year, note=note)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(
                request, _("The key-figure report for %(year)s is published on the publications page.") % {"year": year}
            )
            return redirect(back)
    return render(
        request,
        "kpi/report_publish.html",
        {"group": group, "year": year, "back": back, "errors": errors, "note": note},
        status=400 if errors else 200,
    )


#: Key figures per page on the comparison page (rows of the overview, columns of the complete table).
FIGURES_PER_PAGE = 25


@dataclass
class FigurePage:
    number: int
    count: int
    total: int
    query: str

    @property
    def part(self) -> slice:
        return slice((self.number - 1) * FIGURES_PER_PAGE, self.number * FIGURES_PER_PAGE)

    @property
    def first(self) -> int:
        return (self.number - 1) * FIGURES_PER_PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.number * FIGURES_PER_PAGE, self.total)


def _figure_page(request, total, year, gender, complete, sort, descending) -> FigurePage:
    count = max(1, -(-total // FIGURES_PER_PAGE))
    number = int_or_none(request.GET.get("sida"))
    number = 1 if number is None else number
    if not 1 <= number <= count:
        raise Http404
    params = {"ar": year, "kon": gender}
    if complete:
        params["visa"] = "alla"
        if sort:
            params["sortera"] = sort
        if descending:
            params["ordning"] = "fallande"
    return FigurePage(number=number, count=count, total=total, query=urlencode(params))


@with_cooperation
def figure_detail(request, cooperation, kolada_id):
    figure = get_object_or_404(KeyFigure, kolada_id=kolada_id)
    gender = _gender(request, figure.is_divided_by_gender)
    group = KeyFigureGroup.objects.filter(cooperation=cooperation, items__figure=figure).first()
    trend = selectors.figure_trend(figure, cooperation, gender, group=group)
    gender_label = dict(GENDERS)[gender]
    plotted, table_only = chart_series(trend.series, {m.code for m in cooperation.current_members().only("code")})
    chart = line_chart(
        plotted,
        title=f"{figure.title} ({gender_label}), {trend.years[0]}–{trend.years[-1]}" if trend.years else figure.title,
        description=_(
            "Line chart of %(figure)s for each member municipality, the county and the country over the "
            "years. The same values are in the table below the chart."
        )
        % {"figure": figure.title},
        chart_id=f"chart-{figure.kolada_id}",
    )
    return render(
        request,
        "kpi/figure.html",
        {
            "figure": figure,
            "trend": trend,
            "chart": chart,
            "gender": gender,
            "genders": GENDERS,
            "group": group,
            "table_only": table_only,
        },
    )


#: A series more than this many times the members' largest value is left out of the chart (kept in the table).
SCALE_LIMIT = 5


def chart_series(series, member_codes) -> tuple[list, list[str]]:
    """The series to draw, [(name, values)], and the names left to the table: a county's or the country's
    count (2.2 million inhabitants) would press eight municipalities' lines flat against the zero line."""
    member_max = max(
        (abs(v) for code, _n, values in series if code in member_codes for v in values.values() if v is not None),
        default=None,
    )
    plotted, table_only = [], []
    for code, name, values in series:
        known = [abs(v) for v in values.values() if v is not None]
        if code not in member_codes and member_max and known and max(known) > SCALE_LIMIT * member_max:
            table_only.append(name)
        else:
            plotted.append((name, values))
    return plotted, table_only


def _report(request, cooperation, group_slug, year, fmt):
    """The key-figure report takes seconds (minutes at 10x the data): the worker builds it (kpi.reports.render_report,
    registered in KpiConfig.ready) and the stored copy is served; meanwhile a page that refreshes itself."""
    group = _group(cooperation, group_slug)
    year = _year(request, group, year)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"kpi.report:{group.pk}:{year}:{fmt}",
        filename=safe_filename(f"{group.name} {year}", fmt),
        content_type=PDF_CONTENT_TYPE if fmt == "pdf" else DOCX_CONTENT_TYPE,
        inline=fmt == "pdf",
        background=("kpi.report", {"group_id": group.pk, "year": year, "fmt": fmt}),
    )


@with_cooperation
def report_pdf(request, cooperation, group_slug, year):
    return _report(request, cooperation, group_slug, year, "pdf")


@with_cooperation
def report_docx(request, cooperation, group_slug, year):
    return _report(request, cooperation, group_slug, year, "docx")


@with_cooperation
def comparison_xlsx(request, cooperation, group_slug, year):
    group = _group(cooperation, group_slug)
    table = selectors.comparison(group, _year(request, group, year), _gender(request))
    return file_response(
        reports.comparison_xlsx(table), safe_filename(f"{group.name} {year} jamforelse", "xlsx"), XLSX_CONTENT_TYPE
    )


def _group_values(group):
    """Every value of the group's figures for the cooperation's members and its comparison areas (county, country,
    its Kolada group), not for every municipality in Kolada."""
    figure_ids = list(group.items.values_list("figure_id", flat=True))
    return selectors.export_rows(figure_ids, selectors.comparison_area_codes(group.cooperation, group))


@with_cooperation
def group_csv(request, cooperation, group_slug):
    group = _group(cooperation, group_slug)
    return file_response(export_csv(_group_values(group)), f"{group.slug}.csv", CSV_CONTENT_TYPE)


@with_cooperation
def group_values_xlsx(request, cooperation, group_slug):
    group = _group(cooperation, group_slug)
    return file_response(reports.values_xlsx(group, _group_values(group)), f"{group.slug}.xlsx", XLSX_CONTENT_TYPE)


@with_cooperation
def import_values(request, cooperation):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _may_import(request.user, cooperation):
        raise Http404
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if not may(request.user, IMPORT_PERMISSION, cooperation):
            errors = [
                _(
                    "Only a system administrator may import values from a file: the values are shared by "
                    "every cooperation."
                )
            ]
        elif upload is None:
            errors = [_("Choose a CSV file to import.")]
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                errors = [_("The file is not UTF-8 encoded text.")]
            else:
                try:
                    batch = import_csv(text, actor=request.user, cooperation=cooperation, source=f"CSV: {upload.name}")
                except ValidationError as exc:
                    errors = exc.messages
                else:
                    count = batch.value_count
                    messages.success(
                        request,
                        ngettext("%(count)s value imported.", "%(count)s values imported.", count) % {"count": count},
                    )
                    return redirect("kpi:index", cooperation.slug)
    return _import_page(request, cooperation, errors=errors)


def _import_page(request, cooperation, *, errors=(), kolada_errors=(), status=None):
    this_year = timezone.localdate().year
    post = request.POST if kolada_errors else {}
    return render(
        request,
        "kpi/import.html",
        {
            "errors": errors,
            "kolada_errors": kolada_errors,
            "groups": selectors.groups_for(cooperation),
            "runs": ImportRun.objects.filter(cooperation=cooperation).select_related("group", "created_by")[:10],
            "first_year": post.get("forsta_ar", this_year - 10),
            "last_year": post.get("sista_ar", this_year),
            "chosen_group": post.get("grupp", ""),
            "may_upload": may(request.user, IMPORT_PERMISSION, cooperation),
        },
        status=status or (400 if errors or kolada_errors else 200),
    )


@require_POST
@with_cooperation
def kolada_import_start(request, cooperation):
    """Start a Kolada import of one of the cooperation's groups; the worker runs it (kpi.tasks)."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("kpi:import", args=[cooperation.slug]))
    if not _may_import(request.user, cooperation):
        raise Http404
    group = KeyFigureGroup.objects.filter(cooperation=cooperation, pk=int_or_none(request.POST.get("grupp"))).first()
    first, last = int_or_none(request.POST.get("forsta_ar")), int_or_none(request.POST.get("sista_ar"))
    if first is None or last is None:
        return _import_page(request, cooperation, kolada_errors=[_("Give the first and the last year as numbers.")])
    try:
        run = tasks.start_kolada_import(
            actor=request.user, cooperation=cooperation, group=group, first_year=first, last_year=last
        )
    except ValidationError as exc:
        return _import_page(request, cooperation, kolada_errors=exc.messages)
    return redirect(run.get_absolute_url())


def _run_or_404(request, cooperation, run_id):
    if not request.user.is_authenticated or not _may_import(request.user, cooperation):
        raise Http404
    return get_object_or_404(
        ImportRun.objects.select_related("group", "created_by"), cooperation=cooperation, pk=run_id
    )


@login_required
@with_cooperation
def import_run(request, cooperation, run_id):
    """One import's progress: a progress bar that static/js/progress.js updates from `import_run_status`."""
    run = _run_or_404(request, cooperation, run_id)
    return render(request, "kpi/import_run.html", {"run": run})


def run_status(run) -> dict:
    return {
        "state": run.state,
        "label": str(run.get_state_display()),
        "done": run.done,
        "total": run.total,
        "percent": run.percent,
        "values": run.value_count,
        "finished": not run.is_active,
        "text": ngettext(
            "%(done)s of %(total)s key figure imported", "%(done)s of %(total)s key figures imported", run.total
        )
        % {"done": run.done, "total": run.total},
        "message": run.message.strip(),
    }


@never_cache
@login_required
@with_cooperation
def import_run_status(request, cooperation, run_id):
    return JsonResponse(run_status(_run_or_404(request, cooperation, run_id)))
