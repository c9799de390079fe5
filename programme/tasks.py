"""Background tasks of the programme app (django-tasks; core.schedule enqueues them, the worker runs them)."""

import datetime as dt

from django_tasks import task

from core.services import SYSTEM
from organisations.models import Cooperation
from programme import selectors, services
from programme import status as st

#: How often the worker looks for boards to remind (each is reminded at most once per services.REMINDER_INTERVAL).
REMINDER_CHECK = dt.timedelta(hours=1)


def remind_open_rounds(*, now=None) -> list:
    """Remind the boards that have not decided on every programme out for adoption, in every cooperation
    (services.adoption_reminders_send: recorded, at most once per interval). Returns the new reminders."""
    sent = []
    for cooperation in Cooperation.objects.all():
        programmes, states = selectors.programme_states(cooperation)
        for programme in programmes:
            state = states[programme.pk]
            if state.status != st.OUT_FOR_ADOPTION or state.round is None:
                continue
            sent.extend(services.adoption_reminders_send(actor=SYSTEM, adoption_round=state.round, now=now))
    return sent


@task()
def send_adoption_reminders() -> int:
    """The periodic task: remind the boards that have not decided (see remind_open_rounds)."""
    return len(remind_open_rounds())
