"""Search quality in Swedish: compound words and inflections find what they should, first.

This module runs on PostgreSQL (the `swedish` text-search configuration) and on SQLite (FTS5 with the
Snowball Swedish stemmer): `make test` runs it a second time without DATABASE_URL (`make test-sqlite`),
so both backends answer the same corpus with the same expectations.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import translation

from config.tests.search_builders import minutes_with_paragraphs, programme_with_goals, replaced_programme
from organisations.models import Cooperation
from programme.models import AdoptionStep, Goal, Programme
from search import selectors

pytestmark = pytest.mark.django_db

CORPUS = {
    "Infrastruktur": [
        "Vi verkar för en snabbare och tätare kollektivtrafik i regionen.",
        "Kollektivtrafiken ska byggas ut till de regionala stadskärnorna.",
        "Vi bygger fler cykelvägar och trygga gångstråk.",
    ],
    "Utbildning": [
        "Höja utbildningsnivån genom bättre utbildning för vuxna.",
        "Utbildningen av lärare ska stärkas i alla kommuner.",
    ],
    "Näringsliv": [
        "Nätverket hanterar näringslivsfrågor och företagsklimat.",
        "Fler bostäder byggs nära stationerna.",
    ],
}

#: query -> the goal texts expected first (in any order), and texts that must not be found at all.
EXPECTED = [
    ("kollektivtrafiken", {CORPUS["Infrastruktur"][0], CORPUS["Infrastruktur"][1]}, {CORPUS["Infrastruktur"][2]}),
    ("kollektivtrafik", {CORPUS["Infrastruktur"][0], CORPUS["Infrastruktur"][1]}, {CORPUS["Utbildning"][0]}),
    ("Kollektivtrafikens", {CORPUS["Infrastruktur"][0], CORPUS["Infrastruktur"][1]}, set()),
    ("utbildningen", {CORPUS["Utbildning"][0], CORPUS["Utbildning"][1]}, {CORPUS["Näringsliv"][0]}),
    ("utbildning", {CORPUS["Utbildning"][0], CORPUS["Utbildning"][1]}, set()),
    ("näringslivsfrågor", {CORPUS["Näringsliv"][0]}, {CORPUS["Näringsliv"][1]}),
    ("näringsliv", {CORPUS["Näringsliv"][0]}, set()),
    ("bostäderna", {CORPUS["Näringsliv"][1]}, {CORPUS["Näringsliv"][0]}),
    ("cykelväg", {CORPUS["Infrastruktur"][2]}, set()),
    ('"tätare kollektivtrafik"', {CORPUS["Infrastruktur"][0]}, {CORPUS["Infrastruktur"][1]}),
    ("lärare kommuner", {CORPUS["Utbildning"][1]}, {CORPUS["Utbildning"][0]}),
]


@pytest.fixture
def corpus(coop):
    return programme_with_goals(coop, CORPUS)


def goal_texts(result) -> list[str]:
    return [hit.entry.title for hit in result.hits if hit.entry.kind == "goal"]


@pytest.mark.parametrize(("query", "first", "absent"), EXPECTED, ids=[q for q, _f, _a in EXPECTED])
def test_swedish_inflections_and_compounds_find_the_expected_goals_first(coop, corpus, query, first, absent):
    result = selectors.search(coop, None, query)
    texts = goal_texts(result)
    assert set(texts[: len(first)]) == first, (connection.vendor, query, texts)
    assert not absent & set(texts), (connection.vendor, query, texts)


def test_snippets_mark_the_inflected_match(coop, corpus):
    result = selectors.search(coop, None, "kollektivtrafiken")
    titles = [str(hit.title_html) for hit in result.hits]
    assert "<mark>Kollektivtrafiken</mark> ska byggas ut till de regionala stadskärnorna." in titles, titles
    assert any("<mark>kollektivtrafik</mark>" in t for t in titles), titles


def test_a_snippet_escapes_the_indexed_text(coop):
    minutes_with_paragraphs(
        coop, [("Budget <script>alert(1)</script>", "Kollektivtrafiken <b>beslutas</b>")], approved=True
    )
    result = selectors.search(coop, None, "kollektivtrafiken")
    [hit] = result.hits
    snippet = str(hit.snippet)
    # PostgreSQL's ts_headline drops the tags, the SQLite snippet escapes them: neither lets markup through.
    assert "<mark>" in snippet and "<b>" not in snippet and "<script" not in snippet, (connection.vendor, snippet)


def test_a_case_number_is_found_as_written(coop):
    minutes_with_paragraphs(
        coop, [("Remiss om trafiken", "Yttrandet antas.")], approved=True, case_number="2021/SK 0042 109"
    )
    minutes_with_paragraphs(
        coop, [("Annat ärende", "Läggs till handlingarna.")], approved=True, case_number="2021/SK 0043 109", body=None
    )
    for query in ("2021/SK 0042", "2021/sk 0042 109", "2021/SK  0042"):
        hits = selectors.search(coop, None, query).hits
        assert [h.entry.case_number for h in hits][:1] == ["2021/SK 0042 109"], (connection.vendor, query)


# --- The demo: what the "Done when" names ---------------------------------------------------


def _goals(hits):
    return [
        Goal.objects.select_related("focus_area__programme").get(pk=h.entry.object_id)
        for h in hits
        if h.entry.kind == "goal"
    ]


def test_kollektivtrafiken_finds_the_infrastructure_goal_that_names_it():
    """The seeds' programme text that names kollektivtrafik is SUP 2013's infrastructure sub-goal (seed 000)."""
    sodertorn = Cooperation.objects.get(slug="sodertorn")
    hits = selectors.search(sodertorn, None, "kollektivtrafiken").hits
    top = _goals(hits[:3])
    assert any(g.focus_area.name == "Infrastruktur" and "kollektivtrafik" in g.text for g in top), (
        connection.vendor,
        [h.entry.title for h in hits[:5]],
    )


def test_infrastrukturen_finds_the_sup_2035_goal_on_infrastructure():
    sodertorn = Cooperation.objects.get(slug="sodertorn")
    sup2035 = Programme.objects.get(cooperation=sodertorn, short_name="SUP 2035")
    hits = selectors.search(sodertorn, None, "infrastrukturen", selectors.Filters(kind="goal", year=sup2035.year)).hits
    top = _goals(hits[:3])
    assert any(
        g.focus_area.programme.short_name == "SUP 2035" and g.focus_area.name == "Infrastruktur" and g.parent_id is None
        for g in top
    ), (connection.vendor, [h.entry.title for h in hits[:5]])


def test_the_tyreso_case_number_finds_tyresos_decision():
    sodertorn = Cooperation.objects.get(slug="sodertorn")
    hits = selectors.search(sodertorn, None, "2019/KS 0260").hits
    first = hits[0].entry
    step = AdoptionStep.objects.select_related("adoption__municipality").get(pk=first.object_id)
    assert first.kind == "adoption" and step.adoption.municipality.name == "Tyresö" and step.paragraph == "§ 60"
    assert first.case_number == "2019/KS 0260 005"


# --- What is in force now: a replaced programme's hits answer with its successor's goals ------------------


def _in_force_goals(result) -> list[tuple[str, str, str, list[str]]]:
    return [
        (answer.replaced_text, answer.current, area.name, area.texts)
        for answer in result.in_force
        for area in answer.areas
    ]


def test_a_hit_in_a_replaced_programme_answers_with_the_successors_focus_area(coop):
    older, newer, goal = replaced_programme(coop, successor_area="  infrastruktur ")
    result = selectors.search(coop, None, "kollektivtrafiken")
    texts = goal_texts(result)
    assert any("kollektivtrafik" in t for t in texts) and goal.text not in texts, (connection.vendor, texts)
    assert _in_force_goals(result) == [(str(older), str(newer), "  infrastruktur ", [goal.text])], connection.vendor
    answer = result.in_force[0]
    assert answer.published
    assert answer.areas[0].url == f"/{coop.slug}/program/nyare/maltrad/#fokusomrade-{goal.focus_area_id}"


def test_a_hit_only_in_the_newer_programme_gives_no_in_force_answer(coop):
    replaced_programme(coop)
    result = selectors.search(coop, None, "förutsättning")
    assert goal_texts(result) == ["Stark infrastruktur är en förutsättning för hållbar utveckling"], connection.vendor
    assert result.in_force == []


def test_the_successor_is_followed_to_the_latest_programme(coop):
    older, newer, _goal = replaced_programme(coop)
    latest, goals = programme_with_goals(coop, {"Infrastruktur": ["Snabba resor i hela regionen"]}, slug="senast")
    latest.replaces, latest.year = newer, 2030
    latest.save()
    result = selectors.search(coop, None, "kollektivtrafiken")
    assert _in_force_goals(result) == [(str(older), str(latest), "Infrastruktur", ["Snabba resor i hela regionen"])]


def test_an_unpublished_successor_is_shown_only_to_the_cooperations_staff(coop, users):
    older, newer, goal = replaced_programme(coop, successor_sent=False)
    anonymous = selectors.search(coop, None, "kollektivtrafiken")
    assert any("kollektivtrafik" in t for t in goal_texts(anonymous)), connection.vendor
    assert anonymous.in_force == []
    assert selectors.search(coop, users["outsider"], "kollektivtrafiken").in_force == []
    staff = selectors.search(coop, users["secretariat"], "kollektivtrafiken")
    assert _in_force_goals(staff) == [(str(older), str(newer), "Infrastruktur", [goal.text])]
    assert staff.in_force[0].published is False


def test_a_successor_without_the_focus_area_still_says_it_replaced_the_programme(coop):
    older, newer, _goal = replaced_programme(coop, successor_area="Klimat")
    result = selectors.search(coop, None, "kollektivtrafiken")
    assert [(a.replaced, a.current, a.areas) for a in result.in_force] == [([str(older)], str(newer), [])]
    assert result.in_force[0].current_url == f"/{coop.slug}/program/nyare/"


def test_two_replaced_programmes_with_the_same_successor_give_one_answer(coop):
    """oldest → between → older → newer: hits in oldest and older both answer with newer, once."""
    older, newer, goal = replaced_programme(coop)
    oldest, _goals = programme_with_goals(
        coop, {"INFRASTRUKTUR": ["Kollektivtrafiken på spår"]}, slug="aldst", year=2005
    )
    between, _goals = programme_with_goals(coop, {"Annat": ["Ett annat mål"]}, slug="mellan", year=2009)
    between.replaces = oldest
    between.save()
    older.replaces = between
    older.save()
    result = selectors.search(coop, None, "kollektivtrafiken")
    assert [(a.replaced, a.current) for a in result.in_force] == [([str(older), str(oldest)], str(newer))]
    with translation.override("sv"):
        assert _in_force_goals(result) == [(f"{older} och {oldest}", str(newer), "Infrastruktur", [goal.text])]


def test_the_end_of_the_chain_is_in_force_even_if_drawn_up_in_an_earlier_year(coop):
    """older (2013) → newer (2021) → a programme whose year drawn up is typed as 2020: the last one is in force."""
    older, newer, _goal = replaced_programme(coop)
    last, _goals = programme_with_goals(
        coop, {"Infrastruktur": ["Snabba resor i hela regionen"]}, slug="sist", year=2020
    )
    last.replaces = newer
    last.save()
    result = selectors.search(coop, None, "kollektivtrafiken")
    assert [a.current for a in result.in_force] == [str(last)]
