"""What of the minutes is public (core.publication): only approved minutes, with their paragraphs and
extracts. Drafts are seen by the cooperation's staff only. (Meetings have their own draft state:
`Meeting.objects.published()` in meetings/models.py.)"""

from django.db.models import Q

from core.publication import PublishableQuerySet

APPROVED = "approved"  # Minutes.Status.APPROVED (models import this module)


class MinutesQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        return Q(status=APPROVED)


class ParagraphQuerySet(PublishableQuerySet):
    def published_q(self) -> Q:
        return Q(minutes__status=APPROVED)
