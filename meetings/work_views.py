"""The secretariat's meeting work pages (not the admin): new meeting, the meeting's work page (lifecycle, agenda,
papers, notice), agenda items, the minutes editor, approval, notice of approval and extracts. Views are thin: a
form parses, a service decides (permission, rules, audit); refused input comes back with the Swedish message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import can, get_in_cooperation_or_404
from core.errors import DomainError
from core.uploads import file_response
from meetings import extracts, forms, services
from meetings.models import AgendaItem, AgendaPaper, Attendance, Meeting, Minutes, MinutesApprover, Paragraph
from organisations.decorators import with_cooperation
from organisations.models import Body


def _form_error(form, exc: DomainError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _staff_meeting(request, cooperation, pk) -> Meeting:
    meeting = get_in_cooperation_or_404(Meeting.objects.select_related("body__cooperation", "host"), cooperation, pk=pk)
    if not can(request.user, "change", meeting):
        raise Http404
    return meeting


def meeting_url(meeting) -> str:
    return f"/{meeting.body.cooperation.slug}/kalender/mote/{meeting.pk}/arbete/"


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def meeting_new(request, cooperation):
    probe = Meeting(body=Body(cooperation=cooperation))
    if not can(request.user, "add", probe):
        raise Http404
    bodies = Body.objects.filter(cooperation=cooperation).order_by("kind", "name")
    form = forms.MeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("The meeting was saved as a draft: only staff can see it until it is published.")
            )
            return redirect(meeting_url(meeting))
    return render(request, "meetings/meeting_new.html", {"form": form})


def _work_context(request, meeting, **forms_given):
    items = list(
        meeting.agenda_items.prefetch_related("papers")
        .select_related("forwarded_from__meeting__body")
        .order_by("number")
    )
    forwarded_to = {
        i.forwarded_from_id: i
        for i in AgendaItem.objects.filter(forwarded_from__in=items).select_related("meeting__body")
    }
    for item in items:
        item.forwarded_copy = forwarded_to.get(item.pk)
    can_forward = services.forward_target(items[0]) is not None if items else False
    recipients = services.notice_recipients(meeting)
    return {
        "meeting": meeting,
        "items": items,
        "transitions": services.allowed_transitions(meeting),
        "agenda_open": meeting.status in services.AGENDA_OPEN,
        "can_forward": can_forward,
        "notice_possible": meeting.status in (Meeting.Status.PUBLISHED, Meeting.Status.NOTICE_SENT),
        "recipients": recipients,
        "without_email": [r for r in recipients if not r.person.email],
        "dispatches": list(meeting.dispatches.select_related("sent_by").order_by("-sent_at")),
        "minutes_list": list(meeting.minutes.order_by("pk")),
        "minutes_possible": meeting.status in services.MINUTES_OPEN and not meeting.minutes.exists(),
        "item_form": forms_given.get("item_form") or forms.AgendaItemForm(),
        "reschedule_form": forms_given.get("reschedule_form")
        or forms.RescheduleForm(
            initial={
                "date": meeting.date,
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "location": meeting.location,
            }
        ),
        "cancel_form": forms_given.get("cancel_form") or forms.CancelForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def meeting_work(request, cooperation, pk):
    meeting = _staff_meeting(request, cooperation, pk)
    given = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action in services.TRANSITIONS and action != "cancel":
                services.meeting_transition(actor=request.user, meeting=meeting, transition=action)
                messages.success(
                    request,
                    _("The meeting is now: %(status)s.")
                    % {"status": Meeting.objects.get(pk=meeting.pk).get_status_display()},
                )
                return redirect(meeting_url(meeting))
            if action == "cancel":
                form = given["cancel_form"] = forms.CancelForm(request.POST)
                if form.is_valid():
                    services.meeting_transition(
                        actor=request.user, meeting=meeting, transition="cancel", reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The meeting was cancelled."))
                    return redirect(meeting_url(meeting))
            elif action == "reschedule":
                form = given["reschedule_form"] = forms.RescheduleForm(request.POST)
                if form.is_valid():
                    services.meeting_reschedule(actor=request.user, meeting=meeting, **form.cleaned_data)
                    messages.success(request, _("The meeting was moved. Send the notice again to tell the members."))
                    return redirect(meeting_url(meeting))
            elif action == "add_item":
                form = given["item_form"] = forms.AgendaItemForm(request.POST)
                if form.is_valid():
                    item = AgendaItem(meeting=meeting, **form.cleaned_data)
                    services.agenda_item_save(actor=request.user, item=item)
                    messages.success(request, _("The agenda item was added."))
                    return redirect(meeting_url(meeting))
            elif action == "notice":
                dispatch = services.notice_send(actor=request.user, meeting=meeting)
                messages.success(
                    request, _("The notice was sent to %(n)s recipients.") % {"n": len(dispatch.recipients)}
                )
                return redirect(meeting_url(meeting))
            elif action == "start_minutes":
                minutes = services.minutes_start(actor=request.user, meeting=meeting)
                return redirect(f"/{cooperation.slug}/protokoll/{minutes.pk}/redigera/")
            else:
                raise Http404
        except DomainError as exc:
            form = next(iter(given.values()), None)
            if form is not None:
                _form_error(form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
        meeting.refresh_from_db()
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/meeting_work.html", _work_context(request, meeting, **given), status=status)


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def agenda_item(request, cooperation, pk, item_pk):
    meeting = _staff_meeting(request, cooperation, pk)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting)
    form = forms.AgendaItemForm(initial={f: getattr(item, f) for f in forms.AgendaItemForm.base_fields})
    paper_form = forms.PaperForm()
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "save":
                form = forms.AgendaItemForm(request.POST)
                if form.is_valid():
                    for name, value in form.cleaned_data.items():
                        setattr(item, name, value)
                    services.agenda_item_save(actor=request.user, item=item)
                    messages.success(request, _("The agenda item was saved."))
                    return redirect(meeting_url(meeting))
            elif action in ("up", "down"):
                services.agenda_item_move(actor=request.user, item=item, up=action == "up")
                return redirect(meeting_url(meeting))
            elif action == "delete":
                services.agenda_item_delete(actor=request.user, item=item)
                messages.success(request, _("The agenda item was removed."))
                return redirect(meeting_url(meeting))
            elif action == "forward":
                copy = services.agenda_item_forward(actor=request.user, item=item)
                messages.success(
                    request,
                    _("The item was put on the agenda of %(body)s on %(date)s.")
                    % {"body": copy.meeting.body.name, "date": copy.meeting.date},
                )
                return redirect(meeting_url(meeting))
            elif action == "upload":
                paper_form = forms.PaperForm(request.POST, request.FILES)
                if paper_form.is_valid():
                    services.agenda_paper_add(actor=request.user, item=item, upload=paper_form.cleaned_data["file"])
                    messages.success(request, _("The paper was added."))
                    return redirect(meeting_url(meeting))
            elif action == "delete_paper":
                paper = get_object_or_404(AgendaPaper, pk=request.POST.get("paper"), item=item)
                services.agenda_paper_delete(actor=request.user, paper=paper)
                return redirect(meeting_url(meeting))
            else:
                raise Http404
        except DomainError as exc:
            _form_error(paper_form if action == "upload" else form, exc)
            if action not in ("save", "upload"):
                messages.error(request, " ".join(exc.messages))
                return redirect(meeting_url(meeting))
    return render(
        request,
        "meetings/agenda_item.html",
        {"meeting": meeting, "item": item, "form": form, "paper_form": paper_form, "papers": list(item.papers.all())},
        status=400 if request.method == "POST" else 200,
    )


@with_cooperation
def paper_download(request, cooperation, pk):
    """A paper, only for those who may see its meeting (drafts: the cooperation's staff), as an attachment."""
    paper = get_in_cooperation_or_404(AgendaPaper.objects.select_related("item__meeting"), cooperation, pk=pk)
    if not Meeting.objects.visible_to(request.user).filter(pk=paper.item.meeting_id).exists():
        raise Http404
    return file_response(paper.file, paper.name)


# --- Minutes ---


def _minutes(request, cooperation, pk) -> Minutes:
    return get_in_cooperation_or_404(
        Minutes.objects.select_related("meeting__body__cooperation", "meeting__host"), cooperation, pk=pk
    )


def _names(minutes):
    return [a.name for a in minutes.attendance.all()]


@login_required
@require_http_methods(["GET", "POST"])
@with_cooperation
def minutes_edit(request, cooperation, pk):
    minutes = _minutes(request, cooperation, pk)
    if not can(request.user, "change", minutes):
        raise Http404
    if minutes.is_approved:
        messages.info(request, _("The minutes are approved and can no longer be changed."))
        return redirect(f"/{cooperation.slug}/protokoll/{minutes.pk}/")
    eligible = services.eligible_approvers(minutes)
    approver_ids = list(minutes.approver_rows.values_list("person_id", flat=True))
    head = forms.MinutesHeadForm(
        initial={"chair": minutes.chair, "secretary": minutes.secretary, "approval_place": minutes.approval_place},
        names=_names(minutes),
    )
    approvers = forms.ApproversForm(
        people=eligible,
        initial={
            "first": approver_ids[0] if approver_ids else None,
            "second": approver_ids[1] if len(approver_ids) > 1 else None,
        },
    )
    new_paragraph = forms.ParagraphForm(
        initial={"number": services.next_paragraph_number(minutes.meeting.body, minutes.meeting.date.year)},
        prefix="new",
    )
    other = forms.OtherPresentForm(prefix="other")
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "head":
                head = forms.MinutesHeadForm(request.POST, names=_names(minutes))
                if head.is_valid():
                    services.minutes_update(actor=request.user, minutes=minutes, **head.cleaned_data)
                    return _saved(request, minutes)
            elif action == "approvers":
                approvers = forms.ApproversForm(request.POST, people=eligible)
                if approvers.is_valid():
                    chosen = [p for p in (approvers.cleaned_data["first"], approvers.cleaned_data["second"]) if p]
                    services.minutes_set_approvers(actor=request.user, minutes=minutes, people=chosen)
                    return _saved(request, minutes)
            elif action == "attendance":
                rows = list(minutes.attendance.all())
                parsed = []
                for row in rows:
                    form = forms.AttendanceForm(request.POST, prefix=f"a{row.pk}")
                    if not form.is_valid():
                        raise DomainError(_("Check the attendance of %(name)s.") % {"name": row.name})
                    parsed.append((row, form.cleaned_data))
                for row, data in parsed:
                    if (row.category, row.replaces) != (data["category"], data["replaces"]):
                        services.attendance_update(actor=request.user, row=row, **data)
                return _saved(request, minutes)
            elif action == "add_other":
                other = forms.OtherPresentForm(request.POST, prefix="other")
                if other.is_valid():
                    services.attendance_add(
                        actor=request.user,
                        minutes=minutes,
                        category=Attendance.Category.OTHER,
                        order=999,
                        **other.cleaned_data,
                    )
                    return _saved(request, minutes)
            elif action == "add_paragraph":
                new_paragraph = forms.ParagraphForm(request.POST, prefix="new")
                if new_paragraph.is_valid():
                    services.paragraph_add(actor=request.user, minutes=minutes, **new_paragraph.cleaned_data)
                    return _saved(request, minutes)
            elif action in ("save_paragraph", "up", "down", "delete_paragraph"):
                paragraph = get_object_or_404(Paragraph, pk=request.POST.get("paragraph"), minutes=minutes)
                if action == "save_paragraph":
                    form = forms.ParagraphForm(request.POST, prefix=f"p{paragraph.pk}")
                    if not form.is_valid():
                        raise DomainError(
                            _("Check § %(n)s: %(errors)s")
                            % {"n": paragraph.number, "errors": " ".join(e for es in form.errors.values() for e in es)}
                        )
                    services.paragraph_update(actor=request.user, paragraph=paragraph, **form.cleaned_data)
                elif action == "delete_paragraph":
                    services.paragraph_delete(actor=request.user, paragraph=paragraph)
                else:
                    services.paragraph_move(actor=request.user, paragraph=paragraph, up=action == "up")
                return _saved(request, minutes)
            elif action == "renumber":
                services.paragraphs_renumber(actor=request.user, minutes=minutes)
                return _saved(request, minutes)
            else:
                raise Http404
        except DomainError as exc:
            errors = exc.messages
    paragraphs = list(minutes.paragraphs.order_by("number"))
    for p in paragraphs:
        p.form = forms.ParagraphForm(
            prefix=f"p{p.pk}",
            initial={
                "number": p.number,
                "case_number": p.case_number,
                "title": p.title,
                "description": p.description,
                "decision": p.decision,
            },
        )
    attendance = list(minutes.attendance.all())
    for a in attendance:
        a.form = forms.AttendanceForm(prefix=f"a{a.pk}", initial={"category": a.category, "replaces": a.replaces})
    invalid = any(f.is_bound and f.errors for f in (head, approvers, new_paragraph, other))
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "head": head,
            "approvers": approvers,
            "paragraphs": paragraphs,
            "attendance": attendance,
            "new_paragraph": new_paragraph,
            "other": other,
            "errors": errors,
            "approver_rows": list(minutes.approver_rows.select_related("person")),
        },
        status=400 if errors or invalid else 200,
    )


def _saved(request, minutes):
    messages.success(request, _("Saved."))
    return redirect(f"/{minutes.meeting.body.cooperation.slug}/protokoll/{minutes.pk}/redigera/")


def minutes_actions_context(request, minutes) -> dict:
    """What the minutes page offers the signed-in user: approve (an approver), record the notice of approval and
    send extracts (secretariat)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    rows = list(minutes.approver_rows.select_related("person"))
    mine = next((r for r in rows if r.person.user_id == user.pk and r.approved_on is None), None)
    staff = can(user, "change", minutes)
    context = {"approver_rows": rows, "my_approval": mine, "staff": staff}
    if mine and not minutes.is_approved:
        context["approval_form"] = forms.ApprovalForm(initial={"approved_on": timezone.localdate()})
    if staff and minutes.is_approved:
        if services.follows_kommunallagen(minutes.meeting.body) and not minutes.notice_posted_on:
            context["notice_form"] = forms.NoticePostForm(
                initial={"posted_on": timezone.localdate(), "storage_place": minutes.storage_place}
            )
        numbers = list(minutes.paragraphs.values_list("number", flat=True))
        if numbers:
            context["extract_form"] = forms.ExtractSendForm(numbers=numbers)
        context["extract_dispatches"] = list(minutes.dispatches.order_by("-sent_at"))
    return context


@login_required
@require_POST
@with_cooperation
def minutes_action(request, cooperation, pk):
    minutes = _minutes(request, cooperation, pk)
    action = request.POST.get("action", "")
    page = f"/{cooperation.slug}/protokoll/{minutes.pk}/"
    form = None
    try:
        if action == "approve":
            row = get_object_or_404(MinutesApprover, minutes=minutes, person__user=request.user)
            form = forms.ApprovalForm(request.POST)
            if form.is_valid():
                services.minutes_approval_record(actor=request.user, row=row, **form.cleaned_data)
                messages.success(request, _("Your approval was recorded."))
                return redirect(page)
        elif action == "post_notice":
            form = forms.NoticePostForm(request.POST)
            if form.is_valid():
                services.minutes_notice_post(actor=request.user, minutes=minutes, **form.cleaned_data)
                messages.success(request, _("The notice of approval was recorded."))
                return redirect(page)
        elif action == "send_extract":
            numbers = list(minutes.paragraphs.values_list("number", flat=True))
            form = forms.ExtractSendForm(request.POST, numbers=numbers)
            if form.is_valid():
                extracts.extract_send(
                    actor=request.user,
                    minutes=minutes,
                    number=form.cleaned_data["number"],
                    recipients=form.cleaned_data["recipients"].split(),
                )
                messages.success(request, _("The extract was sent."))
                return redirect(page)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(page)
    except PermissionDenied:
        raise Http404 from None
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(page)
