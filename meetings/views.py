import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core import deadlines as core_deadlines
from core.access import can, get_in_cooperation_or_404
from core.docstore import stored_file
from core.documents import PDF_CONTENT_TYPE, render_document_pdf
from core.errors import DomainError
from core.formatting import month_name
from meetings import documents, forms, ical, selectors, services, work_views
from meetings.models import ConferenceSeries, Meeting, Minutes
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
            "deadlines": core_deadlines.deadlines_between(
                cooperation, dt.date(year, 1, 1), dt.date(year, 12, 31), request.user
            ),
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
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"meetings.minutes:{minutes.pk}:pdf",
        filename=f"protokoll-{minutes.meeting.date}.pdf",
        content_type=PDF_CONTENT_TYPE,
        inline=True,
        render=lambda: render_document_pdf(documents.minutes_document(selectors.minutes_context(minutes))),
    )


@with_cooperation
def extract_pdf(request, cooperation, pk, number):
    minutes = selectors.minutes_detail(pk, cooperation, request.user)
    context = selectors.extract_context(minutes, number)
    if context is None:
        raise Http404
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"meetings.extract:{minutes.pk}:{number}:pdf",
        filename=f"protokollsutdrag-{minutes.meeting.date}-paragraf-{number}.pdf",
        content_type=PDF_CONTENT_TYPE,
        inline=True,
        render=lambda: render_document_pdf(documents.minutes_document(context, extract=True)),
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
        core_deadlines.deadlines_between(cooperation, start, end),
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
    """The year's calendar proposal: generated, merged with the meetings already in the calendar, edited
    row by row (dates, times, hosts; rows added and removed) and checked before it is accepted."""
    if not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404
    year = _year(request, timezone.localdate().year + 1)
    rules = services.proposal_rules(cooperation)
    members = cooperation.current_members(dt.date(year, 1, 1))
    member_list = list(members)
    kwargs_m = {
        "bodies": Body.objects.filter(cooperation=cooperation, calendar_rule__isnull=False).order_by(
            "calendar_rule__order", "name"
        ),
        "members": members,
    }
    kwargs_c = {"series": ConferenceSeries.objects.filter(cooperation=cooperation), "members": members}
    errors: list[str] = []
    try:
        generated = services.generate_proposal(cooperation, year, rules=rules, members=member_list)
    except DomainError as exc:
        errors = list(exc.messages)
        generated = services.Proposal(year)
    meeting_rows, conference_rows = generated.meetings, generated.conferences
    if request.method == "POST":
        mset = forms.ProposedMeetingFormSet(request.POST, prefix="m", form_kwargs=kwargs_m)
        cset = forms.ProposedConferenceFormSet(request.POST, prefix="k", form_kwargs=kwargs_c)
        if mset.is_valid() and cset.is_valid():
            meeting_rows, conference_rows = _proposal_rows(mset, cset, rules)
            action = request.POST.get("action", "accept")
            if action == "accept":
                try:
                    created = services.proposal_accept(
                        actor=request.user,
                        cooperation=cooperation,
                        year=year,
                        meetings=meeting_rows,
                        conferences=conference_rows,
                    )
                except DomainError as exc:
                    errors = list(exc.messages)
                else:
                    made = [c for c in created if isinstance(c, Meeting)]
                    text = ngettext(
                        "%(n)s meeting was created for %(year)s.",
                        "%(n)s meetings were created for %(year)s.",
                        len(made),
                    ) % {"n": len(made), "year": year}
                    if len(created) > len(made):
                        n = len(created) - len(made)
                        text += " " + ngettext("%(n)s conference was added.", "%(n)s conferences were added.", n) % {
                            "n": n
                        }
                    messages.success(request, text)
                    return redirect(f"/{cooperation.slug}/kalender/?ar={year}")
            else:
                extra = (
                    [services.ProposedMeeting(rules[0].body, None, rules[0].start_time, rules[0].end_time)]
                    if action == "add" and rules
                    else []
                )
                mset, cset = _proposal_formsets(meeting_rows + extra, conference_rows, kwargs_m, kwargs_c)
        else:
            errors.append(_("The proposal was not saved: check the marked rows."))
    else:
        mset, cset = _proposal_formsets(meeting_rows, conference_rows, kwargs_m, kwargs_c)
    edited = services.Proposal(
        year, [m for m in meeting_rows if m.date], conference_rows, generated.existing, generated.existing_conferences
    )
    return render(
        request,
        "meetings/proposal.html",
        {
            "year": year,
            "mset": mset,
            "cset": cset,
            "errors": errors,
            "checks": services.proposal_checks(edited, rules) if rules else [],
            "existing": generated.existing,
            "existing_conferences": generated.existing_conferences,
            "rule_texts": selectors.proposal_rule_texts(rules, services.host_orders(rules, member_list)),
        },
    )


def _proposal_formsets(meetings, conferences, kwargs_m, kwargs_c):
    initial_m = [
        {"body": m.body, "date": m.date, "start_time": m.start_time, "end_time": m.end_time, "host": m.host}
        for m in meetings
    ]
    initial_c = [{"series": c.series, "date": c.date, "hosts": c.hosts} for c in conferences]
    return (
        forms.ProposedMeetingFormSet(prefix="m", initial=initial_m, form_kwargs=kwargs_m),
        forms.ProposedConferenceFormSet(prefix="k", initial=initial_c, form_kwargs=kwargs_c),
    )


def _proposal_rows(mset, cset, rules):
    """The rows of the edited proposal that were not removed, as the services' proposal objects."""
    meetings = []
    for form in mset.forms:
        if form in mset.deleted_forms:
            continue
        data = form.cleaned_data
        meetings.append(
            services.ProposedMeeting(
                data["body"], data["date"], data.get("start_time"), data.get("end_time"), data.get("host")
            )
        )
    conferences = []
    for form in cset.forms:
        if form in cset.deleted_forms:
            continue
        data = form.cleaned_data
        conferences.append(services.ProposedConference(data["series"], data["date"], list(data.get("hosts") or [])))
    order = {r.body_id: r.order for r in rules}
    return sorted(meetings, key=lambda m: (order.get(m.body.pk, 999), m.body.name, m.date)), conferences


def minutes_is_frozen(minutes: Minutes) -> bool:
    return minutes.status == Minutes.Status.APPROVED
