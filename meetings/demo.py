"""Södertörn demo data for the meetings app; called by `manage.py load_sodertorn` (idempotent).

The 2011 calendar is seed 001's "Kalendarium", the 2014 one seed 000's. Where the seed text lost a
detail (seed 000: "torsdagar )", "torsdag kl )") the time is left empty rather than invented.
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
    {"slug": "radslag", "name": "Södertörns rådslag", "order": 1, "hosts_per_edition": 1, "rotation_start_year": 2011,
     "purpose": "Syftet med Södertörns Rådslag är att lyfta Södertörns regionala betydelse och utveckling.",
     "target_audience": "Kommunernas förtroendevalda, högre tjänstemän och näringslivsrepresentanter från "
     "organisationer och företag både nationellt och regionalt.",
     "partners": "Södertörns högskola, KTH, Stockholms Handelskammare och Företagarna",
     "theme_by": "ledningsgruppen", "arranger": None},
    {"slug": "sodertornskonferensen", "name": "Södertörnskonferensen", "order": 2, "hosts_per_edition": 2,
     "rotation_start_year": None,
     "purpose": "Syftet med Södertörnskonferensen är ett stärkt och förbättrat samarbete mellan kommunerna.",
     "target_audience": "Kommunernas politiska företrädare i respektive kommunstyrelse, ledande tjänstemän samt "
     "prioriterade nätverk.", "partners": "", "theme_by": "ledningsgruppen", "arranger": None},
    {"slug": "nyckeltal-sodertorn", "name": "Nyckeltal Södertörn", "order": 3, "hosts_per_edition": 1,
     "rotation_start_year": None, "purpose": "Årligt återkommande uppföljning av nyckeltalsarbetet (från 2019 "
     "Temadag för effektiv verksamhetsutveckling).",
     "target_audience": "Politiska företrädare och ledande tjänstemän inom Södertörnskommunerna.", "partners": "",
     "theme_by": None, "arranger": "ekonomidirektorer"},
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
    services.calendar_rule_set(actor=SYSTEM, body=committee, weekday=3, start_time=T(12), end_time=T(15),
                               rotate_hosts=True, order=1)
    services.calendar_rule_set(actor=SYSTEM, body=management, weekday=4, start_time=T(8, 30), end_time=T(13),
                               must_precede=committee, order=2)
    for slug, date, end, start, stop, host, kind, precision, note in MEETINGS:
        services.meeting_set(
            actor=SYSTEM, body=bodies[slug], date=date, kind=kind, end_date=end, start_time=start, end_time=stop,
            host=munis.get(host), precision=precision, time_note=note, is_demo=False,
            status=Meeting.Status.HELD if date.year < 2020 else Meeting.Status.PUBLISHED,
        )
    for spec in SERIES:
        series = services.conference_series_set(
            actor=SYSTEM, cooperation=cooperation, slug=spec["slug"], name=spec["name"], order=spec["order"],
            hosts_per_edition=spec["hosts_per_edition"], rotation_start_year=spec["rotation_start_year"],
            purpose=spec["purpose"], target_audience=spec["target_audience"], partners=spec["partners"],
            theme_decided_by=bodies.get(spec["theme_by"]) if spec["theme_by"] else None,
            arranging_body=bodies.get(spec["arranger"]) if spec["arranger"] else None,
        )
        if spec["slug"] == "radslag":
            for i, name in enumerate(RADSLAG_ORDER, start=1):
                services.rotation_slot_set(actor=SYSTEM, series=series, position=i, municipality=munis[name])
    series = {s.slug: s for s in ConferenceSeries.objects.filter(cooperation=cooperation)}
    for slug, date, hosts, note in CONFERENCES:
        services.conference_set(actor=SYSTEM, series=series[slug], date=date, hosts=[munis[h] for h in hosts],
                                year=date.year, note=note)
    _load_minutes(cooperation, committee, munis)
    log(f"  {Meeting.objects.filter(body__cooperation=cooperation).count()} möten, "
        f"{Conference.objects.filter(series__cooperation=cooperation).count()} konferenser")


def _load_minutes(cooperation, committee, munis):
    """One set of committee minutes in the layout of seed 002 (Tyresö, 2019-08-07), marked as demo."""
    meeting = services.meeting_set(
        actor=SYSTEM, body=committee, date=D(2019, 8, 7), kind=M.ORDINARY, start_time=T(13), end_time=T(13, 35),
        location="Sammanträdesrum Bollmora, kommunhuset", host=munis.get("Tyresö"), is_demo=True,
        status=Meeting.Status.NOTICE_POSTED,
    )
    if Minutes.objects.filter(meeting=meeting).exists():
        return
    paragraphs = [
        {"number": 58, "title": "Val av justerare (demo)", "decision": "Anki Svensson utses att justera protokollet."},
        {"number": 59, "title": "Godkännande av dagordning (demo)", "decision": "Dagordningen godkänns."},
        {"number": 60, "case_number": "2019/KS 0260 005", "title": "Södertörns utvecklingsprogram 2035",
         "proposal_heading": "Kommunledningsutskottets förslag till kommunstyrelsen",
         "proposal": "Förslag till Södertörns utvecklingsprogram 2035 godkänns och ersätter motsvarande program som "
         "godkändes av kommunstyrelsen 2013-04-29 § 78.",
         "description": "Södertörns samarbetskommitté har tagit fram ett förslag till gemensamt utvecklingsprogram "
         "för Södertörnskommunerna. Detta anger vision, mål och inriktning för arbetet under mandatperioden. "
         "Utvecklingsprogrammet ska beslutas i respektive kommunstyrelse för att vara gällande. Södertörns "
         "utvecklingsprogram 2035 ska gälla från 2019 – 2022 och ersätter tidigare utvecklingsprogram från 2013.",
         "attachments": "Tjänsteskrivelse Södertörns utvecklingsprogram 2035.pdf\n"
         "Södertörns utvecklingsprogram SUP 2035.pdf"},
    ]
    A = Attendance.Category
    rows = [
        (A.VOTING, "Anita Mattsson", "S", "ordförande", ""),
        (A.VOTING, "Mats Lindblom", "L", "1:e vice ordförande", ""),
        (A.VOTING, "Anki Svensson", "M", "2:e vice ordförande", ""),
        (A.VOTING, "Martin Nilsson", "S", "", ""),
        (A.VOTING, "Susann Ronström", "S", "", ""),
        (A.VOTING, "Marie Åkesdotter", "MP", "", ""),
        (A.VOTING, "Dick Bengtson", "M", "", ""),
        (A.ACTING, "Fredrik Bergkuist", "M", "", "Ulrica Riis-Pedersen (C)"),
        (A.VOTING, "Anders Wickberg", "SD", "", ""),
        (A.SUBSTITUTE, "Christoffer Holmström", "S", "", ""),
        (A.SUBSTITUTE, "Åsa de Mander", "L", "", ""),
        (A.SUBSTITUTE, "Ajda Asgari", "MP", "", ""),
        (A.SUBSTITUTE, "Inger Gemicioglu", "V", "", ""),
        (A.OTHER, "Stefan Hollmark", "", "kommundirektör, kommunstyrelseförvaltningen", ""),
        (A.OTHER, "Hillevi Elvhage", "", "kommunsekreterare, kommunstyrelseförvaltningen", ""),
        (A.ABSENT, "Mats Larsson", "L", "", ""),
        (A.ABSENT, "Peter Freij", "M", "", ""),
        (A.ABSENT, "Ulrica Riis-Pedersen", "C", "", ""),
        (A.ABSENT, "Anna Lund", "KD", "", ""),
        (A.ABSENT, "Per Carlberg", "SD", "", ""),
    ]
    services.minutes_record(
        actor=SYSTEM, meeting=meeting, paragraphs=paragraphs,
        attendance=[{"category": c, "name": n, "party": p, "role": r, "replaces": rep,
                     "municipality": munis.get("Tyresö")} for c, n, p, r, rep in rows],
        status=Minutes.Status.APPROVED, secretary="Hillevi Elvhage", chair="Anita Mattsson",
        approvers="Anki Svensson", approval_date=D(2019, 8, 12), approval_place="Kommunkansliet",
        notice_posted_on=D(2019, 8, 14), notice_taken_down_on=D(2019, 9, 5),
        storage_place="Kommunkansliets arkiv plan 6", is_demo=True,
    )
