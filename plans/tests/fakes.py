"""Stand-ins for the meetings and budget apps' contracts (calendar_for_year, budget_summary) with the
2011 data of seed 001, so the plans tests do not depend on those apps' demo data."""

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Entry:
    start: dt.date
    end: dt.date | None = None
    title: str = ""
    hosts: list = field(default_factory=list)
    note: str = ""
    date_text: str = ""


@dataclass
class Group:
    title: str
    entries: list


def calendar_2011(cooperation, year):
    d = dt.date
    return [
        Group(
            "Södertörns samarbetskommitté (torsdagar 12.00-15.00)",
            [
                Entry(d(2011, 1, 27), hosts=["Haninge"]),
                Entry(d(2011, 4, 14), hosts=["Nykvarn"]),
                Entry(d(2011, 6, 9), hosts=["Salem"]),
                Entry(d(2011, 9, 22), hosts=["Nynäshamn"]),
                Entry(d(2011, 11, 3), hosts=["Botkyrka"]),
                Entry(d(2011, 12, 8), hosts=["Tyresö"]),
            ],
        ),
        Group(
            "Samarbetskommitténs planeringskonferens",
            [
                Entry(d(2011, 1, 27), d(2011, 1, 28), note="heldagar", date_text="27–28 januari 2011"),
            ],
        ),
        Group(
            "Ledningsgruppen (fredagar 08.30-13.00)",
            [
                Entry(d(2011, 1, 21)),
                Entry(d(2011, 3, 31), d(2011, 4, 1), note="planeringskonferens lunch till lunch"),
                Entry(d(2011, 5, 20)),
                Entry(d(2011, 9, 9)),
                Entry(d(2011, 10, 14)),
                Entry(d(2011, 11, 25)),
            ],
        ),
        Group("Södertörnskonferensen", [Entry(d(2011, 9, 1), hosts=["Huddinge", "Tyresö"], note="heldag")]),
        Group("Södertörns rådslag", [Entry(d(2011, 3, 24), hosts=["Salem"], note="heldag")]),
        Group("Nyckeltal Södertörn", [Entry(d(2011, 10, 6), hosts=["Botkyrka"], note="heldag")]),
    ]


def budget_2011(cooperation, year):
    summary = {
        "revenue": [("Avgifter från kommunerna", 860000)],
        "costs": [
            ("Personal", 580000),
            ("Ersättning till Huddinge kommun för kontorsservice, arbetsrum mm", 50000),
            ("Utredningar, konsultstöd mm", 230000),
        ],
        "revenue_total": 860000,
        "cost_total": 860000,
        "balanced": True,
        "fees": [],
    }
    return object(), summary


def install(monkeypatch):
    from plans import selectors

    monkeypatch.setattr(selectors, "calendar_for", calendar_2011)
    monkeypatch.setattr(selectors, "budget_for", budget_2011)
