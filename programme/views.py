from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import uploads
from core.access import get_in_cooperation_or_404
from core.documents import docx_response, pdf_response, safe_filename
from core.publication import is_visible_to, sees_drafts_of
from core.uploads import file_response
from organisations.decorators import with_cooperation
from organisations.models import Municipality
from programme import hooks, selectors, services
from programme.documents import programme_document
from programme.forms import AdoptionStepForm
from programme.models import AdoptionStep, GoverningDocument, Programme


def _programme_or_404(cooperation, programme_slug, user):
    """The programme, if `user` may see it (a draft only for the cooperation's staff); else a 404."""
    return get_in_cooperation_or_404(Programme.objects.visible_to(user).select_related("replaces", "cooperation"),
                                     cooperation, slug=programme_slug)


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
    return render(request, "programme/programme_list.html", {
        "rows": rows, "governing_documents": selectors.governing_documents(cooperation),
    })


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
    return render(request, "programme/goal_tree.html", {
        "programme": programme, "areas": areas, "groups": selectors.goal_groups(areas), "rollup": rollup,
        "state": selectors.programme_state(programme),
    })


@with_cooperation
def audit(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    # Who made a change is the staff's business: the public change log shows what and when, not usernames.
    show_users = sees_drafts_of(request.user, cooperation)
    entries = selectors.programme_history(programme)
    if not show_users:
        for entry in entries:
            entry.user = ""
    return render(request, "programme/audit.html", {
        "programme": programme, "entries": entries, "show_users": show_users,
    })


@with_cooperation
def extract(request, cooperation, step_id):
    """A municipality's protocol extract: shown wherever its programme is visible to the user."""
    step = get_in_cooperation_or_404(
        AdoptionStep.objects.select_related("adoption__municipality", "adoption__round__programme"),
        cooperation, pk=step_id,
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
    return pdf_response(programme_document(cooperation, programme),
                        safe_filename(programme.short_name or programme.name, "pdf"))


@with_cooperation
def download_docx(request, cooperation, programme_slug):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    return docx_response(programme_document(cooperation, programme),
                         safe_filename(programme.short_name or programme.name, "docx"))


def _adoption_page(request, cooperation, programme_slug, code):
    programme = _programme_or_404(cooperation, programme_slug, request.user)
    state = selectors.programme_state(programme)
    if state.round is None:
        raise Http404
    municipality = get_object_or_404(Municipality, code=code, memberships_in_cooperations__cooperation=cooperation)
    recordable = selectors.recordable_municipality_ids(request.user, cooperation)
    if not (recordable == "all" or municipality.pk in recordable):
        raise Http404
    row = next((r for r in selectors.adoption_matrix(cooperation, state.round) if r.municipality.pk == municipality.pk),
               None)
    if row is None:
        raise Http404
    return programme, state, municipality, row


@login_required
@with_cooperation
def record_adoption(request, cooperation, programme_slug, code):
    programme, state, municipality, row = _adoption_page(request, cooperation, programme_slug, code)
    initial = {"case_number": row.adoption.case_number if row.adoption else ""}
    form = AdoptionStepForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_step_record(
                actor=request.user, adoption_round=state.round, municipality=municipality, kind=data["kind"],
                body_name=data["body_name"], meeting_date=data["meeting_date"], outcome=data["outcome"],
                paragraph=data["paragraph"], text=data["text"], extract=data["extract"],
                case_number=data["case_number"],
            )
        except ValidationError as exc:
            form.add_validation_error(exc)
        else:
            messages.success(request, _("The step has been recorded."))
            return redirect("programme:record_adoption", cooperation.slug, programme.slug, municipality.code)
    return render(request, "programme/adoption_form.html", {
        "programme": programme, "state": state, "municipality": municipality, "row": row, "form": form,
    })


@login_required
@with_cooperation
def correct_step(request, cooperation, programme_slug, code, step_id):
    programme, state, municipality, row = _adoption_page(request, cooperation, programme_slug, code)
    step = next((s for s in row.steps if s.pk == step_id), None)
    if step is None:
        raise Http404
    initial = {
        "case_number": row.adoption.case_number, "kind": step.kind, "body_name": step.body_name,
        "meeting_date": step.meeting_date, "paragraph": step.paragraph, "outcome": step.outcome, "text": step.text,
    }
    form = AdoptionStepForm(request.POST or None, request.FILES or None, initial=initial)
    form.fields["case_number"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adoption_step_correct(
                actor=request.user, step=AdoptionStep.objects.select_related("adoption__round__cooperation",
                                                                             "adoption__municipality").get(pk=step.pk),
                kind=data["kind"], body_name=data["body_name"], meeting_date=data["meeting_date"],
                outcome=data["outcome"], paragraph=data["paragraph"], text=data["text"], extract=data["extract"],
            )
        except ValidationError as exc:
            form.add_validation_error(exc)
        else:
            messages.success(request, _("The step has been corrected."))
            return redirect("programme:record_adoption", cooperation.slug, programme.slug, municipality.code)
    return render(request, "programme/adoption_form.html", {
        "programme": programme, "state": state, "municipality": municipality, "row": row, "form": form,
        "step": step,
    })
