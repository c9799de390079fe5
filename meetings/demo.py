"""Södertörn demo data for the meetings app; called by `manage.py load_sodertorn` (idempotent).

The 2011 calendar is seed 001's "Kalendarium", the 2014 one seed 000's. Where the seed text lost a
detail (seed 000: "torsdagar )", "torsdag kl )") the time is left empty rather than invented; the
bodies' calendar rules therefore carry the weekday only (the times differ between the years), and no
window between the management group's and the committee's meetings (the seeds say "förbereda", with
no number of days; the window stays an option of the rule). Entries a year's kalendarium lists for
the next year ("jan 2012", "mars 2015") carry `calendar_year`.

Seed 002 is Tyresö's kommunledningsutskott, a body of Tyresö: it is the source of Tyresö's adoption
step (programme.demo), not a meeting of the cooperation. The committee's minutes are shown with
example minutes only, marked as example data, with placeholder names and no notice-board posting.
"""

import datetime as dt

from core.services import SYSTEM
from meetings import services
from meetings.models import Attendance, Conference, ConferenceSeries, Meeting, Minutes
from organisations.models import Body, Municipality

D = dt.date
T = dt.time
M = Meeting.Kind
MONTH = Meeting.Precision.MONTH

SEED_000 = "seed 000 (Verksamhetsplan 2014, kalendarium)"
SEED_001 = "seed 001 (Verksamhetsplan 2011, kalendarium)"
SEED_004 = "seed 004 (SUP 2035, Konferenser)"

# (body slug, date, end date, start, end, host, kind, precision, time note)
MEETINGS = [
    # 2011, seed 001: Södertörns samarbetskommitté (torsdagar 12.00-15.00)
    ("samarbetskommitten", D(2011, 1, 27), None, T(12), T(15), "Haninge", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2011, 4, 14), None, T(12), T(15), "Nykvarn", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2011, 6, 9), None, T(12), T(15), "Salem", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2011, 9, 22), None, T(12), T(15), "Nynäshamn", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2011, 11, 3), None, T(12), T(15), "Botkyrka", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2011, 12, 8), None, T(12), T(15), "Tyresö", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2012, 1, 1), None, None, None, "Södertälje", M.ORDINARY, MONTH, ""),
    ("samarbetskommitten", D(2012, 4, 1), None, None, None, "Huddinge", M.ORDINARY, MONTH, ""),
    ("samarbetskommitten", D(2011, 1, 27), D(2011, 1, 28), None, None, None, M.PLANNING, "day", "heldagar"),
    # 2011: Ledningsgruppen (fredagar 08.30-13.00)
    ("ledningsgruppen", D(2011, 1, 21), None, T(8, 30), T(13), None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2011, 3, 31), D(2011, 4, 1), None, None, None, M.PLANNING, "day", "lunch till lunch"),
    ("ledningsgruppen", D(2011, 5, 20), None, T(8, 30), T(13), None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2011, 9, 9), None, T(8, 30), T(13), None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2011, 10, 14), None, T(8, 30), T(13), None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2011, 11, 25), None, T(8, 30), T(13), None, M.ORDINARY, "day", ""),
    # 2014, seed 000: Södertörns samarbetskommitté (torsdagar [tid saknas i källan])
    ("samarbetskommitten", D(2014, 1, 31), None, T(10), T(12), "Botkyrka", M.ORDINARY, "day", "fredag kl 10–12"),
    ("samarbetskommitten", D(2014, 3, 7), None, T(12), T(15), "Tyresö", M.ORDINARY, "day", "fredag kl 12–15"),
    ("samarbetskommitten", D(2014, 4, 24), None, None, None, "Södertälje", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2014, 5, 16), None, T(12), T(15), "Huddinge", M.ORDINARY, "day", "fredag kl 12–15"),
    ("samarbetskommitten", D(2014, 10, 23), None, T(10), T(12), "Haninge", M.ORDINARY, "day", "torsdag kl 10–12"),
    ("samarbetskommitten", D(2014, 12, 4), None, None, None, "Nykvarn", M.ORDINARY, "day", ""),
    ("samarbetskommitten", D(2015, 3, 1), None, None, None, "Nynäshamn", M.ORDINARY, MONTH, ""),
    ("samarbetskommitten", D(2015, 4, 1), None, None, None, "Botkyrka", M.ORDINARY, MONTH, ""),
    ("samarbetskommitten", D(2015, 1, 1), None, None, None, "Salem", M.PLANNING, MONTH, ""),
    # 2014: Ledningsgruppen (fredagar [tid saknas i källan])
    ("ledningsgruppen", D(2014, 1, 23), None, T(13, 30), None, None, M.ORDINARY, "day", "torsdag kl. 13.30"),
    ("ledningsgruppen", D(2014, 2, 20), None, None, None, None, M.ORDINARY, "day", "torsdag, tid saknas i källan"),
    ("ledningsgruppen", D(2014, 4, 3), D(2014, 4, 4), None, None, None, M.PLANNING, "day", ""),
    ("ledningsgruppen", D(2014, 5, 9), None, None, None, None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2014, 9, 5), None, None, None, None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2014, 10, 10), None, None, None, None, M.ORDINARY, "day", ""),
    ("ledningsgruppen", D(2014, 11, 21), None, None, None, None, M.ORDINARY, "day", ""),
]

RADSLAG_ORDER = ["Salem", "Nynäshamn", "Botkyrka", "Tyresö", "Södertälje", "Haninge", "Nykvarn", "Huddinge"]

SERIES = [
    {
        "slug": "radslag",
        "name": "Södertörns rådslag",
        "order": 1,
        "hosts_per_edition": 1,
        "rotation_start_year": 2011,
        "purpose": "Syftet med Södertörns Rådslag är att lyfta Södertörns regionala betydelse och utveckling.",
        "target_audience": "Kommunernas förtroendevalda, högre tjänstemän och näringslivsrepresentanter från "
        "organisationer och företag både nationellt och regionalt.",
        "partners": "Södertörns högskola, KTH, Stockholms Handelskammare och Företagarna",
        "theme_by": "ledningsgruppen",
        "arranger": None,
    },
    {
        "slug": "sodertornskonferensen",
        "name": "Södertörnskonferensen",
        "order": 2,
        "hosts_per_edition": 2,
        "rotation_start_year": None,
        "purpose": "Syftet med Södertörnskonferensen är ett stärkt och förbättrat samarbete mellan kommunerna.",
        "target_audience": "Kommunernas politiska företrädare i respektive kommunstyrelse, ledande tjänstemän samt "
        "prioriterade nätverk.",
        "partners": "",
        "theme_by": "ledningsgruppen",
        "arranger": None,
    },
    {
        "slug": "nyckeltal-sodertorn",
        "name": "Nyckeltal Södertörn",
        "order": 3,
        "hosts_per_edition": 1,
        "rotation_start_year": None,
        "purpose": "Uppföljning av nyckeltalsarbetet. Verksamhetsplan 2011: en årligt återkommande uppföljning som "
        "genomförs under hösten. Verksamhetsplan 2014: en återkommande uppföljning som presenteras vartannat år.",
        "target_audience": "",
        "partners": "",
        "theme_by": None,
        "arranger": None,
    },
    {
        "slug": "temadag-effektiv-verksamhetsutveckling",
        "name": "Temadag för effektiv verksamhetsutveckling",
        "order": 4,
        "hosts_per_edition": 1,
        "rotation_start_year": None,
        "purpose": "Syftet med temadagen är att presentera jämförelser och hitta exempel som visar hur olika "
        "verksamheter i kommunerna förbättrats genom minskade kostnader, minskat resursbehov osv. Effektivare "
        "verksamhetsutveckling kan presenteras med hjälp av jämförelser utifrån statistik men även med andra metoder.",
        "target_audience": "Politiska företrädare och ledande tjänstemän inom Södertörnskommunerna.",
        "partners": "",
        "theme_by": None,
        "arranger": "ekonomidirektorer",
    },
]

# (series slug, date, end, hosts, note)
CONFERENCES = [
    ("sodertornskonferensen", D(2011, 9, 1), ["Huddinge", "Tyresö"], "heldag"),
    ("radslag", D(2011, 3, 24), ["Salem"], "heldag"),
    ("nyckeltal-sodertorn", D(2011, 10, 6), ["Botkyrka"], "heldag"),
    ("radslag", D(2014, 5, 8), ["Tyresö"], ""),
    ("sodertornskonferensen", D(2015, 2, 20), ["Botkyrka", "Salem"], ""),
]


def load(cooperation, *, log=print):
    munis = {m.name: m for m in Municipality.objects.filter(memberships_in_cooperations__cooperation=cooperation)}
    bodies = {b.slug: b for b in Body.objects.filter(cooperation=cooperation)}
    committee, management = bodies["samarbetskommitten"], bodies["ledningsgruppen"]
    # Weekday only: seed 001 gives 12.00–15.00 and 08.30–13.00 for 2011, seed 000 lost the 2014 times.
    services.calendar_rule_set(
        actor=SYSTEM,
        body=committee,
        weekday=3,
        start_time=None,
        end_time=None,
        rotate_hosts=True,
        must_precede=None,
        order=1,
    )
    services.calendar_rule_set(
        actor=SYSTEM, body=management, weekday=4, start_time=None, end_time=None, must_precede=None, order=2
    )
    for slug, date, end, start, stop, host, kind, precision, note in MEETINGS:
        listed_in = _listed_in(date)
        services.meeting_set(
            actor=SYSTEM,
            body=bodies[slug],
            date=date,
            kind=kind,
            end_date=end,
            start_time=start,
            end_time=stop,
            host=munis.get(host),
            precision=precision,
            time_note=note,
            is_demo=False,
            status=Meeting.Status.HELD if date.year < 2020 else Meeting.Status.PUBLISHED,
            source_ref=SEED_001 if listed_in == 2011 else SEED_000,
            calendar_year=listed_in,
        )
    for spec in SERIES:
        series = services.conference_series_set(
            actor=SYSTEM,
            cooperation=cooperation,
            slug=spec["slug"],
            name=spec["name"],
            order=spec["order"],
            hosts_per_edition=spec["hosts_per_edition"],
            rotation_start_year=spec["rotation_start_year"],
            purpose=spec["purpose"],
            target_audience=spec["target_audience"],
            partners=spec["partners"],
            theme_decided_by=bodies.get(spec["theme_by"]) if spec["theme_by"] else None,
            arranging_body=bodies.get(spec["arranger"]) if spec["arranger"] else None,
        )
        if spec["slug"] == "radslag":
            for i, name in enumerate(RADSLAG_ORDER, start=1):
                services.rotation_slot_set(actor=SYSTEM, series=series, position=i, municipality=munis[name])
    series = {s.slug: s for s in ConferenceSeries.objects.filter(cooperation=cooperation)}
    for slug, date, hosts, note in CONFERENCES:
        listed_in = _listed_in(date)
        services.conference_set(
            actor=SYSTEM,
            series=series[slug],
            date=date,
            hosts=[munis[h] for h in hosts],
            year=date.year,
            note=note,
            calendar_year=listed_in,
            source_ref=SEED_001 if listed_in == 2011 else SEED_000,
        )
    _load_minutes(cooperation, committee, munis)
    log(
        f"  {Meeting.objects.filter(body__cooperation=cooperation).count()} möten, "
        f"{Conference.objects.filter(series__cooperation=cooperation).count()} konferenser"
    )


def _listed_in(date: dt.date) -> int:
    """The year of the kalendarium (seed 001: 2011, seed 000: 2014) that lists the entry."""
    return 2011 if date.year <= 2012 else 2014


#: The example minutes: a Thursday, placeholder names, no notice-board posting (nothing of it is a fact).
EXAMPLE_MINUTES_DATE = D(2019, 9, 12)


def _load_minutes(cooperation, committee, munis):
    """Example minutes of the committee, to show what minutes look like; marked as example data."""
    # An earlier demo showed Tyresö's own kommunledningsutskott meeting as the committee's: a reload removes it.
    Meeting.objects.filter(body=committee, date=D(2019, 8, 7)).delete()
    meeting = services.meeting_set(
        actor=SYSTEM,
        body=committee,
        date=EXAMPLE_MINUTES_DATE,
        kind=M.ORDINARY,
        start_time=T(12),
        end_time=T(15),
        location="Exempellokal (platshållare)",
        host=munis.get("Huddinge"),
        is_demo=True,
        status=Meeting.Status.HELD,
    )
    if Minutes.objects.filter(meeting=meeting).exists():
        return
    paragraphs = [
        {
            "number": 1,
            "title": "Val av justerare",
            "decision": "Ledamot B (platshållare) utses att justera protokollet.",
        },
        {"number": 2, "title": "Godkännande av dagordning", "decision": "Dagordningen godkänns."},
        {
            "number": 3,
            "title": "Exempelärende",
            "description": "Ett påhittat ärende som visar hur en paragraf ser ut.",
            "decision": "Informationen noteras.",
        },
    ]
    A = Attendance.Category
    rows = [
        (A.VOTING, "Ordförande (platshållare)", "ordförande"),
        (A.VOTING, "Ledamot B (platshållare)", ""),
        (A.VOTING, "Ledamot C (platshållare)", ""),
        (A.OTHER, "Sekreterare (platshållare)", "sekreterare"),
    ]
    services.minutes_record(
        actor=SYSTEM,
        meeting=meeting,
        paragraphs=paragraphs,
        attendance=[{"category": c, "name": n, "party": "", "role": r, "replaces": ""} for c, n, r in rows],
        status=Minutes.Status.APPROVED,
        secretary="Sekreterare (platshållare)",
        chair="Ordförande (platshållare)",
        approvers="Ledamot B (platshållare)",
        approval_date=D(2019, 9, 19),
        approval_place="Kansliet (platshållare)",
        is_demo=True,
    )
