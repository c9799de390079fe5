"""What the search finds of the programme app (registered in ProgrammeConfig.ready(), search/registry.py):
programmes, their goals and sub-goals, the members' adoption steps (decisions, with §, Dnr and protocol
extract; in the decision register) and the governing documents with the text of their files.
Whether an entry is public follows the programme's publication (core.publication)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programme import selectors
from programme.models import (
    Adoption,
    AdoptionRound,
    AdoptionStep,
    FocusArea,
    Goal,
    GoverningDocument,
    Principle,
    Programme,
)
from search.registry import Entry, Indexer, Successors, published_ids, register, register_successors


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def programme_entries(queryset):
    queryset = queryset.select_related("cooperation").prefetch_related("focus_areas", "principles")
    public = published_ids(queryset)
    for p in queryset:
        yield Entry(
            obj=p,
            cooperation_id=p.cooperation_id,
            title=p.name,
            url=p.get_absolute_url(),
            published=p.pk in public,
            body=_join(
                p.short_name,
                p.vision_tagline,
                p.introduction,
                p.vision,
                p.purpose,
                p.overarching_goal,
                p.cross_cutting_theme,
                *(f"{a.name} {a.description}" for a in p.focus_areas.all()),
                *(x.text for x in p.principles.all()),
                p.working_forms,
                p.changes,
                p.adoption_note,
            ),
            year=p.year,
            identifiers=[p.short_name],
        )


def goal_entries(queryset):
    queryset = queryset.select_related("focus_area__programme__cooperation", "parent").prefetch_related("subgoals")
    programmes = Programme.objects.filter(focus_areas__goals__in=queryset).distinct()
    public = published_ids(programmes)
    for goal in queryset:
        area = goal.focus_area
        programme = area.programme
        yield Entry(
            obj=goal,
            cooperation_id=programme.cooperation_id,
            title=goal.text,
            url=reverse("programme:goal_tree", args=[programme.cooperation.slug, programme.slug]),
            published=programme.pk in public,
            body=_join(
                *(s.text for s in goal.subgoals.all()),
                goal.parent.text if goal.parent else "",
                area.name,
                area.description,
                f"{programme.short_name} {programme.name}",
            ),
            year=programme.year,
        )


def adoption_step_entries(queryset):
    queryset = queryset.select_related(
        "adoption__municipality", "adoption__round__cooperation", "adoption__round__programme"
    )
    programmes = Programme.objects.filter(adoption_round__adoptions__steps__in=queryset).distinct()
    public = published_ids(programmes)
    for step in queryset:
        adoption = step.adoption
        rnd = adoption.round
        coop = rnd.cooperation
        programme = rnd.programme
        url = (
            reverse("programme:detail", args=[coop.slug, programme.slug])
            if programme
            else reverse("programme:index", args=[coop.slug])
        )
        title = f"{adoption.municipality.name}: {step.body_name} {step.paragraph}".strip() + f" – {rnd.title}"
        yield Entry(
            obj=step,
            cooperation_id=coop.pk,
            title=title,
            url=url,
            published=programme is None or programme.pk in public,
            body=_join(step.get_kind_display(), step.get_outcome_display(), step.text, adoption.deciding_body),
            date=step.meeting_date,
            body_name=step.body_name,
            municipality=adoption.municipality.name,
            identifiers=[adoption.case_number, step.paragraph],
            is_decision=step.kind == AdoptionStep.Kind.DECISION or bool(step.paragraph),
            reference=step.paragraph,
            case_number=adoption.case_number,
            outcome=step.get_outcome_display(),
            extract_url=step.extract_url() if step.extract else "",
        )


def governing_document_entries(queryset):
    for doc in queryset.select_related("cooperation"):
        yield Entry(
            obj=doc,
            cooperation_id=doc.cooperation_id,
            title=doc.title,
            published=True,
            body=doc.description,
            url=doc.file_url() or reverse("programme:index", args=[doc.cooperation.slug]),
            date=doc.date,
        )


def _goals_of_programme(programme):
    return Goal.objects.filter(focus_area__programme__in=[programme.pk, programme.replaces_id])


def _steps_of_programme(programme):
    return AdoptionStep.objects.filter(adoption__round__programme__in=[programme.pk, programme.replaces_id])


def register_indexers():
    register(
        Indexer(
            kind="programme",
            label=_("Programmes"),
            model=Programme,
            entries=programme_entries,
            order=10,
            depends={
                AdoptionRound: lambda r: Programme.objects.filter(pk=r.programme_id),
                FocusArea: lambda a: Programme.objects.filter(pk=a.programme_id),
                Principle: lambda p: Programme.objects.filter(pk=p.programme_id),
            },
        )
    )
    register(
        Indexer(
            kind="goal",
            label=_("Goals"),
            model=Goal,
            entries=goal_entries,
            order=20,
            depends={
                Goal: lambda g: Goal.objects.filter(pk=g.parent_id),
                FocusArea: lambda a: Goal.objects.filter(focus_area=a),
                Programme: _goals_of_programme,
                AdoptionRound: lambda r: Goal.objects.filter(focus_area__programme=r.programme_id),
            },
        )
    )
    register(
        Indexer(
            kind="adoption",
            label=_("Adoption decisions"),
            model=AdoptionStep,
            entries=adoption_step_entries,
            order=30,
            file_fields=("extract",),
            depends={
                Adoption: lambda a: AdoptionStep.objects.filter(adoption=a),
                AdoptionRound: lambda r: AdoptionStep.objects.filter(adoption__round=r),
                Programme: _steps_of_programme,
            },
        )
    )
    register(
        Indexer(
            kind="governing_document",
            label=_("Governing documents"),
            model=GoverningDocument,
            entries=governing_document_entries,
            order=80,
            file_fields=("file",),
        )
    )
    register_successors(Successors(models=(Goal,), find=selectors.successor_goals, name="programme"))
