from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import uploads
from core.access import get_in_cooperation_or_404
from core.docstore import stored_file
from core.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    render_document_docx,
    render_document_pdf,
    safe_filename,
)
from core.forms import add_service_errors
from core.params import int_or_404
from core.publication import is_visible_to, sees_drafts_of
from core.uploads import file_response
from organisations.decorators import with_cooperation
from organisations.models import Municipality
from programme import hooks, selectors, services
from programme.documents import programme_document
from programme.forms import AdoptionStepForm, NextVersionForm, SendOutForm
from programme.models import AdoptionStep, FocusArea, Goal, GoverningDocument, Programme


def _programme_or_404(cooperation, programme_slug, user):
    """The programme, if `user` may see it (a draft only for the cooperation's staff); else a 404."""
    return get_in_cooperation_or_404(
        Programme.objects.visible_to(user).select_related("replaces", "cooperation"), cooperation, slug=programme_slug
    )


@with_cooperation
def index(request, cooperation):
    programme = selectors.current_programme(cooperation, request.user)
    if programme is None:
        return render(request, "programme/empty.html", {})
    context = selectors.programme_context(cooperation, programme, request.user)
    context["is_index"] = True
    return render(request, "programme/programme_detail.html", context)


@with_cooperation
def detail(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    context = selectors.programme_context(cooperation, programme, request.user)
    return render(request, "programme/programme_detail.html", context)


@with_cooperation
def programme_list(request, cooperation):
    programmes, states = selectors.programme_states(cooperation)
    programmes = selectors.visible_programmes(cooperation, request.user, programmes)
    rows = [{"programme": p, "state": states[p.pk]} for p in programmes]
    return render(
        request,
        "programme/programme_list.html",
        {
            "rows": rows,
            "governing_documents": selectors.governing_documents(cooperation),
        },
    )


@with_cooperation
def goal_tree(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    rollup = hooks.goal_rollup(programme)  # from the plans app, when installed (plans/apps.py)
    areas = selectors.goal_tree(programme)
    if rollup:
        for area in areas:
            for goal in area.top_goals:
                goal.rollup = rollup.get(goal.pk)
                for sub in goal.children:
                    sub.rollup = rollup.get(sub.pk)
    return render(
        request,
        "programme/goal_tree.html",
        {
            "programme": programme,
            "areas": areas,
            "groups": selectors.goal_groups(areas, cooperation),
            "rollup": rollup,
            "state": selectors.programme_state(programme),
        },
    )


@with_cooperation
def audit(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    # Who made a change is the staff's business: the public change log shows what and when, not usernames.
    show_users = sees_drafts_of(request.user, cooperation)
    entries = selectors.programme_history(programme)
    if not show_users:
        for entry in entries:
            entry.user = ""
    return render(
        request,
        "programme/audit.html",
        {
            "programme": programme,
            "entries": entries,
            "show_users": show_users,
        },
    )


@with_cooperation
def extract(request, cooperation, step_id):
    """A municipality's protocol extract: shown wherever its programme is visible to the user."""
    step = get_in_cooperation_or_404(
        AdoptionStep.objects.select_related("adoption__municipality", "adoption__round__programme"),
        cooperation,
        pk=step_id,
    )
    programme = step.adoption.round.programme
    if programme is not None and not is_visible_to(programme, request.user):
        raise Http404
    name = f"protokollsutdrag-{slugify(step.adoption.municipality.name)}-{step.meeting_date.isoformat()}"
    return file_response(step.extract, uploads.download_name(name, step.extract))


@with_cooperation
def governing_document_file(request, cooperation, pk):
    document = get_in_cooperation_or_404(GoverningDocument.objects.all(), cooperation, pk=pk)
    name = slugify(document.title) or "styrdokument"
    return file_response(document.file, uploads.download_name(name, document.file))


@with_cooperation
def download_pdf(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"programme.programme:{programme.pk}:pdf",
        filename=safe_filename(programme.short_name or programme.name, "pdf"),
        content_type=PDF_CONTENT_TYPE,
        render=lambda: render_document_pdf(programme_document(cooperation, programme)),
    )


@with_cooperation
def download_docx(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    return stored_file(
        request,
        cooperation=cooperation,
        name=f"programme.programme:{programme.pk}:docx",
        filename=safe_filename(programme.short_name or programme.name, "docx"),
        content_type=DOCX_CONTENT_TYPE,
        render=lambda: render_document_docx(programme_document(cooperation, programme)),
    )


def _adoption_page(request, cooperation, programme_slug, code):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    state = selectors.programme_state(programme)
    if state.round is None:
        raise Http404
    municipality = get_object_or_404(Municipality, code=code, memberships_in_cooperations__cooperation=cooperation)
    recordable = selectors.recordable_municipality_ids(request.user, cooperation)
    if not (recordable == "all" or municipality.pk in recordable):
        raise Http404
    row = next(
        (r for r in selectors.adoption_matrix(cooperation, state.round) if r.municipality.pk == municipality.pk), None
    )
    if row is None:
        raise Http404
    return programme, state, municipality, row


@login_required
@with_cooperation
def record_adoption(request, cooperation, programme_slug, code):
    programme, state, municipality, row = _adoption_page(request, cooperation, programme_slug, code)
    initial = {
        "case_number": row.adoption.case_number if row.adoption else "",
        "deciding_body": row.adoption.deciding_body if row.adoption else "",
    }
    form = AdoptionStepForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_step_record(
                actor=request.user,
                adoption_round=state.round,
                municipality=municipality,
                kind=data["kind"],
                body_name=data["body_name"],
                meeting_date=data["meeting_date"],
                outcome=data["outcome"],
                paragraph=data["paragraph"],
                text=data["text"],
                extract=data["extract"],
                case_number=data["case_number"],
                deciding_body=data["deciding_body"],
            )
        except ValidationError as exc:
            form.add_validation_error(exc)
        else:
            messages.success(request, _("The step has been recorded."))
            return redirect("programme:record_adoption", cooperation.slug, programme.slug, municipality.code)
    return render(
        request,
        "programme/adoption_form.html",
        {
            "programme": programme,
            "state": state,
            "municipality": municipality,
            "row": row,
            "form": form,
        },
    )


@login_required
@with_cooperation
def correct_step(request, cooperation, programme_slug, code, step_id):
    programme, state, municipality, row = _adoption_page(request, cooperation, programme_slug, code)
    step = next((s for s in row.steps if s.pk == step_id), None)
    if step is None:
        raise Http404
    initial = {
        "case_number": row.adoption.case_number,
        "kind": step.kind,
        "body_name": step.body_name,
        "meeting_date": step.meeting_date,
        "paragraph": step.paragraph,
        "outcome": step.outcome,
        "text": step.text,
        "deciding_body": row.adoption.deciding_body,
    }
    form = AdoptionStepForm(request.POST or None, request.FILES or None, initial=initial)
    form.fields["case_number"].disabled = True
    form.fields["deciding_body"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_step_correct(
                actor=request.user,
                step=AdoptionStep.objects.select_related("adoption__round__cooperation", "adoption__municipality").get(
                    pk=step.pk
                ),
                kind=data["kind"],
                body_name=data["body_name"],
                meeting_date=data["meeting_date"],
                outcome=data["outcome"],
                paragraph=data["paragraph"],
                text=data["text"],
                extract=data["extract"],
            )
        except ValidationError as exc:
            form.add_validation_error(exc)
        else:
            messages.success(request, _("The step has been corrected."))
            return redirect("programme:record_adoption", cooperation.slug, programme.slug, municipality.code)
    return render(
        request,
        "programme/adoption_form.html",
        {
            "programme": programme,
            "state": state,
            "municipality": municipality,
            "row": row,
            "form": form,
            "step": step,
        },
    )


# ---- staff pages: goal tree, next version, sending out, reminders -------------------------------------------


def _staff_programme_or_404(request, cooperation, programme_slug):
    """The secretariat's pages: others get a 404 (anonymous users were sent to the login by login_required)."""
    if not selectors.may_edit(request.user, cooperation):
        raise Http404
    return _programme_or_404(cooperation, programme_slug, request.user)


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


TREE_OPS = {
    "add_area",
    "change_area",
    "delete_area",
    "move_area",
    "add_goal",
    "change_goal",
    "delete_goal",
    "move_goal",
}


def _tree_op(request, programme, op):
    """Run one edit of the goal tree posted from the edit page, through the services."""
    data = request.POST
    areas = FocusArea.objects.filter(programme=programme)
    if op == "add_area":
        return services.focus_area_create(
            actor=request.user,
            programme=programme,
            name=data.get("name", ""),
            group=data.get("group", ""),
            description=data.get("description", ""),
        )
    if op.endswith("_area"):
        area = get_object_or_404(areas, pk=int_or_404(data.get("area")))
        if op == "change_area":
            return services.focus_area_change(
                actor=request.user,
                area=area,
                name=data.get("name", ""),
                group=data.get("group", ""),
                description=data.get("description", ""),
            )
        if op == "delete_area":
            return services.focus_area_delete(actor=request.user, area=area)
        return services.tree_move(actor=request.user, item=area, direction=data.get("direction", ""))
    if op == "add_goal":
        area = get_object_or_404(areas, pk=int_or_404(data.get("area")))
        parent = None
        if data.get("parent"):
            parent = get_object_or_404(Goal.objects.filter(focus_area=area), pk=int_or_404(data.get("parent")))
        return services.goal_create(actor=request.user, focus_area=area, text=data.get("text", ""), parent=parent)
    goal = get_object_or_404(
        Goal.objects.filter(focus_area__programme=programme).select_related("focus_area__programme__cooperation"),
        pk=int_or_404(data.get("goal")),
    )
    if op == "change_goal":
        return services.goal_change(actor=request.user, goal=goal, text=data.get("text", ""))
    if op == "delete_goal":
        return services.goal_delete(actor=request.user, goal=goal)
    return services.tree_move(actor=request.user, item=goal, direction=data.get("direction", ""))


TREE_MESSAGES = {
    "add_area": gettext_lazy("The focus area was added."),
    "change_area": gettext_lazy("The focus area was saved."),
    "delete_area": gettext_lazy("The focus area was removed."),
    "move_area": gettext_lazy("The focus area was moved."),
    "add_goal": gettext_lazy("The goal was added."),
    "change_goal": gettext_lazy("The goal was saved."),
    "delete_goal": gettext_lazy("The goal was removed."),
    "move_goal": gettext_lazy("The goal was moved."),
}


@login_required
@with_cooperation
def edit_tree(request, cooperation, programme_slug):
    programme = _staff_programme_or_404(request, cooperation, programme_slug)
    errors = []
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op not in TREE_OPS:
            raise Http404
        try:
            _tree_op(request, programme, op)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, TREE_MESSAGES[op])
            anchor = request.POST.get("anchor", "")
            return redirect(request.path + (f"#{anchor}" if anchor.replace("-", "").isalnum() else ""))
    state = selectors.programme_state(programme)
    return render(
        request,
        "programme/edit_tree.html",
        {
            "programme": programme,
            "state": state,
            "areas": selectors.goal_tree(programme),
            "errors": errors,
            "editable": state.round is None,
            "group_choices": selectors.group_choices(cooperation),
        },
        status=200,
    )


@login_required
@with_cooperation
def next_version(request, cooperation, programme_slug):
    programme = _staff_programme_or_404(request, cooperation, programme_slug)
    year = timezone.localdate().year
    initial = {
        "name": programme.name,
        "short_name": programme.short_name,
        "slug": f"{programme.slug}-{year}"[:50],
        "year": year,
    }
    if programme.term_end_year:
        length = programme.term_end_year - (programme.term_start_year or programme.term_end_year)
        initial["term_start_year"] = year
        initial["term_end_year"] = year + length
    form = NextVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.programme_next_version(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The next version was started as a draft. Edit its goal tree, then send it out for adoption."),
            )
            return redirect("programme:edit_tree", cooperation.slug, new.slug)
    return render(request, "programme/next_version.html", {"programme": programme, "form": form})


@login_required
@with_cooperation
def send_out(request, cooperation, programme_slug):
    programme = _staff_programme_or_404(request, cooperation, programme_slug)
    state = selectors.programme_state(programme)
    if state.round is not None:
        return redirect("programme:adoption_round", cooperation.slug, programme.slug)
    form = SendOutForm(
        request.POST or None, municipalities=cooperation.current_members(), initial={"sent_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_round_send(
                actor=request.user,
                programme=programme,
                sent_on=form.cleaned_data["sent_on"],
                deadline=form.cleaned_data["deadline"],
                members=form.chosen(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The programme has been sent out for adoption."))
            return redirect("programme:adoption_round", cooperation.slug, programme.slug)
    return render(request, "programme/send_out.html", {"programme": programme, "form": form})


@login_required
@with_cooperation
def adoption_round(request, cooperation, programme_slug):
    programme = _staff_programme_or_404(request, cooperation, programme_slug)
    state = selectors.programme_state(programme)
    if state.round is None:
        raise Http404
    if request.method == "POST":
        sent = services.adoption_reminders_send(actor=request.user, adoption_round=state.round)
        if sent:
            messages.success(
                request,
                ngettext(
                    "%(n)d board that has not decided was reminded: %(names)s.",
                    "%(n)d boards that have not decided were reminded: %(names)s.",
                    len(sent),
                )
                % {"n": len(sent), "names": ", ".join(r.municipality.name for r in sent)},
            )
        else:
            messages.info(
                request,
                _("No reminder was sent: every board has decided or was reminded within the last %(days)d days.")
                % {"days": services.REMINDER_INTERVAL.days},
            )
        return redirect("programme:adoption_round", cooperation.slug, programme.slug)
    return render(
        request,
        "programme/adoption_round.html",
        {
            "programme": programme,
            "state": state,
            "rows": selectors.round_overview(cooperation, state.round),
            "interval": services.REMINDER_INTERVAL.days,
        },
    )
