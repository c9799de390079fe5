"""The template of a cooperation's operating plans (issue 15): which sections a plan has, in which order and
under which headings. The template is the cooperation's own (`Cooperation.plan_sections`, a list of
{"key", "heading"} edited on the page `plans:template`); an empty template is the default one, the eight
sections of seeds 000 and 001. A heading left empty is the default heading of its section; a heading may
hold "{year}" (or "{år}") for the plan's year and "{vision_year}" (or "{visionsår}") for its vision year.

"balance" right after "areas" is a sub-section of it (as in the seeds); anywhere else it is a section
of its own. "calendar" and "budget" are filled from the meetings and budget apps; the others are texts of
the plan (`OperatingPlan.SECTIONS`) that must be written before the plan is approved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from plans.models import OperatingPlan

#: Every kind of section, in the default order (seeds 000/001).
KEYS = ("introduction", "purpose", "principles", "vision", "areas", "balance", "working_forms", "calendar", "budget")
#: The sections written as text in the plan.
TEXT_KEYS = OperatingPlan.SECTIONS
HEADING_MAX = 200


@dataclass(frozen=True)
class TemplateSection:
    key: str
    heading: str  # the cooperation's own heading, "" for the default one


def default_heading(key: str, *, year: int | None = None, vision_year: int | None = None) -> str:
    """The heading a section has when the cooperation gives it none (the interface's language)."""
    if key == "vision":
        heading = pgettext("operating plan section", "Vision")
        return f"{heading} {vision_year}" if vision_year else heading
    if key == "areas":
        return pgettext("operating plan section", "Areas of cooperation and direction %(year)s") % {"year": year or ""}
    if key == "budget":
        return pgettext("operating plan section", "Budget %(year)s") % {"year": year or ""}
    return {
        "introduction": pgettext("operating plan section", "Introduction"),
        "purpose": pgettext("operating plan section", "Purpose"),
        "principles": pgettext("operating plan section", "Principles"),
        "balance": pgettext("operating plan section", "Balance between the areas of cooperation"),
        "working_forms": pgettext("operating plan section", "Working forms"),
        "calendar": pgettext("operating plan section", "Calendar"),
    }[key]


def template_of(cooperation) -> list[TemplateSection]:
    """The cooperation's template (its own, else the default eight); unknown or repeated keys are skipped."""
    own = cooperation.plan_sections if isinstance(cooperation.plan_sections, list) else []
    out, seen = [], set()
    for entry in own:
        if not isinstance(entry, dict) or entry.get("key") not in KEYS or entry["key"] in seen:
            continue
        seen.add(entry["key"])
        out.append(TemplateSection(entry["key"], str(entry.get("heading") or "").strip()[:HEADING_MAX]))
    return out or [TemplateSection(key, "") for key in KEYS]


def heading(section: TemplateSection, *, year: int | None = None, vision_year: int | None = None) -> str:
    """The section's heading for a plan of `year` (the cooperation's own with its placeholders filled in)."""
    if not section.heading:
        return default_heading(section.key, year=year, vision_year=vision_year)
    text = section.heading
    for name, value in (("{year}", year), ("{år}", year), ("{vision_year}", vision_year), ("{visionsår}", vision_year)):
        text = text.replace(name, str(value) if value else "")
    return " ".join(text.split())


def text_sections(cooperation, *, year: int | None = None, vision_year: int | None = None) -> list[tuple[str, str]]:
    """(key, heading) of the template's text sections: what the plan's edit page asks for, and what must be
    written before approval."""
    return [
        (s.key, heading(s, year=year, vision_year=vision_year)) for s in template_of(cooperation) if s.key in TEXT_KEYS
    ]


def validate(entries: list[TemplateSection]) -> list[dict]:
    """The template as stored; a ValidationError names what is wrong (unknown or repeated kinds, none at all)."""
    keys = [e.key for e in entries]
    if not keys:
        raise ValidationError(pgettext("plan template", "The template must have at least one section."))
    if any(k not in KEYS for k in keys) or len(set(keys)) != len(keys):
        raise ValidationError(pgettext("plan template", "Each kind of section can be used once."))
    return [{"key": e.key, "heading": e.heading.strip()[:HEADING_MAX]} for e in entries]
