"""Builders for the programme tests."""

import datetime as dt

from programme.models import AdoptionRound, ExternalGoal, FocusArea, Goal, Principle, Programme


def build_programme(coop, slug="sup-test", *, areas=2, subgoals=3, sent=True, replaces=None, **kwargs):
    p = Programme.objects.create(
        cooperation=coop,
        slug=slug,
        name=kwargs.pop("name", f"Programmet {slug}"),
        short_name=kwargs.pop("short_name", slug.upper()),
        year=kwargs.pop("year", 2019),
        vision=kwargs.pop("vision", "Visionen om samverkan"),
        overarching_goal="Det övergripande målet",
        replaces=replaces,
        **kwargs,
    )
    Principle.objects.create(programme=p, text="Fokus på den gemensamma nyttan", order=1)
    ExternalGoal.objects.create(programme=p, framework="RUFS 2050", text="En tillgänglig region", order=1)
    for i in range(areas):
        area = FocusArea.objects.create(
            programme=p,
            name=f"Område {i + 1}",
            order=i,
            group="internal" if i == areas - 1 and areas > 1 else "regional",
        )
        goal = Goal.objects.create(focus_area=area, text=f"Mål {i + 1}", order=1)
        for k in range(subgoals):
            Goal.objects.create(focus_area=area, parent=goal, text=f"Delmål {i + 1}.{k + 1}", order=k)
    if sent:
        AdoptionRound.objects.create(cooperation=coop, programme=p, title=p.name, sent_on=dt.date(2019, 6, 1))
    return p


def minimal_pdf() -> bytes:
    """A real one-page PDF (uploads are checked by parsing them)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
