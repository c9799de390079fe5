import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url

from core.tests.rows import new
from organisations.models import StaffRole
from programme.models import AdoptionStep, Goal
from programme.tests.builders import build_programme, minimal_pdf


@pytest.fixture
def prog(coop):
    return build_programme(coop, slug="sup-2035", short_name="SUP 2035", name="Utvecklingsprogram 2035")


def own_municipality(user):
    return StaffRole.objects.get(user=user).municipality


PAGES = [
    ("/test/program/", "Utvecklingsprogram 2035"),
    ("/test/program/historik/", "Utvecklingsprogram 2035"),
    ("/test/program/sup-2035/", "Delmål 2.3"),
    ("/test/program/sup-2035/maltrad/", "Delmål 1.2"),
    ("/test/program/sup-2035/andringar/", "Ändringshistorik"),
]


@pytest.mark.parametrize("path,text", PAGES)
def test_public_pages(client, prog, path, text):
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/test/program/okand/",
        "/test/program/okand/maltrad/",
        "/test/program/okand/pdf/",
        "/annan/program/sup-2035/",
        "/finnsinte/program/",
    ],
)
def test_unknown_and_other_cooperations_programmes_are_404(client, prog, other_coop, path):
    assert client.get(path).status_code == 404


def test_empty_cooperation_has_a_page(client, coop):
    response = client.get("/test/program/")
    assert response.status_code == 200 and "Inget program har registrerats än." in response.content.decode()


def test_menu_has_programme(client, prog):
    html = client.get("/test/").content.decode()
    assert 'href="/test/program/"' in html


def test_audit_page_lists_changes_and_shows_who_only_to_staff(client, client_for, prog, users):
    from programme import services

    m = own_municipality(users["registrar"])
    services.adoption_step_record(
        actor=users["registrar"],
        adoption_round=prog.adoption_round,
        municipality=m,
        kind="decision",
        body_name="Kommunstyrelsen",
        meeting_date=dt.date(2019, 9, 2),
        outcome="adopted",
        paragraph="5",
    )
    goal = Goal.objects.filter(focus_area__programme=prog).first()
    goal.text = "Omformulerat mål"
    goal.save()
    html = client.get("/test/program/sup-2035/andringar/").content.decode()
    # Issue 11: the public change log showed staff usernames.
    assert "registrator" not in html and "Steg registrerat" in html
    assert "Omformulerat mål" in html and "Ändrad (text)" in html
    assert "registrator" not in client_for(users["outsider"]).get("/test/program/sup-2035/andringar/").content.decode()
    staff_html = client_for(users["committee"]).get("/test/program/sup-2035/andringar/").content.decode()
    assert "registrator" in staff_html and "Steg registrerat" in staff_html


# ---- recording an adoption in the browser: permission matrix ------------------------------------------------


def _post(client, url, **overrides):
    data = {
        "case_number": "2019/KS 1",
        "kind": "decision",
        "body_name": "Kommunstyrelsen",
        "meeting_date": "2019-09-02",
        "paragraph": "12",
        "outcome": "adopted",
        "text": "Godkänns.",
    }
    data.update(overrides)
    return client.post(url, data)


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("committee", 404),
        ("network_lead", 404),
        ("registrar", 302),
        ("secretariat", 302),
    ],
)
def test_record_matrix(client_for, prog, users, role, expected, settings):
    m = own_municipality(users["registrar"])
    url = f"/test/program/sup-2035/antagande/{m.code}/"
    c = client_for(users[role])
    response = _post(c, url)
    assert response.status_code == expected
    saved = AdoptionStep.objects.filter(adoption__municipality=m).exists()
    assert saved == (role in ("registrar", "secretariat"))
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_registrar_cannot_open_another_municipalitys_case(client_for, prog, users, coop):
    own = own_municipality(users["registrar"])
    other = next(m for m in coop.current_members() if m != own)
    c = client_for(users["registrar"])
    assert c.get(f"/test/program/sup-2035/antagande/{other.code}/").status_code == 404
    assert _post(c, f"/test/program/sup-2035/antagande/{other.code}/").status_code == 404
    assert not new(AdoptionStep).exists()
    # the matrix offers the registrar only their own municipality
    html = c.get("/test/program/").content.decode()
    assert f"/antagande/{own.code}/" in html and f"/antagande/{other.code}/" not in html


def test_anonymous_sees_no_record_links(client, prog):
    assert "/antagande/" not in client.get("/test/program/").content.decode()


@time_machine.travel(dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.UTC), tick=False)
def test_form_refuses_future_date_and_non_pdf_in_swedish(client_for, prog, users):
    m = own_municipality(users["registrar"])
    c = client_for(users["registrar"])
    url = f"/test/program/sup-2035/antagande/{m.code}/"
    future = "2027-03-13"  # three days after the pinned today
    response = _post(c, url, meeting_date=future)
    assert response.status_code == 200
    assert "Sammanträdesdatumet kan inte ligga i framtiden." in response.content.decode()
    bad = SimpleUploadedFile("utdrag.pdf", b"GIF89a....", content_type="application/pdf")
    response = _post(c, url, extract=bad)
    assert "Filen går inte att läsa som PDF." in response.content.decode()
    assert not new(AdoptionStep).exists()
    good = SimpleUploadedFile("utdrag.pdf", minimal_pdf(), content_type="application/pdf")
    response = _post(c, url, extract=good)
    assert response.status_code == 302
    step = new(AdoptionStep).get()
    assert step.extract and step.paragraph == "§ 12" and step.adoption.case_number == "2019/KS 1"
    html = c.get("/test/program/").content.decode()
    assert "1 av 3 har antagit" in html and "§ 12" in html


def test_registrar_corrects_own_step(client_for, prog, users):
    m = own_municipality(users["registrar"])
    c = client_for(users["registrar"])
    _post(c, f"/test/program/sup-2035/antagande/{m.code}/")
    step = new(AdoptionStep).get()
    url = f"/test/program/sup-2035/antagande/{m.code}/steg/{step.pk}/"
    assert c.get(url).status_code == 200
    response = _post(c, url, paragraph="13")
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.paragraph == "§ 13" and step.history.count() == 2
    # management may not
    assert _post(_client(users["management"]), url, paragraph="99").status_code == 404
    step.refresh_from_db()
    assert step.paragraph == "§ 13"


def _client(user):
    from django.test import Client

    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


# ---- documents ----------------------------------------------------------------------------------------------


def test_pdf_download_parses_back_with_vision_and_all_goals(client, prog):
    from pypdf import PdfReader

    response = client.get("/test/program/sup-2035/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Visionen om samverkan" in text
    for goal in Goal.objects.filter(focus_area__programme=prog):
        assert goal.text in text
    assert "0 av 3 har antagit" in text
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())


def test_docx_download_parses_back_with_vision_and_all_goals(client, prog):
    import docx

    response = client.get("/test/program/sup-2035/docx/")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Visionen om samverkan" in text
    for goal in Goal.objects.filter(focus_area__programme=prog):
        assert goal.text in text
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "Ej behandlat" in cells


def test_sodertorn_documents_contain_sup_2035(client, sodertorn):
    import docx

    document = docx.Document(io.BytesIO(client.get("/sodertorn/program/sup-2035/docx/").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Södertörn driver Stockholmsregionen" in text and "Genom samsyn om helheten" in text


# ---- query bounds (10× the demo) ----------------------------------------------------------------------------


@pytest.fixture
def big(coop, users):
    from organisations.models import CooperationMember
    from organisations.testing import build_municipality
    from programme import services

    for _ in range(77):
        CooperationMember.objects.create(
            cooperation=coop, municipality=build_municipality(), joined=dt.date(2010, 1, 1)
        )
    previous = None
    for i in range(40):  # 10x the demo's programmes; the last with 10x its goal tree
        last = i == 39
        previous = build_programme(
            coop,
            slug=f"p-{i}",
            areas=40 if last else 1,
            subgoals=3 if last else 0,
            replaces=previous,
            year=1980 + i,
            sent=last or i % 3 == 0,
        )
    for m in list(coop.current_members())[:60]:
        for day in (1, 2):
            services.adoption_step_record(
                actor=users["secretariat"],
                adoption_round=previous.adoption_round,
                municipality=m,
                kind="preparation" if day == 1 else "decision",
                body_name="KS",
                meeting_date=dt.date(2019, 9, day),
                outcome="proposed" if day == 1 else "adopted",
            )
    return previous


@pytest.mark.parametrize(
    "path",
    [
        "/test/program/",
        "/test/program/historik/",
        "/test/program/p-39/",
        "/test/program/p-39/maltrad/",
        "/test/program/p-39/andringar/",
    ],
)
def test_pages_have_bounded_queries(client_for, big, users, path, django_assert_max_num_queries):
    c = client_for(users["secretariat"])
    with django_assert_max_num_queries(25):
        response = c.get(path)
    assert response.status_code == 200


def test_api_list_and_detail_have_bounded_queries(client, big, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/cooperations/test/programmes?page_size=100")
    assert response.status_code == 200 and response.json()["count"] == 40
    with django_assert_max_num_queries(15):
        response = client.get(f"/api/v1/programmes/{big.pk}")
    assert response.status_code == 200
    data = response.json()
    assert len(data["focus_areas"]) == 40 and len(data["adoptions"]) == 80
