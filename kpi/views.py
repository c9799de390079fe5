from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.access import get_in_cooperation_or_404
from core.charts import line_chart
from core.documents import docx_response, file_response, pdf_response, safe_filename
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.params import int_or_none
from core.services import may
from kpi import reports, selectors, tasks
from kpi.models import GENDERS, ImportRun, KeyFigure, KeyFigureGroup
from kpi.services import IMPORT_PERMISSION, KOLADA_IMPORT_PERMISSION, export_csv, import_csv
from organisations.decorators import with_cooperation

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
        },
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
    return render(
        request,
        "kpi/group.html",
        {
            "group": group,
            "year": year,
            "gender": gender,
            "genders": GENDERS,
            "table": table,
            "years": selectors.years_with_data(group),
            "sort": sort,
            "descending": descending,
            "complete": request.GET.get("visa") == "alla",
        },
    )


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


@with_cooperation
def report_pdf(request, cooperation, group_slug, year):
    group = _group(cooperation, group_slug)
    report = reports.build_report(group, _year(request, group, year))
    return pdf_response(reports.report_document(report), safe_filename(f"{group.name} {year}", "pdf"), inline=True)


@with_cooperation
def report_docx(request, cooperation, group_slug, year):
    group = _group(cooperation, group_slug)
    report = reports.build_report(group, _year(request, group, year))
    return docx_response(reports.report_document(report), safe_filename(f"{group.name} {year}", "docx"))


@with_cooperation
def comparison_xlsx(request, cooperation, group_slug, year):
    group = _group(cooperation, group_slug)
    table = selectors.comparison(group, _year(request, group, year), _gender(request))
    return file_response(
        reports.comparison_xlsx(table), safe_filename(f"{group.name} {year} jamforelse", "xlsx"), XLSX_CONTENT_TYPE
    )


@with_cooperation
def group_csv(request, cooperation, group_slug):
    group = _group(cooperation, group_slug)
    figure_ids = list(group.items.values_list("figure_id", flat=True))
    return file_response(export_csv(selectors.export_rows(figure_ids)), f"{group.slug}.csv", CSV_CONTENT_TYPE)


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
