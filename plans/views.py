"""Pages of plans and follow-up. Thin: reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import can, get_in_cooperation_or_404
from core.docstore import stored_file
from core.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    file_response,
    render_document_docx,
    render_document_pdf,
    safe_filename,
)
from core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from core.forms import add_service_errors
from core.params import int_or_none
from organisations.decorators import with_cooperation
from organisations.models import Body, Municipality
from plans import documents, exchange, selectors, services
from plans import sections as plan_template
from plans.forms import GRADE_CHOICES, ActionPlanCreateForm, ActivityForm, ImportForm, RoundOpenForm
from plans.models import ActionPlan, Activity, ActivityReport, FollowUpRound, GoalAssessment, OperatingPlan, Status
from programme.models import Goal


def _edit_scope(request, cooperation) -> dict:
    """Which networks' activities the user may edit: {"edit_all": bool, "edit_bodies": set of ids}."""
    from organisations.access import may_act_for
    from plans.rules import lead_body_ids

    user = request.user
    return {
        "edit_all": may_act_for(user, cooperation, "secretariat"),
        "edit_bodies": lead_body_ids(user, cooperation),
    }


ACTION_PLAN_KINDS = (Body.Kind.NETWORK, Body.Kind.WORKING_GROUP, Body.Kind.SECRETARIAT)


def _plan_or_404(cooperation, year):
    return get_object_or_404(
        OperatingPlan.objects.select_related("cooperation", "programme", "approved_by"),
        cooperation=cooperation,
        year=year,
    )


@with_cooperation
def index(request, cooperation):
    plans = list(selectors.plans_of(cooperation))
    years = sorted(
        {p.year for p in plans}
        | set(ActionPlan.objects.filter(cooperation=cooperation).values_list("year", flat=True).distinct()),
        reverse=True,
    )
    return render(
        request,
        "plans/index.html",
        {
            "plans": plans,
            "years": years,
            "rounds": selectors.rounds_of(cooperation)[:10],
            "evaluation_years": selectors.evaluation_years(cooperation),
        },
    )


@with_cooperation
def detail(request, cooperation, year):
    plan = _plan_or_404(cooperation, year)
    context = selectors.plan_context(plan)
    context["action_plans"] = selectors.action_plans_for_year(cooperation, year)
    context["can_edit_plan"] = can(request.user, "change", plan)
    return render(request, "plans/detail.html", context)


@with_cooperation
def plan_pdf(request, cooperation, year):
    plan = _plan_or_404(cooperation, year)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"plans.plan:{plan.pk}:pdf",
        filename=safe_filename(plan.title, "pdf"),
        content_type=PDF_CONTENT_TYPE,
        render=lambda: render_document_pdf(documents.plan_document(plan)),
    )


@with_cooperation
def plan_docx(request, cooperation, year):
    plan = _plan_or_404(cooperation, year)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"plans.plan:{plan.pk}:docx",
        filename=safe_filename(plan.title, "docx"),
        content_type=DOCX_CONTENT_TYPE,
        render=lambda: render_document_docx(documents.plan_document(plan)),
    )


@with_cooperation
def action_plans(request, cooperation, year):
    return render(
        request,
        "plans/action_plans.html",
        {
            "year": year,
            "action_plans": selectors.action_plans_for_year(cooperation, year),
            "plan": OperatingPlan.objects.filter(cooperation=cooperation, year=year).first(),
            "can_create": 1900 <= year <= 2200
            and bool(request.user.is_authenticated and _creatable_bodies(request.user, cooperation, year)),
        },
    )


def _action_plan_or_404(cooperation, year, body_slug):
    return get_object_or_404(
        ActionPlan.objects.select_related("body", "cooperation"),
        cooperation=cooperation,
        year=year,
        body__slug=body_slug,
    )


@with_cooperation
def action_plan(request, cooperation, year, body_slug):
    if (
        request.user.is_authenticated
        and not ActionPlan.objects.filter(cooperation=cooperation, year=year, body__slug=body_slug).exists()
    ):
        return _missing_plan_redirect(request, cooperation, year, body_slug)
    ap = _action_plan_or_404(cooperation, year, body_slug)
    activities = selectors.activities_queryset().filter(action_plan=ap).order_by("due", "pk")
    return render(
        request,
        "plans/action_plan.html",
        {
            "action_plan": ap,
            "activities": activities,
            "year": year,
            "can_add": can(request.user, "add", Activity(action_plan=ap)),
            **_edit_scope(request, cooperation),
        },
    )


def _goal_queryset(cooperation, year):
    programme = selectors.programme_for_year(cooperation, year)
    return (
        Goal.objects.filter(focus_area__programme=programme)
        .select_related("focus_area")
        .order_by("focus_area__order", "order", "pk")
    )


def _activity_form_save(request, form, *, action_plan, activity=None):
    data = form.cleaned_data
    fields = {
        "title": data["title"],
        "description": data["description"],
        "owner_membership": data["owner_membership"],
        "start": data["start"],
        "due": data["due"],
        "status": data["status"],
    }
    if activity is None:
        return services.activity_create(
            actor=request.user,
            action_plan=action_plan,
            goals=data["goals"],
            municipalities=data["municipalities"],
            **fields,
        )
    return services.activity_update(
        actor=request.user,
        activity=activity,
        expected_version=data["version"] or 0,
        goals=data["goals"],
        municipalities=data["municipalities"],
        **fields,
    )


def _creatable_bodies(user, cooperation, year):
    """The networks (working groups, the secretariat) without an action plan for `year` whose plan `user` may
    create: a network lead their own network's, the secretariat any."""
    taken = ActionPlan.objects.filter(cooperation=cooperation, year=year).values_list("body_id", flat=True)
    bodies = Body.objects.filter(cooperation=cooperation, kind__in=ACTION_PLAN_KINDS).exclude(pk__in=taken)
    return [
        b for b in bodies.order_by("name") if can(user, "add", ActionPlan(cooperation=cooperation, body=b, year=year))
    ]


@login_required
@with_cooperation
def action_plan_create(request, cooperation, year):
    if not 1900 <= year <= 2200:
        raise Http404
    bodies = _creatable_bodies(request.user, cooperation, year)
    if not bodies:
        raise Http404
    initial = {"body": next((b for b in bodies if b.slug == request.GET.get("natverk")), None)}
    form = ActionPlanCreateForm(request.POST or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ap = services.action_plan_create(
                actor=request.user,
                cooperation=cooperation,
                year=year,
                body=form.cleaned_data["body"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action plan was created. Add its activities."))
            return redirect(ap.get_absolute_url())
    return render(request, "plans/action_plan_create.html", {"form": form, "year": year})


def _missing_plan_redirect(request, cooperation, year, body_slug):
    """No action plan yet: one who may create it is sent to do so (was a 404); anyone else gets the 404."""
    body = Body.objects.filter(cooperation=cooperation, slug=body_slug, kind__in=ACTION_PLAN_KINDS).first()
    if body is None or not 1900 <= year <= 2200:
        raise Http404
    if not can(request.user, "add", ActionPlan(cooperation=cooperation, body=body, year=year)):
        raise Http404
    if ActionPlan.objects.filter(body=body, year=year).exists():
        raise Http404
    from django.urls import reverse

    return redirect(reverse("plans:action_plan_create", args=[cooperation.slug, year]) + f"?natverk={body.slug}")


@login_required
@with_cooperation
def activity_create(request, cooperation, year, body_slug):
    if not ActionPlan.objects.filter(cooperation=cooperation, year=year, body__slug=body_slug).exists():
        return _missing_plan_redirect(request, cooperation, year, body_slug)
    ap = _action_plan_or_404(cooperation, year, body_slug)
    if not can(request.user, "add", Activity(action_plan=ap)):
        raise Http404
    form = ActivityForm(request.POST or None, action_plan=ap, goal_queryset=_goal_queryset(cooperation, year))
    if request.method == "POST" and form.is_valid():
        try:
            _activity_form_save(request, form, action_plan=ap)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(ap.get_absolute_url())
    return render(request, "plans/activity_form.html", {"form": form, "action_plan": ap, "activity": None})


@login_required
@with_cooperation
def activity_edit(request, cooperation, pk):
    activity = get_in_cooperation_or_404(selectors.activities_queryset(), cooperation, pk=pk)
    if not can(request.user, "change", activity):
        raise Http404
    ap = activity.action_plan
    initial = {
        "title": activity.title,
        "description": activity.description,
        "owner_membership": activity.owner_membership,
        "start": activity.start,
        "due": activity.due,
        "status": activity.status,
        "goals": list(activity.goals.all()),
        "municipalities": list(activity.municipalities.all()),
        "version": activity.version,
    }
    form = ActivityForm(
        request.POST or None, initial=initial, action_plan=ap, goal_queryset=_goal_queryset(cooperation, ap.year)
    )
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            _activity_form_save(request, form, action_plan=ap, activity=activity)
        except services.StaleEdit as exc:
            newer = exc.current
            form.add_error(None, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect(ap.get_absolute_url())
    history = activity.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "plans/activity_form.html",
        {
            "form": form,
            "action_plan": ap,
            "activity": activity,
            "newer": newer,
            "history": history,
        },
    )


@with_cooperation
def activities(request, cooperation):
    filters = {
        "year": _int(request.GET.get("year"), lowest=1, highest=9998),
        "network": request.GET.get("network") or None,
        "goal": _int(request.GET.get("goal")),
        "status": request.GET.get("status") if request.GET.get("status") in Status.values else None,
        "municipality": request.GET.get("municipality") or None,
    }
    rows = selectors.activity_list(cooperation, **filters)
    years = sorted(set(ActionPlan.objects.filter(cooperation=cooperation).values_list("year", flat=True)), reverse=True)
    programme = selectors.programme_for_year(cooperation, filters["year"] or (years[0] if years else 2000))
    return render(
        request,
        "plans/activities.html",
        {
            "activities": rows,
            "filters": filters,
            "years": years,
            "networks": Body.objects.filter(cooperation=cooperation, action_plans__isnull=False)
            .distinct()
            .order_by("name"),
            "goal_tree": selectors.goals_of(programme),
            "statuses": Status.choices,
            **_edit_scope(request, cooperation),
            "municipalities": Municipality.objects.filter(memberships_in_cooperations__cooperation=cooperation)
            .distinct()
            .order_by("name"),
        },
    )


def _int(value, *, lowest=0, highest=2**31 - 1):
    """A whole number from a query parameter, or None when it is missing, not a number or out of range
    (a year of 10000 or an id beyond the database's integer range must not reach the database)."""
    return int_or_none(value, lowest=lowest, highest=highest)


# --- Follow-up ----------------------------------------------------------------------------------


@with_cooperation
def rounds(request, cooperation):
    probe = FollowUpRound(cooperation=cooperation)
    may_open = can(request.user, "add", probe)
    form = RoundOpenForm(request.POST or None) if may_open else None
    if request.method == "POST":
        if not may_open:
            raise Http404
        if form.is_valid():
            try:
                rnd = services.round_open(actor=request.user, cooperation=cooperation, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The follow-up round was opened."))
                return redirect(rnd.get_absolute_url())
    return render(request, "plans/rounds.html", {"rounds": selectors.rounds_of(cooperation), "form": form})


def _round_or_404(cooperation, round_id):
    return get_object_or_404(FollowUpRound.objects.select_related("cooperation"), cooperation=cooperation, pk=round_id)


@with_cooperation
def round_detail(request, cooperation, round_id):
    rnd = _round_or_404(cooperation, round_id)
    context = selectors.round_dashboard(rnd)
    user = request.user
    lead_bodies = set()
    if user.is_authenticated:
        from plans.rules import lead_body_ids

        lead_bodies = lead_body_ids(user, cooperation)
    context.update(
        {
            "round": rnd,
            "can_close": rnd.is_open and can(user, "change", rnd),
            "can_reopen": not rnd.is_open and can(user, "change", rnd),
            "reopenings": list(rnd.reopenings.select_related("reopened_by")),
            "can_assess": rnd.is_open and can(user, "change", GoalAssessment(round=rnd)),
            "lead_bodies": lead_bodies,
            "is_secretariat": can(user, "change", rnd),
        }
    )
    return render(request, "plans/round.html", context)


@login_required
@with_cooperation
def round_close(request, cooperation, round_id):
    """Closing asks for confirmation first and lists the networks that have not reported."""
    rnd = _round_or_404(cooperation, round_id)
    if not can(request.user, "change", rnd):
        raise Http404
    if not rnd.is_open:
        messages.error(request, _("The round is already closed."))
        return redirect(rnd.get_absolute_url())
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.round_close(actor=request.user, round=rnd)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The follow-up round was closed."))
        return redirect(rnd.get_absolute_url())
    progress = selectors.round_dashboard(rnd)["progress"]
    return render(
        request,
        "plans/round_close.html",
        {
            "round": rnd,
            "missing": [row for row in progress if not row.complete],
        },
    )


@login_required
@with_cooperation
def round_reopen(request, cooperation, round_id):
    """A closed round is opened again only with a reason."""
    rnd = _round_or_404(cooperation, round_id)
    if not can(request.user, "change", rnd):
        raise Http404
    errors: list[str] = []
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            services.round_reopen(actor=request.user, round=rnd, reason=reason)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The follow-up round was reopened."))
            return redirect(rnd.get_absolute_url())
    return render(
        request,
        "plans/round_reopen.html",
        {"round": rnd, "errors": errors, "reason": reason},
        status=400 if errors else 200,
    )


def _network_or_404(cooperation, body_slug):
    return get_object_or_404(Body, cooperation=cooperation, slug=body_slug)


def _report_access_or_404(request, cooperation, round_id, body_slug):
    """The round and network, if the user may report for that network (its lead or the secretariat)."""
    rnd = _round_or_404(cooperation, round_id)
    body = _network_or_404(cooperation, body_slug)
    ap = ActionPlan(cooperation=cooperation, body=body, year=rnd.year)
    if not can(request.user, "change", ActivityReport(round=rnd, activity=Activity(action_plan=ap))):
        raise Http404
    return rnd, body


@login_required
@with_cooperation
def report(request, cooperation, round_id, body_slug):
    """A network lead's report: status and comment per activity, values of the network's indicators."""
    rnd, body = _report_access_or_404(request, cooperation, round_id, body_slug)
    activity_rows, indicator_rows = selectors.network_report_rows(rnd, body)
    errors: list[str] = []
    if request.method == "POST":
        if not rnd.is_open:
            errors.append(_("The follow-up round is closed; its reports can no longer be changed."))
        else:
            errors = _save_report(request, rnd, activity_rows, indicator_rows)
            if not errors:
                messages.success(request, _("The report was saved."))
                return redirect(request.path)
    return render(
        request,
        "plans/report.html",
        {
            "round": rnd,
            "body": body,
            "activity_rows": activity_rows,
            "indicator_rows": indicator_rows,
            "errors": errors,
            "statuses": Status.choices,
            "import_form": ImportForm(),
            "post": request.POST,
        },
    )


def _save_report(request, rnd, activity_rows, indicator_rows) -> list[str]:
    post = request.POST
    activities = [
        (
            activity,
            post[f"status-{activity.pk}"],
            post.get(f"comment-{activity.pk}", ""),
            _int(post.get(f"version-{activity.pk}")) or 0,
        )
        for activity, _report in activity_rows
        if post.get(f"status-{activity.pk}")
    ]
    indicators = [
        (
            indicator,
            post.get(f"value-{indicator.pk}", "").strip(),
            post.get(f"icomment-{indicator.pk}", ""),
            _int(post.get(f"iversion-{indicator.pk}")) or 0,
        )
        for indicator, _value in indicator_rows
        if post.get(f"value-{indicator.pk}", "").strip()
    ]
    try:
        services.network_report_save(actor=request.user, round=rnd, activities=activities, indicators=indicators)
    except ValidationError as exc:
        return exc.messages
    return []


@login_required
@with_cooperation
def report_export(request, cooperation, round_id, body_slug, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    rnd, body = _report_access_or_404(request, cooperation, round_id, body_slug)
    rows = exchange.export_rows(rnd, body)
    name = f"uppfoljning-{rnd.year}-{rnd.period}-{body.slug}"
    if fmt == "xlsx":
        return file_response(exchange.to_xlsx(rows), f"{name}.xlsx", XLSX_CONTENT_TYPE)
    return file_response(exchange.to_csv(rows), f"{name}.csv", CSV_CONTENT_TYPE)


@login_required
@require_POST
@with_cooperation
def report_import(request, cooperation, round_id, body_slug):
    rnd, body = _report_access_or_404(request, cooperation, round_id, body_slug)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to import."))
        return redirect("plans:report", cooperation.slug, rnd.pk, body.slug)
    upload = form.cleaned_data["file"]
    try:
        saved = exchange.import_report(
            actor=request.user, rnd=rnd, body=body, content=upload.read(), filename=upload.name
        )
    except exchange.ImportFailed as exc:
        for message in exc.row_errors:
            messages.error(request, message)
        messages.error(request, _("Nothing was imported."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        messages.error(request, _("Nothing was imported."))
    else:
        messages.success(
            request, ngettext("%(n)s row was imported.", "%(n)s rows were imported.", saved) % {"n": saved}
        )
    return redirect("plans:report", cooperation.slug, rnd.pk, body.slug)


@login_required
@with_cooperation
def assess(request, cooperation, round_id):
    rnd = _round_or_404(cooperation, round_id)
    if not can(request.user, "change", GoalAssessment(round=rnd)):
        raise Http404
    dashboard = selectors.round_dashboard(rnd)
    errors: list[str] = []
    if request.method == "POST":
        post = request.POST
        assessments = [
            (g, post[f"grade-{g.pk}"], post.get(f"motivation-{g.pk}", ""), _int(post.get(f"version-{g.pk}")) or 0)
            for goal, subgoals in dashboard["goal_tree"]
            for g in [goal, *subgoals]
            if post.get(f"grade-{g.pk}")
        ]
        try:
            services.goal_assessments_save(actor=request.user, round=rnd, assessments=assessments)
        except ValidationError as exc:
            errors = exc.messages
        if not errors:
            messages.success(request, _("The assessments were saved."))
            return redirect(rnd.get_absolute_url())
    dashboard.update(
        {
            "round": rnd,
            "errors": errors,
            "grades": GRADE_CHOICES,
            "post": request.POST,
            "decides": services.assessment_decider(request.user, cooperation),
        }
    )
    return render(request, "plans/assess.html", dashboard)


# --- Evaluation ---------------------------------------------------------------------------------


def _evaluation(cooperation, year):
    context = selectors.evaluation_context(cooperation, year)
    if context["round"] is None and not context["activities"]:
        raise Http404
    context["title"] = _("Follow-up and evaluation %(year)s") % {"year": year}
    return context


@with_cooperation
def evaluation(request, cooperation, year):
    return render(request, "plans/evaluation.html", _evaluation(cooperation, year))


@with_cooperation
def evaluation_pdf(request, cooperation, year):
    context = _evaluation(cooperation, year)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"plans.evaluation:{year}:pdf",
        filename=safe_filename(context["title"], "pdf"),
        content_type=PDF_CONTENT_TYPE,
        render=lambda: render_document_pdf(documents.evaluation_document(context)),
    )


@with_cooperation
def evaluation_docx(request, cooperation, year):
    context = _evaluation(cooperation, year)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"plans.evaluation:{year}:docx",
        filename=safe_filename(context["title"], "docx"),
        content_type=DOCX_CONTENT_TYPE,
        render=lambda: render_document_docx(documents.evaluation_document(context)),
    )


# ---- the secretariat's operating plan page: sections and approval ------------------------------------------


@login_required
@with_cooperation
def plan_edit(request, cooperation, year):
    from meetings.models import Meeting
    from organisations.access import may_act_for

    if not 1900 <= year <= 2200 or not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404
    plan = OperatingPlan.objects.filter(cooperation=cooperation, year=year).first()
    errors = []
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "save":
                fields = {
                    name: request.POST.get(name, "").strip()
                    for name, _title in plan_template.text_sections(cooperation, year=year)
                }
                fields["title"] = request.POST.get("title", "").strip() or _("Operating plan %(year)s") % {"year": year}
                if plan is None or plan.programme_id is None:
                    fields["programme"] = selectors.programme_for_year(cooperation, year)
                services.operating_plan_save(actor=request.user, cooperation=cooperation, year=year, **fields)
                messages.success(request, _("The operating plan was saved."))
            elif op == "approve" and plan is not None:
                body = Body.objects.filter(cooperation=cooperation, pk=int_or_none(request.POST.get("body"))).first()
                meeting = Meeting.objects.filter(
                    body__cooperation=cooperation, pk=int_or_none(request.POST.get("meeting"))
                ).first()
                services.operating_plan_approve(actor=request.user, plan=plan, body=body, meeting=meeting)
                messages.success(request, _("The approval was recorded."))
            else:
                raise Http404
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            return redirect("plans:edit", cooperation.slug, year)
    sections = [
        (name, title, getattr(plan, name, "") if plan else "")
        for name, title in plan_template.text_sections(
            cooperation, year=year, vision_year=plan.vision_year if plan else None
        )
    ]
    meetings = (
        Meeting.objects.filter(body__cooperation=cooperation, date__year__in=[year - 1, year])
        .select_related("body")
        .order_by("date")
    )
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "year": year,
            "sections": sections,
            "errors": errors,
            "bodies": Body.objects.filter(cooperation=cooperation).order_by("name"),
            "meetings": meetings,
        },
    )


# ---- the secretariat's template of the operating plan (the cooperation's own sections, issue 15) ------------


@login_required
@with_cooperation
def plan_template_edit(request, cooperation):
    """Which sections the cooperation's operating plans have, in which order and under which headings."""
    from organisations.access import may_act_for
    from organisations.services import cooperation_vocabulary_update

    if not may_act_for(request.user, cooperation, "secretariat"):
        raise Http404
    errors = []
    current = plan_template.template_of(cooperation)
    if request.method == "POST":
        try:
            if request.POST.get("op") == "reset":
                stored = []
            else:
                chosen = []
                for index, key in enumerate(plan_template.KEYS):
                    if request.POST.get(f"{key}-on"):
                        order = int_or_none(request.POST.get(f"{key}-order"))
                        chosen.append((order if order is not None else 100 + index, index, key))
                entries = [
                    plan_template.TemplateSection(key, request.POST.get(f"{key}-heading", ""))
                    for _order, _index, key in sorted(chosen)
                ]
                stored = plan_template.validate(entries)
            cooperation_vocabulary_update(actor=request.user, cooperation=cooperation, plan_sections=stored)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, _("The template of the operating plan was saved."))
            return redirect("plans:template", cooperation.slug)
    position = {entry.key: (number, entry.heading) for number, entry in enumerate(current, start=1)}
    rows = [
        {
            "key": key,
            "on": key in position,
            "order": position.get(key, (None, ""))[0] or "",
            "heading": position.get(key, (None, ""))[1],
            "default": plan_template.default_heading(key, year="{år}", vision_year="{visionsår}"),
        }
        for key in sorted(plan_template.KEYS, key=lambda k: (position.get(k, (99, ""))[0], plan_template.KEYS.index(k)))
    ]
    return render(
        request,
        "plans/plan_template.html",
        {
            "rows": rows,
            "errors": errors,
            "is_default": not cooperation.plan_sections,
        },
        status=400 if errors else 200,
    )
