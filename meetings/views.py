import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.access import can, get_in_cooperation_or_404
from core.documents import pdf_response
from core.errors import DomainError
from core.formatting import month_name
from meetings import documents, ical, selectors, services, work_views
from meetings.models import CalendarRule, ConferenceSeries, Meeting, Minutes
from organisations.access import may_act_for
from organisations.decorators import with_cooperation
from organisations.models import Body

FIRST_YEAR, LAST_YEAR = 1900, 2200  # the calendar's range: beyond it a page answers 404, so nothing links there


def _year(request, default):
    try:
        year = int(request.GET.get("ar", default))
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@with_cooperation
def calendar(request, cooperation):
    year = _year(request, timezone.localdate().year)
    groups = selectors.calendar_for_year(cooperation, year, user=request.user)
    checks = selectors.rule_checks(cooperation, year)
    bodies = Body.objects.filter(cooperation=cooperation, calendar_rule__isnull=False).order_by("calendar_rule__order")
    return render(
        request,
        "meetings/calendar.html",
        {
            "year": year,
            "groups": groups,
            "checks": checks,
            "prev_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            "months": [(number, month_name(number)) for number in range(1, 13)],
            "feed_bodies": bodies,
            "series": ConferenceSeries.objects.filter(cooperation=cooperation),
            "is_secretariat": may_act_for(request.user, cooperation, "secretariat"),
        },
    )


@with_cooperation
def month(request, cooperation, year, month):
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    weeks, count = selectors.month_grid(cooperation, year, month, user=request.user)
    prev = dt.date(year, month, 1) - dt.timedelta(days=1)
    nxt = dt.date(year, month, 28) + dt.timedelta(days=5)
    prev = prev if prev.year >= FIRST_YEAR else None
    nxt = nxt if nxt.year <= LAST_YEAR else None
    return render(
        request,
        "meetings/month.html",
        {
            "year": year,
            "month": month,
            "month_name": month_name(month),
            "weeks": weeks,
            "count": count,
            "prev": prev,
            "next": nxt,
            "weekdays": [WEEKDAYS[day] for day in range(7)],
        },
    )


@with_cooperation
def meeting_detail(request, cooperation, pk):
    meeting = get_in_cooperation_or_404(
        Meeting.objects.visible_to(request.user)
        .select_related("body__cooperation", "host")
        .prefetch_related(
            "agenda_items__papers", "agenda_items__forwarded_from__meeting", "agenda_items__forwarded_to__meeting"
        ),
        cooperation,
        pk=pk,
    )
    entry = selectors._meeting_entry(meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "entry": entry,
            "minutes_list": selectors.minutes_for_meeting(meeting, request.user),
            "may_work": can(request.user, "change", meeting),
        },
    )


@with_cooperation
def minutes_detail(request, cooperation, pk):
    minutes = selectors.minutes_detail(pk, cooperation, request.user)
    context = selectors.minutes_context(minutes)
    context.update(work_views.minutes_actions_context(request, minutes))
    return render(request, "meetings/minutes_detail.html", context)


@with_cooperation
def minutes_pdf(request, cooperation, pk):
    minutes = selectors.minutes_detail(pk, cooperation, request.user)
    return pdf_response(
        documents.minutes_document(selectors.minutes_context(minutes)),
        f"protokoll-{minutes.meeting.date}.pdf",
        inline=True,
    )


@with_cooperation
def extract_pdf(request, cooperation, pk, number):
    minutes = selectors.minutes_detail(pk, cooperation, request.user)
    context = selectors.extract_context(minutes, number)
    if context is None:
        raise Http404
    return pdf_response(
        documents.minutes_document(context, extract=True),
        f"protokollsutdrag-{minutes.meeting.date}-paragraf-{number}.pdf",
        inline=True,
    )


def _ics_response(content: bytes, filename: str):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@with_cooperation
def feed(request, cooperation):
    today = timezone.localdate()
    start, end = dt.date(today.year - 20, 1, 1), dt.date(today.year + 3, 12, 31)
    content = ical.build_feed(
        cooperation.name,
        list(selectors.meetings_in(cooperation, start, end)),
        list(selectors.conferences_in(cooperation, start, end)),
    )
    return _ics_response(content, f"{cooperation.slug}.ics")


@with_cooperation
def body_feed(request, cooperation, body_slug):
    body = get_in_cooperation_or_404(Body.objects.all(), cooperation, slug=body_slug)
    today = timezone.localdate()
    start, end = dt.date(today.year - 20, 1, 1), dt.date(today.year + 3, 12, 31)
    content = ical.build_feed(
        f"{body.name} – {cooperation.name}", list(selectors.meetings_in(cooperation, start, end, body=body)), []
    )
    return _ics_response(content, f"{cooperation.slug}-{body.slug}.ics")


@with_cooperation
def series_detail(request, cooperation, series_slug):
    series = get_in_cooperation_or_404(
        ConferenceSeries.objects.select_related("arranging_body", "theme_decided_by"), cooperation, slug=series_slug
    )
    this_year = timezone.localdate().year
    first = series.rotation_start_year or this_year
    years = list(range(first, max(this_year + 1, first + 15) + 1))
    hosts = selectors.conference_hosts(cooperation, years, series_list=[series])[series.pk]
    overrides = {o.year: o for o in series.overrides.all()}
    rows = [(y, hosts[y], overrides.get(y)) for y in years]
    editions = list(series.editions.prefetch_related("hosts").order_by("date"))
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "rows": rows,
            "editions": editions,
            "rotation": list(series.rotation.select_related("municipality")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def proposal(request, cooperation):
    if not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404
    year = _year(request, timezone.localdate().year + 1)
    if request.method == "POST":
        try:
            created = services.proposal_accept(actor=request.user, cooperation=cooperation, year=year)
        except DomainError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s meeting was created for %(year)s.", "%(n)s meetings were created for %(year)s.", len(created)
                )
                % {"n": len(created), "year": year},
            )
            return redirect(f"/{cooperation.slug}/kalender/?ar={year}")
    error = ""
    proposed = []
    checks = []
    try:
        rules = list(
            CalendarRule.objects.filter(body__cooperation=cooperation, weekday__isnull=False).select_related(
                "body", "must_precede"
            )
        )
        rotating = [r for r in rules if r.rotate_hosts]
        start_after = services.last_host_before(rotating[0].body, year) if rotating else None
        result = services.generate_proposal(cooperation, year, rules=rules, start_host_after=start_after)
        proposed = result.meetings
        checks = services.proposal_checks(result, rules)
    except DomainError as exc:
        error = " ".join(exc.messages)
    exists = Meeting.objects.filter(
        body__cooperation=cooperation, body__calendar_rule__weekday__isnull=False, date__year=year
    ).exists()
    return render(
        request,
        "meetings/proposal.html",
        {
            "year": year,
            "proposed": proposed,
            "checks": checks,
            "error": error,
            "exists": exists,
        },
    )


def minutes_is_frozen(minutes: Minutes) -> bool:
    return minutes.status == Minutes.Status.APPROVED
