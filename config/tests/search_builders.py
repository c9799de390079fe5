"""Builders for the search tests: a programme whose goals carry given texts, minutes with paragraphs."""

from __future__ import annotations

import datetime as dt

from meetings.models import Meeting, Minutes, Paragraph
from organisations.models import Body
from organisations.testing import build_body
from programme.models import AdoptionRound, FocusArea, Goal, Programme


def programme_with_goals(coop, texts: dict[str, list[str]], *, slug="sok-test", sent=True, year=2019):
    """A programme with one focus area per key of `texts` and one goal per text; returns {text: Goal}."""
    programme = Programme.objects.create(
        cooperation=coop, slug=slug, name=f"Programmet {slug}", short_name=slug.upper(), year=year
    )
    goals = {}
    for i, (area_name, goal_texts) in enumerate(texts.items()):
        area = FocusArea.objects.create(programme=programme, name=area_name, order=i)
        for k, text in enumerate(goal_texts):
            goals[text] = Goal.objects.create(focus_area=area, text=text, order=k)
    if sent:
        AdoptionRound.objects.create(
            cooperation=coop, programme=programme, title=programme.name, sent_on=dt.date(year, 6, 1)
        )
    return programme, goals


def minutes_with_paragraphs(
    coop,
    paragraphs: list[tuple[str, str]],
    *,
    approved=False,
    body=None,
    date=dt.date(2021, 3, 4),
    meeting_status=Meeting.Status.HELD,
    case_number="",
):
    """Minutes of a committee meeting with paragraphs (title, decision), numbered 1, 2, …"""
    body = body or build_body(coop, Body.Kind.COMMITTEE, name="Samarbetskommittén")
    meeting = Meeting.objects.create(body=body, date=date, status=meeting_status)
    minutes = Minutes.objects.create(meeting=meeting)
    made = []
    for number, (title, decision) in enumerate(paragraphs, start=1):
        made.append(
            Paragraph.objects.create(
                minutes=minutes,
                body=body,
                year=date.year,
                number=number,
                title=title,
                decision=decision,
                case_number=case_number,
            )
        )
    if approved:
        minutes.status = Minutes.Status.APPROVED
        minutes.approval_date = date
        minutes.save()
    return minutes, made


def replaced_programme(coop, *, successor_sent=True, successor_area="Infrastruktur"):
    """An older programme whose infrastructure sub-goal names kollektivtrafik, replaced by a newer one whose
    infrastructure goal does not; returns (older, newer, the newer's infrastructure goal)."""
    older, goals = programme_with_goals(
        coop,
        {"Infrastruktur": ["Utnyttja den nya infrastrukturen"], "Utbildning": ["Höja utbildningsnivån"]},
        slug="aldre",
        year=2013,
    )
    Goal.objects.create(
        focus_area=goals["Utnyttja den nya infrastrukturen"].focus_area,
        parent=goals["Utnyttja den nya infrastrukturen"],
        text="Vi verkar för en snabbare och tätare kollektivtrafik i regionen.",
    )
    newer, new_goals = programme_with_goals(
        coop,
        {
            "Boende": ["Fler bostäder nära stationerna"],
            successor_area: ["Stark infrastruktur är en förutsättning för hållbar utveckling"],
        },
        slug="nyare",
        year=2021,
        sent=successor_sent,
    )
    newer.replaces = older
    newer.save()
    return older, newer, new_goals["Stark infrastruktur är en förutsättning för hållbar utveckling"]
