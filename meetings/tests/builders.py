import datetime as dt

from meetings.models import CalendarRule, Meeting, Minutes
from organisations.models import Body
from organisations.testing import build_body


def committee_and_group(coop, *, minimum=6, lg_minimum=None):
    committee = build_body(coop, Body.Kind.COMMITTEE, min_meetings_per_year=minimum)
    group = build_body(coop, Body.Kind.MANAGEMENT_GROUP, min_meetings_per_year=lg_minimum or minimum)
    CalendarRule.objects.create(
        body=committee, weekday=3, start_time=dt.time(12), end_time=dt.time(15), rotate_hosts=True, order=1
    )
    CalendarRule.objects.create(
        body=group, weekday=4, start_time=dt.time(8, 30), end_time=dt.time(13), must_precede=committee, order=2
    )
    return committee, group


def meeting(body, date=dt.date(2019, 8, 7), **kw):
    kw.setdefault("start_time", dt.time(13))
    kw.setdefault("end_time", dt.time(14))
    kw.setdefault("status", Meeting.Status.PUBLISHED)
    return Meeting.objects.create(body=body, date=date, **kw)


def minutes(body, date=dt.date(2019, 8, 7), **kw):
    return Minutes.objects.create(meeting=meeting(body, date), **kw)


def people(body, roles=("chair", "member", "member", "substitute", "secretary"), on=dt.date(2020, 1, 1)):
    """People with e-mail addresses and user accounts, each a member of `body` in one of `roles` since `on`."""
    from organisations.models import Membership, Person
    from organisations.testing import build_user

    result = []
    for i, role in enumerate(roles):
        user = build_user(username=f"{body.slug}-{role}-{i}")
        person = Person.objects.create(
            cooperation=body.cooperation, name=f"Person {body.slug} {i}", email=f"p{i}@{body.slug}.example", user=user
        )
        Membership.objects.create(
            person=person, body=body, role=role, start=on, municipality=body.cooperation.members.first().municipality
        )
        result.append(person)
    return result
