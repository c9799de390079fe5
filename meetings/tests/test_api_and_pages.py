import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from core.tests.rows import new
from meetings.models import Conference, ConferenceSeries, Meeting, Minutes
from meetings.tests.builders import committee_and_group
from organisations.models import Body
from organisations.testing import build_body

pytestmark = pytest.mark.django_db


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


MATRIX = [
    ("anonymous", 401),
    ("outsider", 404),
    ("committee", 404),
    ("management", 404),
    ("registrar", 404),
    ("network_lead", 404),
    ("secretariat", 201),
]


@pytest.mark.parametrize("role,status", MATRIX)
def test_api_create_meeting_matrix(coop, users, client_for, role, status):
    committee, _ = committee_and_group(coop)
    host = coop.members.first().municipality
    response = _post(
        client_for(users[role]),
        f"/api/v1/cooperations/{coop.slug}/meetings",
        {
            "body_slug": committee.slug,
            "date": "2027-03-04",
            "start_time": "12:00",
            "end_time": "15:00",
            "host_code": host.code,
        },
    )
    assert response.status_code == status, response.content
    assert new(Meeting).count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["host_code"] == host.code


@pytest.mark.parametrize("role,status", [(r, 200 if s == 201 else s) for r, s in MATRIX])
def test_api_edit_meeting_matrix(coop, users, client_for, role, status):
    committee, _ = committee_and_group(coop)
    m = Meeting.objects.create(
        body=committee, date=dt.date(2027, 3, 4), status="published", start_time=dt.time(12), end_time=dt.time(15)
    )
    response = _post(
        client_for(users[role]),
        f"/api/v1/meetings/{m.pk}",
        {"body_slug": committee.slug, "date": "2027-03-11", "start_time": "12:00", "end_time": "15:00"},
        "put",
    )
    assert response.status_code == status
    m.refresh_from_db()
    assert (m.date == dt.date(2027, 3, 11)) == (status == 200)
    assert m.sequence == (1 if status == 200 else 0)


def test_api_bad_input_is_swedish_and_saves_nothing(coop, users, client_for):
    committee, _ = committee_and_group(coop)
    client = client_for(users["secretariat"])
    url = f"/api/v1/cooperations/{coop.slug}/meetings"
    r = _post(
        client, url, {"body_slug": committee.slug, "date": "2027-03-04", "start_time": "15:00", "end_time": "12:00"}
    )
    assert r.status_code == 400 and "Mötet kan inte sluta innan det börjar." in r.json()["detail"]
    from organisations.testing import build_municipality

    stranger = build_municipality("Främlingsby")
    r = _post(client, url, {"body_slug": committee.slug, "date": "2027-03-04", "host_code": stranger.code})
    assert r.status_code == 400 and "inte medlem" in r.json()["detail"]
    foreign = build_body(users["outsider"].staff_roles.first().cooperation, Body.Kind.COMMITTEE)
    r = _post(client, url, {"body_slug": foreign.slug, "date": "2027-03-04"})
    assert r.status_code == 400 and "Organet finns inte i detta samarbete." in r.json()["detail"]
    assert not new(Meeting).exists()


def test_api_reads(sodertorn, client):
    r = client.get("/api/v1/cooperations/sodertorn/meetings?year=2011&body=samarbetskommitten")
    items = r.json()["items"]
    assert [i["date"] for i in items if i["kind"] == "ordinary"] == [
        "2011-01-27",
        "2011-04-14",
        "2011-06-09",
        "2011-09-22",
        "2011-11-03",
        "2011-12-08",
    ]
    r = client.get("/api/v1/cooperations/sodertorn/conferences?year=2011")
    assert {(i["series_name"], tuple(i["hosts"])) for i in r.json()["items"]} >= {
        ("Södertörnskonferensen", ("Huddinge", "Tyresö")),
        ("Södertörns rådslag", ("Salem",)),
    }
    r = client.get("/api/v1/cooperations/sodertorn/minutes")
    minutes = r.json()["items"][0]
    # the demo's minutes are example minutes with placeholder names (seed 002 is Tyresö's, not the committee's)
    assert [p["number"] for p in minutes["paragraphs"]] == [1, 2, 3]
    assert minutes["attendance"] and not any("Ulrica" in a["name"] for a in minutes["attendance"])
    assert client.get("/api/v1/meetings/999999").status_code == 404


def _scale(coop, factor=10):
    """10× the demo: many bodies with meetings and conferences with hosts."""
    committee, group = committee_and_group(coop)
    munis = [m.municipality for m in coop.members.all()]
    series = ConferenceSeries.objects.create(cooperation=coop, name="Rådslag", slug="radslag", rotation_start_year=2011)
    meetings = []
    for i in range(factor * 6):
        body = build_body(coop, Body.Kind.NETWORK) if i % 6 == 0 else committee
        meetings.append(
            Meeting(
                body=body,
                date=dt.date(2011, 1, 3) + dt.timedelta(days=5 * i),
                start_time=dt.time(12),
                end_time=dt.time(15),
                host=munis[i % len(munis)],
                status="published",
            )
        )
    Meeting.objects.bulk_create(meetings)
    for i in range(factor * 3):
        c = Conference.objects.create(series=series, year=2011, date=dt.date(2011, 2, 1) + dt.timedelta(days=7 * i))
        c.hosts.set(munis[:2])


@pytest.mark.parametrize(
    "url",
    [
        "/{slug}/kalender/?ar=2011",
        "/{slug}/kalender.ics",
        "/{slug}/kalender/2011/3/",
        "/api/v1/cooperations/{slug}/meetings",
        "/api/v1/cooperations/{slug}/conferences",
    ],
)
def test_query_bounds(coop, client, django_assert_max_num_queries, url):
    _scale(coop)
    with django_assert_max_num_queries(16):
        response = client.get(url.format(slug=coop.slug))
    assert response.status_code == 200


def test_pages(sodertorn, client):
    m = Meeting.objects.get(body__slug="samarbetskommitten", date=dt.date(2011, 1, 27), kind="ordinary")
    html = client.get(f"/sodertorn/kalender/mote/{m.pk}/").content.decode()
    assert "Haninge" in html and "12.00–15.00" in html and "torsdag" in html
    html = client.get("/sodertorn/kalender/2011/1/").content.decode()
    assert "Januari 2011" in html and "Södertörns samarbetskommitté" in html
    html = client.get("/sodertorn/kalender/konferenser/radslag/").content.decode()
    assert "2021" in html and "Botkyrka" in html
    html = client.get("/sodertorn/kalender/?ar=2014").content.decode()
    for text in [
        "31 januari",
        "fredag kl 10–12",
        "Botkyrka",
        "24 april",
        "Södertälje",
        "23 oktober",
        "4 december",
        "23 januari",
        "från 13.30",
        "3–4 april",
        "21 november",
        "8 maj",
        "Tyresö",
    ]:
        assert text in html, text
    assert client.get("/sodertorn/kalender/?ar=abc").status_code == 404
    assert client.get("/sodertorn/kalender/2011/13/").status_code == 404
    assert client.get("/okand/kalender/").status_code == 404
    body_feed = client.get("/sodertorn/kalender/organ/ledningsgruppen.ics")
    assert body_feed.status_code == 200 and b"Ledningsgruppen" in body_feed.content
    assert "Södertörns rådslag".encode() not in body_feed.content


def test_meeting_of_other_cooperation_is_404(coop, other_coop, client):
    body = build_body(other_coop, Body.Kind.COMMITTEE)
    m = Meeting.objects.create(body=body, date=dt.date(2027, 1, 1), status="published")
    assert client.get(f"/{coop.slug}/kalender/mote/{m.pk}/").status_code == 404
    assert client.get(f"/{other_coop.slug}/kalender/mote/{m.pk}/").status_code == 200


def test_minutes_pages_and_pdfs(sodertorn, client):
    # The demo's minutes are example minutes (issue 14): marked, placeholder names, no notice-board posting.
    minutes = Minutes.objects.get(meeting__body__cooperation=sodertorn)
    html = client.get(f"/sodertorn/protokoll/{minutes.pk}/").content.decode()
    for text in ["1–3", "Sekreterare (platshållare)", "Exempelärende", "data-example"]:
        assert text in html, text
    assert "ANSLAG / BEVIS" not in html
    r = client.get(f"/sodertorn/protokoll/{minutes.pk}/utdrag/3.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    for snippet in ["PROTOKOLLSUTDRAG", "§ 3", "UTDRAG", "Exempelärende", "Utdragsbestyrkande", "Justerandes sign"]:
        assert snippet in text, snippet
    assert "Val av justerare" not in text
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())
    whole = PdfReader(io.BytesIO(client.get(f"/sodertorn/protokoll/{minutes.pk}/protokoll.pdf").content))
    text = " ".join(p.extract_text() for p in whole.pages)
    assert "SAMMANTRÄDESPROTOKOLL" in text and "Närvarolista" in text and "§ 1" in text and "exempeldata" in text
    assert client.get(f"/sodertorn/protokoll/{minutes.pk}/utdrag/99.pdf").status_code == 404


@pytest.mark.parametrize("role,status", [(r, 204 if s == 201 else s) for r, s in MATRIX])
def test_api_delete_meeting_matrix(coop, users, client_for, role, status):
    committee, _ = committee_and_group(coop)
    m = Meeting.objects.create(body=committee, date=dt.date(2027, 3, 4), status="published")
    response = client_for(users[role]).delete(f"/api/v1/meetings/{m.pk}")
    assert response.status_code == status
    assert Meeting.objects.filter(pk=m.pk).exists() == (status != 204)


def test_api_delete_meeting_with_minutes_refused(coop, users, client_for):
    committee, _ = committee_and_group(coop)
    m = Meeting.objects.create(body=committee, date=dt.date(2027, 3, 4), status="published")
    Minutes.objects.create(meeting=m)
    response = client_for(users["secretariat"]).delete(f"/api/v1/meetings/{m.pk}")
    assert response.status_code == 400 and "har protokoll" in response.json()["detail"]
    assert Meeting.objects.filter(pk=m.pk).exists()


def test_minutes_query_bounds(coop, client, django_assert_max_num_queries):
    from meetings.models import Attendance, Paragraph

    committee, _ = committee_and_group(coop)
    for i in range(30):
        m = Meeting.objects.create(
            body=committee, date=dt.date(2019, 1, 1) + dt.timedelta(days=7 * i), status="published"
        )
        mins = Minutes.objects.create(meeting=m, status=Minutes.Status.APPROVED)  # public (core.publication)
        Paragraph.objects.bulk_create(
            [
                Paragraph(minutes=mins, body=committee, year=2019, number=i * 10 + k, title=f"Ärende {k}")
                for k in range(10)
            ]
        )
        Attendance.objects.bulk_create(
            [Attendance(minutes=mins, category="voting", name=f"Person {k}") for k in range(10)]
        )
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/cooperations/{coop.slug}/minutes").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/{coop.slug}/protokoll/{mins.pk}/").status_code == 200
