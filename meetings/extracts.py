"""Sending extracts (protokollsutdrag) by e-mail: a service beside meetings.services, in its own module
because it reads through the selectors, which themselves use meetings.services' calendar rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.services import audited_save, require_permission
from meetings import audit, documents, selectors
from meetings.models import Dispatch, Minutes
from meetings.services import _send


@transaction.atomic
def extract_send(*, actor, minutes: Minutes, number: int, recipients: list[str]) -> Dispatch:
    """E-mail an extract (protokollsutdrag) of § `number` of approved minutes to `recipients` and record it."""
    from django.core.mail import EmailMessage
    from django.core.validators import validate_email

    from core.documents import render_document_pdf

    meeting = minutes.meeting
    dispatch = Dispatch(
        meeting=meeting,
        minutes=minutes,
        kind=Dispatch.Kind.EXTRACT,
        paragraph_number=number,
        sent_at=timezone.now(),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    require_permission(actor, "add", dispatch)
    if not minutes.is_approved:
        raise DomainError(_("Extracts are made from approved minutes only."))
    addresses = [r.strip() for r in recipients if r.strip()]
    if not addresses:
        raise DomainError({"recipients": _("Give at least one e-mail address.")})
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise DomainError(
                {"recipients": _("%(address)s is not an e-mail address.") % {"address": address}}
            ) from None
    context = selectors.extract_context(minutes, number)
    if context is None:
        raise DomainError({"number": _("The minutes have no § %(n)s.") % {"n": number}})
    pdf = render_document_pdf(documents.minutes_document(context, extract=True))
    name = f"protokollsutdrag-{meeting.date.isoformat()}-paragraf-{number}.pdf"
    subject = context["title"]
    messages = []
    for address in addresses:
        message = EmailMessage(subject, _("Extract from the minutes attached."), to=[address])
        message.attach(name, pdf, "application/pdf")
        messages.append(message)
    dispatch.subject = subject
    dispatch.recipients = [{"name": "", "email": a, "role": ""} for a in addresses]
    dispatch.attachments = [name]
    audited_save(dispatch, actor=actor, action=audit.EXTRACT_SENT)
    _send(messages)
    return dispatch
