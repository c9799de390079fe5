"""Pages of the register of joint arrangements: public register pages (overview, one per kind, the
participation matrix, an arrangement's page, a jointly owned organisation's owner steering) and the
secretariat's pages to register and edit (no admin). Thin: services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arrangements import documents, selectors, services
from arrangements.forms import (
    AgreementForm,
    CommitteeMinutesForm,
    DialogueForm,
    OwnerDecisionForm,
    OwnerShareForm,
    ProcurementForm,
    ProjectForm,
    VersionForm,
    jointly_owned_choices,
)
from arrangements.models import AgreementVersion, OwnerDecision
from core import uploads
from core.access import get_in_cooperation_or_404
from core.documents import docx_response, file_response, pdf_response, safe_filename
from core.exports import XLSX_CONTENT_TYPE
from core.forms import add_service_errors
from organisations import services as organisation_services
from organisations.access import may_act_for
from organisations.decorators import with_cooperation
from organisations.models import JointArrangement, Municipality, Organisation, OwnerSteeringRecord
from programme import selectors as programme_selectors
from programme import services as programme_services
from programme.forms import AdoptionStepForm, SendOutForm

Kind = JointArrangement.Kind
KIND_SLUGS = {
    "upphandlingar": Kind.PROCUREMENT,
    "avtal": Kind.AGREEMENT,
    "eu-projekt": Kind.EU_PROJECT,
    "ovriga-projekt": Kind.OTHER,
}


def _is_secretariat(request, cooperation) -> bool:
    return may_act_for(request.user, cooperation, "secretariat")


def _require_secretariat(request, cooperation) -> None:
    if not _is_secretariat(request, cooperation):
        raise Http404


# ---- public pages ------------------------------------------------------------------------------------


@with_cooperation
def overview(request, cooperation):
    labels = selectors.kind_labels()
    counts = {k: 0 for k in KIND_SLUGS.values()}
    for a in JointArrangement.objects.filter(cooperation=cooperation).values_list("kind", flat=True):
        counts[a] = counts.get(a, 0) + 1
    sections = [
        {"slug": slug, "label": labels[kind], "count": counts.get(kind, 0)} for slug, kind in KIND_SLUGS.items()
    ]
    orgs = list(selectors.jointly_owned(cooperation))
    return render(
        request,
        "arrangements/overview.html",
        {
            "sections": sections,
            "organisations": orgs,
            "is_secretariat": _is_secretariat(request, cooperation),
        },
    )


@with_cooperation
def register(request, cooperation, kind_slug):
    kind = KIND_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    return render(
        request,
        "arrangements/register.html",
        {
            "kind": kind,
            "kind_slug": kind_slug,
            "heading": selectors.kind_labels()[kind],
            "rows": selectors.arrangements(cooperation, kind),
            "is_secretariat": _is_secretariat(request, cooperation),
        },
    )


def _matrix_filters(request, cooperation):
    kind = request.GET.get("slag", "")
    if kind not in {*selectors.kind_labels(), ""}:
        kind = ""
    role = request.GET.get("roll", "")
    if role not in {*selectors.role_labels(), ""}:
        role = ""
    municipality = None
    code = request.GET.get("kommun", "")
    if code:
        municipality = cooperation.current_members().filter(code=code).first()
    return kind, role, municipality


@with_cooperation
def matrix(request, cooperation):
    kind, role, municipality = _matrix_filters(request, cooperation)
    members, rows = selectors.participation_matrix(cooperation, kind=kind, municipality=municipality, role=role)
    return render(
        request,
        "arrangements/matrix.html",
        {
            "members": members,
            "rows": rows,
            "kinds": selectors.kind_labels(),
            "roles": selectors.role_labels(),
            "kind": kind,
            "role": role,
            "municipality": municipality,
            "query": request.GET.urlencode(),
            "all_members": cooperation.current_members(),
        },
    )


@with_cooperation
def matrix_xlsx(request, cooperation):
    kind, role, municipality = _matrix_filters(request, cooperation)
    members, rows = selectors.participation_matrix(cooperation, kind=kind, municipality=municipality, role=role)
    return file_response(
        documents.matrix_xlsx(cooperation, members, rows), f"deltagande-{cooperation.slug}.xlsx", XLSX_CONTENT_TYPE
    )


def _arrangement_or_404(cooperation, slug):
    return get_in_cooperation_or_404(selectors.arrangements(cooperation), cooperation, slug=slug)


@with_cooperation
def detail(request, cooperation, arrangement_slug):
    a = _arrangement_or_404(cooperation, arrangement_slug)
    versions = []
    agreement = getattr(a, "agreement", None) if a.kind == Kind.AGREEMENT else None
    if agreement is not None:
        versions = selectors.version_rows(agreement, request.user)
    return render(
        request,
        "arrangements/detail.html",
        {
            "a": a,
            "procurement": getattr(a, "procurement", None) if a.kind == Kind.PROCUREMENT else None,
            "agreement": agreement,
            "versions": versions,
            "project": getattr(a, "project", None) if a.kind in (Kind.EU_PROJECT, Kind.OTHER) else None,
            "roles": selectors.role_labels(),
            "is_secretariat": _is_secretariat(request, cooperation),
            "kind_slug": next(s for s, k in KIND_SLUGS.items() if k == a.kind),
        },
    )


def _version_or_404(request, cooperation, arrangement_slug, number):
    a = _arrangement_or_404(cooperation, arrangement_slug)
    if a.kind != Kind.AGREEMENT or not hasattr(a, "agreement"):
        raise Http404
    v = get_object_or_404(
        AgreementVersion.objects.visible_to(request.user).select_related("adoption_round"),
        agreement=a.agreement,
        number=number,
    )
    return a, v


@with_cooperation
def version_file(request, cooperation, arrangement_slug, number):
    a, v = _version_or_404(request, cooperation, arrangement_slug, number)
    return uploads.file_response(v.file, uploads.download_name(slugify(f"{a.name} {v.title}") or "avtal", v.file))


@with_cooperation
def owner_steering(request, cooperation, org_slug):
    org = get_in_cooperation_or_404(
        Organisation.objects.filter(kind__in=Organisation.JOINTLY_OWNED_KINDS).select_related("host_municipality"),
        cooperation,
        slug=org_slug,
    )
    is_secretariat = _is_secretariat(request, cooperation)
    which = request.POST.get("form", "")
    form = share_form = minutes_form = None
    if is_secretariat:
        form = DialogueForm(request.POST if which == "dialogue" else None)
        share_form = OwnerShareForm(
            request.POST if which == "owner" else None, prefix="owner", members=_members(cooperation)
        )
        if org.kind == Organisation.Kind.JOINT_COMMITTEE:
            minutes_form = CommitteeMinutesForm(
                request.POST if which == "minutes" else None, request.FILES or None, prefix="minutes"
            )
    if request.method == "POST":
        if not is_secretariat:
            raise Http404
        try:
            if which == "owner" and share_form.is_valid():
                organisation_services.ownership_set(actor=request.user, organisation=org, **share_form.cleaned_data)
                messages.success(request, _("The owner's share has been saved."))
                return redirect("arrangements:owner_steering", cooperation.slug, org.slug)
            if which == "minutes" and minutes_form is not None and minutes_form.is_valid():
                services.committee_minutes_add(actor=request.user, organisation=org, **minutes_form.cleaned_data)
                messages.success(request, _("The minutes have been registered."))
                return redirect("arrangements:owner_steering", cooperation.slug, org.slug)
            if which == "dialogue" and form.is_valid():
                record = services.owner_dialogue_save(actor=request.user, organisation=org, **form.cleaned_data)
                messages.success(request, _("The owner dialogue has been saved."))
                return redirect("arrangements:dialogue", cooperation.slug, org.slug, record.pk)
        except ValidationError as exc:
            add_service_errors({"owner": share_form, "minutes": minutes_form}.get(which, form), exc)
    return render(
        request,
        "arrangements/owner_steering.html",
        {
            "org": org,
            "records": selectors.dialogues(org),
            "form": form,
            "minutes_form": minutes_form,
            "share_form": share_form,
            "committee_minutes": org.committee_minutes.all(),
            "is_secretariat": is_secretariat,
            "ownerships": org.ownerships.select_related("owner_municipality", "owner_organisation"),
        },
    )


@with_cooperation
def directive_document(request, cooperation, org_slug, pk, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    record = get_in_cooperation_or_404(
        OwnerSteeringRecord.objects.select_related("organisation"),
        cooperation,
        pk=pk,
        organisation__slug=org_slug,
        kind=OwnerSteeringRecord.Kind.DIRECTIVE,
    )
    org = record.organisation
    doc = documents.owner_directive_document(
        cooperation,
        org,
        record,
        list(org.ownerships.select_related("owner_municipality", "owner_organisation")),
        list(OwnerDecision.objects.filter(record=record).select_related("municipality")),
    )
    name = safe_filename(f"agardirektiv {org.short_name or org.name} {record.date}", fmt)
    if fmt == "pdf":
        return pdf_response(doc, name)
    return docx_response(doc, name)


# ---- the secretariat's pages ---------------------------------------------------------------------------


def _members(cooperation):
    return cooperation.current_members().order_by("name")


@login_required
@with_cooperation
def procurement_edit(request, cooperation, arrangement_slug=None):
    _require_secretariat(request, cooperation)
    procurement, initial, current = None, {}, {}
    if arrangement_slug:
        a = _arrangement_or_404(cooperation, arrangement_slug)
        procurement = getattr(a, "procurement", None) if a.kind == Kind.PROCUREMENT else None
        if procurement is None:
            raise Http404
        initial = {
            "name": a.name,
            "description": a.description,
            "lead": a.lead_municipality,
            **{
                f: getattr(procurement, f)
                for f in (
                    "subject",
                    "status",
                    "contract_start",
                    "contract_end",
                    "extension_until",
                    "notice_date",
                    "notice_url",
                )
            },
            "value": procurement.value if procurement.value is not None else "",
        }
        current = {p.municipality_id: p.role for p in a.participations.all()}
    form = ProcurementForm(request.POST or None, initial=initial, members=_members(cooperation), current_roles=current)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("role_")}
        try:
            p = services.procurement_save(
                actor=request.user, cooperation=cooperation, roles=form.roles(), procurement=procurement, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The procurement has been saved."))
            return redirect("arrangements:detail", cooperation.slug, p.arrangement.slug)
    return render(
        request,
        "arrangements/form.html",
        {"form": form, "heading": _("Change the procurement") if procurement else _("Register a joint procurement")},
    )


@login_required
@with_cooperation
def project_edit(request, cooperation, arrangement_slug=None):
    _require_secretariat(request, cooperation)
    project, initial, current = None, {}, {}
    if arrangement_slug:
        a = _arrangement_or_404(cooperation, arrangement_slug)
        project = getattr(a, "project", None) if a.kind in (Kind.EU_PROJECT, Kind.OTHER) else None
        if a.kind not in (Kind.EU_PROJECT, Kind.OTHER):
            raise Http404
        initial = {
            "name": a.name,
            "kind": a.kind,
            "description": a.description,
            "lead": a.lead_municipality,
            "start_year": a.start_year,
            "end_year": a.end_year,
        }
        if project is not None:
            initial.update(
                funding=project.funding,
                budget=project.budget if project.budget is not None else "",
                partners=project.partners,
                results=project.results,
            )
        else:
            # A project registered before it had its own fields (e.g. from the seeds): they are added now.
            from arrangements.models import Project

            project = Project(arrangement=a)
        current = {p.municipality_id: p.role for p in a.participations.all()}
    form = ProjectForm(request.POST or None, initial=initial, members=_members(cooperation), current_roles=current)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("role_")}
        try:
            p = services.project_save(
                actor=request.user, cooperation=cooperation, roles=form.roles(), project=project, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("arrangements:detail", cooperation.slug, p.arrangement.slug)
    return render(
        request,
        "arrangements/form.html",
        {"form": form, "heading": _("Change the project") if arrangement_slug else _("Register a project")},
    )


@login_required
@with_cooperation
def agreement_edit(request, cooperation, arrangement_slug=None):
    _require_secretariat(request, cooperation)
    agreement, initial = None, {}
    if arrangement_slug:
        a = _arrangement_or_404(cooperation, arrangement_slug)
        agreement = getattr(a, "agreement", None) if a.kind == Kind.AGREEMENT else None
        if agreement is None:
            raise Http404
        initial = {
            "name": a.name,
            "description": a.description,
            "lead": a.lead_municipality,
            "agreement_type": agreement.agreement_type,
            "organisation": agreement.organisation,
            "notice_months": agreement.notice_months,
            "parties": [p.municipality for p in a.participations.all() if p.role == "party"],
        }
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        members=_members(cooperation),
        organisations=jointly_owned_choices(cooperation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.agreement_save(
                actor=request.user, cooperation=cooperation, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect("arrangements:detail", cooperation.slug, saved.arrangement.slug)
    return render(
        request,
        "arrangements/form.html",
        {"form": form, "heading": _("Change the agreement") if agreement else _("Register an agreement")},
    )


@login_required
@with_cooperation
def version_add(request, cooperation, arrangement_slug):
    _require_secretariat(request, cooperation)
    a = _arrangement_or_404(cooperation, arrangement_slug)
    if a.kind != Kind.AGREEMENT or not hasattr(a, "agreement"):
        raise Http404
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            v = services.agreement_version_add(actor=request.user, agreement=a.agreement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The new version has been saved as a draft. Send it out for adoption."))
            return redirect("arrangements:version_send", cooperation.slug, a.slug, v.number)
    return render(
        request,
        "arrangements/form.html",
        {"form": form, "multipart": True, "heading": _("New version of %(name)s") % {"name": a.name}},
    )


def _parties(a):
    ids = {p.municipality_id for p in a.participations.all() if p.role == "party"}
    if a.lead_municipality_id:
        ids.add(a.lead_municipality_id)
    return Municipality.objects.filter(pk__in=ids).order_by("name")


@login_required
@with_cooperation
def version_send(request, cooperation, arrangement_slug, number):
    _require_secretariat(request, cooperation)
    a, v = _version_or_404(request, cooperation, arrangement_slug, number)
    if v.adoption_round_id:
        return redirect("arrangements:version_round", cooperation.slug, a.slug, v.number)
    form = SendOutForm(request.POST or None, municipalities=_parties(a), initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_version_send(
                actor=request.user,
                version=v,
                sent_on=form.cleaned_data["sent_on"],
                deadline=form.cleaned_data["deadline"],
                members=form.chosen(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The version has been sent out for adoption to the parties' boards."))
            return redirect("arrangements:version_round", cooperation.slug, a.slug, v.number)
    return render(request, "arrangements/send_out.html", {"a": a, "v": v, "form": form})


@login_required
@with_cooperation
def version_round(request, cooperation, arrangement_slug, number):
    a, v = _version_or_404(request, cooperation, arrangement_slug, number)
    if not v.adoption_round_id or not (
        _is_secretariat(request, cooperation)
        or programme_selectors.recordable_municipality_ids(request.user, cooperation)
    ):
        raise Http404
    is_secretariat = _is_secretariat(request, cooperation)
    if request.method == "POST":
        if not is_secretariat:
            raise Http404
        sent = programme_services.adoption_reminders_send(actor=request.user, adoption_round=v.adoption_round)
        if sent:
            messages.success(
                request, _("Reminded: %(names)s.") % {"names": ", ".join(r.municipality.name for r in sent)}
            )
        else:
            messages.info(request, _("No reminder was sent: every party has decided or was reminded recently."))
        return redirect("arrangements:version_round", cooperation.slug, a.slug, v.number)
    row = next(r for r in selectors.version_rows(a.agreement, request.user) if r.version.pk == v.pk)
    return render(
        request,
        "arrangements/version_round.html",
        {
            "a": a,
            "v": v,
            "row": row,
            "rows": programme_selectors.round_overview(cooperation, v.adoption_round),
            "recordable": programme_selectors.recordable_municipality_ids(request.user, cooperation),
            "is_secretariat": is_secretariat,
        },
    )


@login_required
@with_cooperation
def record_adoption(request, cooperation, arrangement_slug, number, code):
    a, v = _version_or_404(request, cooperation, arrangement_slug, number)
    if not v.adoption_round_id:
        raise Http404
    recordable = programme_selectors.recordable_municipality_ids(request.user, cooperation)
    row = next(
        (r for r in programme_selectors.round_overview(cooperation, v.adoption_round) if r.municipality.code == code),
        None,
    )
    if row is None or not (recordable == "all" or row.municipality.pk in recordable):
        raise Http404
    form = AdoptionStepForm(
        request.POST or None,
        request.FILES or None,
        initial={"case_number": row.adoption.case_number, "deciding_body": row.adoption.deciding_body},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme_services.adoption_step_record(
                actor=request.user,
                adoption_round=v.adoption_round,
                municipality=row.municipality,
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
            return redirect("arrangements:version_round", cooperation.slug, a.slug, v.number)
    return render(request, "arrangements/record_adoption.html", {"a": a, "v": v, "row": row, "form": form})


@login_required
@with_cooperation
def dialogue(request, cooperation, org_slug, pk):
    _require_secretariat(request, cooperation)
    record = get_in_cooperation_or_404(
        OwnerSteeringRecord.objects.select_related("organisation"), cooperation, pk=pk, organisation__slug=org_slug
    )
    org = record.organisation
    owners = Municipality.objects.filter(ownerships__organisation=org).order_by("name")
    which = request.POST.get("form")
    form = DialogueForm(
        request.POST if which == "dialogue" else None,
        prefix="d",
        initial={"date": record.date, "title": record.title, "text": record.text, "minutes": record.minutes},
    )
    decision_form = OwnerDecisionForm(request.POST if which == "decision" else None, prefix="o", owners=owners)
    if request.method == "POST":
        try:
            if which == "dialogue" and form.is_valid():
                services.owner_dialogue_save(actor=request.user, organisation=org, record=record, **form.cleaned_data)
                messages.success(request, _("The owner dialogue has been saved."))
                return redirect("arrangements:dialogue", cooperation.slug, org.slug, record.pk)
            if which == "decision" and decision_form.is_valid():
                services.owner_decision_record(actor=request.user, record=record, **decision_form.cleaned_data)
                messages.success(request, _("The owner's decision has been recorded."))
                return redirect("arrangements:dialogue", cooperation.slug, org.slug, record.pk)
        except ValidationError as exc:
            add_service_errors(form if which == "dialogue" else decision_form, exc)
    return render(
        request,
        "arrangements/dialogue.html",
        {
            "org": org,
            "record": record,
            "form": form,
            "decision_form": decision_form,
            "decisions": record.owner_decisions.select_related("municipality"),
        },
    )
