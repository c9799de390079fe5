import datetime as dt
import io

import docx
import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from core.tests.rows import new
from plans.models import Activity, ActivityReport, FollowUpRound, GoalAssessment, IndicatorValue
from plans.tests.builders import build_activity, build_indicator, build_round, goals

pytestmark = pytest.mark.django_db

#: "Today" for every test here: deadlines and reminders depend on it (Stockholm's date, as the code uses).
TODAY = dt.date(2027, 5, 12)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2027, 5, 12, 12, 0, tzinfo=dt.UTC)):
        yield


@pytest.fixture
def rnd(coop):
    return build_round(coop, deadline=TODAY + dt.timedelta(days=3))


@pytest.fixture
def acts(world):
    g = goals(world["programme"])
    return {
        "a": build_activity(world["plan_a"], g[:1], title="Näringslivsklimat"),
        "b": build_activity(world["plan_b"], g[1:2], title="IT-nyckeltal"),
    }


def edit_url(activity):
    return reverse("plans:activity_edit", args=["test", activity.pk])


def post_activity(client, activity, world, **overrides):
    data = {
        "title": "Ändrad",
        "description": "",
        "status": "ongoing",
        "start": "2011-02-01",
        "due": "2011-11-30",
        "goals": [g.pk for g in activity.goals.all()],
        "version": activity.version,
    }
    data.update(overrides)
    return client.post(edit_url(activity), data)


# --- permission matrix --------------------------------------------------------------------------

EDIT_ACTIVITY_A = {
    "anonymous": 302,
    "outsider": 404,
    "secretariat": 302,
    "management": 404,
    "committee": 404,
    "registrar": 404,
    "network_lead": 404,
    "lead_a": 302,
    "lead_b": 404,
}


@pytest.mark.parametrize("role,expected", EDIT_ACTIVITY_A.items())
def test_matrix_edit_activity_of_network_a(client_for, users, world, acts, role, expected):
    user = world.get(role) if role.startswith("lead_") else users[role]
    response = post_activity(client_for(user), acts["a"], world)
    assert response.status_code == expected
    changed = Activity.objects.get(pk=acts["a"].pk).title == "Ändrad"
    assert changed == (expected == 302 and role != "anonymous")
    if role == "anonymous":
        assert "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize(
    "role,expected",
    {
        "anonymous": 302,
        "outsider": 404,
        "secretariat": 200,
        "management": 404,
        "network_lead": 404,
        "lead_a": 200,
        "lead_b": 404,
    }.items(),
)
def test_matrix_report_form_of_network_a(client_for, users, world, acts, rnd, role, expected):
    user = world.get(role) if role.startswith("lead_") else users[role]
    response = client_for(user).get(reverse("plans:report", args=["test", rnd.pk, world["net_a"].slug]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "role,may",
    {
        "anonymous": False,
        "outsider": False,
        "secretariat": True,
        "management": False,
        "committee": False,
        "network_lead": False,
    }.items(),
)
def test_matrix_open_round(client_for, users, role, may):
    response = client_for(users[role]).post(
        reverse("plans:rounds", args=["test"]), {"year": 2011, "period": "t2", "deadline": "2011-09-15"}
    )
    assert new(FollowUpRound).exists() == may
    assert response.status_code == (302 if may else 404)


@pytest.mark.parametrize(
    "role,may",
    {"anonymous": False, "outsider": False, "secretariat": True, "management": False, "network_lead": False}.items(),
)
def test_matrix_close_round(client_for, users, rnd, role, may):
    client_for(users[role]).post(reverse("plans:round_close", args=["test", rnd.pk]), {"confirm": "1"})
    assert (new(FollowUpRound).get().state == "closed") == may


# The secretariat may draft assessments (issue 13); the management group decides them (test_assessment_drafts).
@pytest.mark.parametrize(
    "role,may",
    {
        "anonymous": False,
        "outsider": False,
        "secretariat": True,
        "management": True,
        "committee": False,
        "network_lead": False,
    }.items(),
)
def test_matrix_assess_goal(client_for, users, world, rnd, role, may):
    goal = goals(world["programme"], sub=False)[0]
    client_for(users[role]).post(
        reverse("plans:assess", args=["test", rnd.pk]),
        {f"grade-{goal.pk}": "green", f"motivation-{goal.pk}": "Bra", f"version-{goal.pk}": 0},
    )
    assert new(GoalAssessment).exists() == may


def test_public_pages_readable_by_anonymous(client, world, acts, rnd):
    for url in [
        reverse("plans:index", args=["test"]),
        reverse("plans:action_plans", args=["test", 2011]),
        reverse("plans:action_plan", args=["test", 2011, world["net_a"].slug]),
        reverse("plans:activities", args=["test"]),
        reverse("plans:rounds", args=["test"]),
        reverse("plans:round", args=["test", rnd.pk]),
        reverse("plans:evaluation", args=["test", 2011]),
    ]:
        assert client.get(url).status_code == 200, url


# --- bad input through the browser forms --------------------------------------------------------


def test_edit_with_due_before_start_shows_swedish_error_and_saves_nothing(client_for, world, acts):
    response = post_activity(client_for(world["lead_a"]), acts["a"], world, start="2011-06-01", due="2011-05-01")
    assert response.status_code == 200
    assert "Slutdatum kan inte ligga före startdatum." in response.content.decode()
    assert Activity.objects.get(pk=acts["a"].pk).title != "Ändrad"


def test_edit_serving_no_goal_is_refused(client_for, world, acts):
    response = post_activity(client_for(world["lead_a"]), acts["a"], world, goals=[])
    assert "En aktivitet måste tjäna minst ett mål" in response.content.decode()
    assert Activity.objects.get(pk=acts["a"].pk).version == 1


def test_stale_form_save_is_refused_and_shows_the_newer_version(client_for, world, acts, users):
    post_activity(client_for(users["secretariat"]), acts["a"], world, title="Kansliets version")
    response = post_activity(client_for(world["lead_a"]), acts["a"], world, title="Ledarens version")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat en nyare version (version 2" in text
    assert "Den nyare versionen (version 2)" in text and "Kansliets version" in text
    assert Activity.objects.get(pk=acts["a"].pk).title == "Kansliets version"


def test_create_activity_owned_by_another_network_refused(client_for, world, acts):
    url = reverse("plans:activity_create", args=["test", 2011, world["net_a"].slug])
    response = client_for(world["lead_a"]).post(
        url,
        {
            "title": "Ny",
            "status": "planned",
            "goals": [goals(world["programme"])[0].pk],
            "owner_membership": world["member_b"].pk,
        },
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert new(Activity).count() == 2


# --- the follow-up cycle ------------------------------------------------------------------------


def test_round_reported_by_two_leads_assessed_closed_and_frozen(client_for, users, world, acts, rnd):
    indicator = build_indicator(rnd.cooperation, goals(world["programme"], sub=False)[0], body=world["net_a"])
    pairs = ((world["lead_a"], world["net_a"], acts["a"]), (world["lead_b"], world["net_b"], acts["b"]))
    for lead, net, activity in pairs:
        data = {
            f"status-{activity.pk}": "done",
            f"comment-{activity.pk}": f"Klart av {net.name}",
            f"version-{activity.pk}": 0,
        }
        if net == world["net_a"]:
            data.update({f"value-{indicator.pk}": "12,5", f"iversion-{indicator.pk}": 0})
        response = client_for(lead).post(reverse("plans:report", args=["test", rnd.pk, net.slug]), data)
        assert response.status_code == 302
    assert ActivityReport.objects.filter(round=rnd).count() == 2
    assert str(new(IndicatorValue).get().value) == "12.50"
    goal = goals(world["programme"], sub=False)[0]
    client_for(users["management"]).post(
        reverse("plans:assess", args=["test", rnd.pk]),
        {f"grade-{goal.pk}": "green", f"motivation-{goal.pk}": "Alla aktiviteter klara", f"version-{goal.pk}": 0},
    )
    client_for(users["secretariat"]).post(reverse("plans:round_close", args=["test", rnd.pk]), {"confirm": "1"})
    page = client_for(None).get(reverse("plans:round", args=["test", rnd.pk])).content.decode()
    assert "grön: enligt plan" in page and "Alla aktiviteter klara" in page and "stängd" in page
    # Frozen: a further report is refused and nothing changes.
    response = client_for(world["lead_a"]).post(
        reverse("plans:report", args=["test", rnd.pk, world["net_a"].slug]),
        {f"status-{acts['a'].pk}": "delayed", f"version-{acts['a'].pk}": 1},
    )
    assert "Uppföljningsomgången är stängd" in response.content.decode()
    assert ActivityReport.objects.get(activity=acts["a"]).status == "done"
    from plans.selectors import goal_rollup

    rollup = goal_rollup(world["programme"])
    assert rollup[goal.pk]["assessment"] == "green"
    assert rollup[goal.pk]["assessment_label"] == "grön: enligt plan"
    assert rollup[goal.pk]["activities"] == 2 and rollup[goal.pk]["on_track"] == 2  # via its sub-goals


def test_xlsx_export_edit_import_roundtrip(client_for, world, acts, rnd):
    from openpyxl import Workbook, load_workbook

    c = client_for(world["lead_a"])
    response = c.get(reverse("plans:report_export", args=["test", rnd.pk, world["net_a"].slug, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][:2] == ["Typ", "Id"] and rows[1][2] == "Näringslivsklimat"
    rows[1][3], rows[1][4] = "försenad", "Väntar på beslut"
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "rapport.xlsx"
    response = c.post(
        reverse("plans:report_import", args=["test", rnd.pk, world["net_a"].slug]), {"file": buffer}, follow=True
    )
    assert "1 rad importerades." in response.content.decode()  # singular (issue 20: not "1 rader")
    report = new(ActivityReport).get()
    assert (report.status, report.comment) == ("delayed", "Väntar på beslut")


def test_csv_import_with_bad_rows_is_atomic_with_row_errors(client_for, world, acts, rnd):
    from django.core.files.uploadedfile import SimpleUploadedFile

    other = build_activity(world["plan_a"], goals(world["programme"])[:1], title="Andra")
    content = (
        "Typ;Id;Namn;Status;Kommentar;Värde;Enhet;Version\n"
        f"aktivitet;{acts['a'].pk};x;genomförd;ok;;;0\n"
        f"aktivitet;{other.pk};x;klar-ish;;;;0\n"
        f"aktivitet;{acts['b'].pk};x;genomförd;;;;0\n"
    ).encode()
    response = client_for(world["lead_a"]).post(
        reverse("plans:report_import", args=["test", rnd.pk, world["net_a"].slug]),
        {"file": SimpleUploadedFile("rapport.csv", content, content_type="text/csv")},
        follow=True,
    )
    text = response.content.decode()
    assert "Rad 3: Okänd status: klar-ish." in text
    assert f"Rad 4: Okänt aktivitets-id {acts['b'].pk} för det här nätverket." in text
    assert "Inget importerades." in text
    assert not new(ActivityReport).exists()


def test_reminders_go_to_leads_who_have_not_reported(world, acts, rnd, settings):
    from plans import services

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.activity_report_save(actor=world["lead_b"], round=rnd, activity=acts["b"], status="ongoing")
    call_command("send_followup_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world["lead_a"].email]
    assert "Påminnelse" in message.subject and "Näringslivschefer" in message.body
    assert f"/test/verksamhetsplan/uppfoljning/{rnd.pk}/rapport/{world['net_a'].slug}/" in message.body


def test_no_reminders_after_deadline_or_for_closed_rounds(world, acts, coop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    build_round(coop, period="t2", deadline=TODAY - dt.timedelta(days=1))
    build_round(coop, period="year", deadline=TODAY + dt.timedelta(days=2), state="closed")
    call_command("send_followup_reminders", stdout=io.StringIO())
    assert mail.outbox == []


# --- query bounds -------------------------------------------------------------------------------


def test_list_pages_have_bounded_queries(client, world, coop, rnd, django_assert_max_num_queries):
    from organisations.models import Municipality
    from plans import services

    g = goals(world["programme"])
    munis = list(Municipality.objects.all())
    for i in range(40):
        plan = world["plan_a"] if i % 2 else world["plan_b"]
        a = build_activity(plan, g[i % 3 : i % 3 + 2], title=f"A{i}")
        a.municipalities.set(munis)
        lead = world["lead_a"] if i % 2 else world["lead_b"]
        services.activity_report_save(actor=lead, round=rnd, activity=a, status="ongoing")
    for url in [
        reverse("plans:activities", args=["test"]),
        reverse("plans:activities", args=["test"]) + f"?year=2011&goal={g[0].pk}&status=ongoing",
        reverse("plans:action_plan", args=["test", 2011, world["net_a"].slug]),
        reverse("plans:action_plans", args=["test", 2011]),
        reverse("plans:round", args=["test", rnd.pk]),
        reverse("plans:evaluation", args=["test", 2011]),
        "/api/v1/cooperations/test/activities?page_size=100",
    ]:
        with django_assert_max_num_queries(22):  # constant: the same with 4 or 40 activities
            response = client.get(url)
        assert response.status_code == 200, url


def test_evaluation_report_pdf_and_docx_parse_back(client, users, world, acts, rnd):
    import docx
    from pypdf import PdfReader

    from plans import services

    services.activity_report_save(
        actor=world["lead_a"], round=rnd, activity=acts["a"], status="delayed", comment="Väntar på beslut"
    )
    goal = goals(world["programme"], sub=False)[0]
    services.goal_assessment_save(
        actor=users["management"], round=rnd, goal=goal, grade="yellow", motivation="En aktivitet är försenad"
    )
    pdf = client.get(reverse("plans:evaluation_pdf", args=["test", 2011]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
    for snippet in [
        "Uppföljning och utvärdering 2011",
        "Näringslivsklimat",
        "gul: delvis enligt plan",
        "En aktivitet är försenad",
        "försenad",
        "Väntar på beslut",
    ]:
        assert snippet in text, snippet
    document = docx.Document(io.BytesIO(client.get(reverse("plans:evaluation_docx", args=["test", 2011])).content))
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    paragraphs = " ".join(p.text for p in document.paragraphs)
    assert "Väntar på beslut" in cells and "IT-nyckeltal" in cells
    assert "gul: delvis enligt plan" in cells
    assert "Uppföljning och utvärdering 2011" in paragraphs


def test_activity_list_filters(client, world, acts, coop):
    from organisations.models import Municipality

    muni = Municipality.objects.filter(memberships_in_cooperations__cooperation=coop).first()
    acts["b"].municipalities.set([muni])
    Activity.objects.filter(pk=acts["a"].pk).update(status="delayed")
    url = reverse("plans:activities", args=["test"])

    def titles(query):
        return [a.title for a in client.get(url + query).context["activities"]]

    assert sorted(titles("")) == ["IT-nyckeltal", "Näringslivsklimat"]
    assert titles(f"?network={world['net_a'].slug}") == ["Näringslivsklimat"]
    assert titles("?status=delayed") == ["Näringslivsklimat"]
    assert titles(f"?municipality={muni.code}") == ["IT-nyckeltal"]
    g = goals(world["programme"])
    assert titles(f"?goal={g[1].pk}") == ["IT-nyckeltal"]
    top = goals(world["programme"], sub=False)[0]
    assert sorted(titles(f"?goal={top.pk}")) == ["IT-nyckeltal", "Näringslivsklimat"]  # via its sub-goals
    assert titles("?year=2012") == []
    assert client.get(url + "?status=nonsense&goal=x").status_code == 200


def test_formula_and_vertical_tab_are_safe_in_the_exports_the_import_and_the_documents(
    client_for, client, world, acts, rnd
):
    """A network lead's comment '=HYPERLINK(...)' never becomes a formula in what the secretariat downloads,
    and a vertical tab (Word's soft line break) in an activity title breaks neither XLSX nor DOCX nor PDF."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from plans import services

    Activity.objects.filter(pk=acts["a"].pk).update(title="Närings\x0blivsklimat")
    formula = '=HYPERLINK("http://x")'
    services.activity_report_save(
        actor=world["lead_a"], round=rnd, activity=acts["a"], status="delayed", comment=formula
    )
    c = client_for(world["lead_a"])
    args = ["test", rnd.pk, world["net_a"].slug]
    ws = load_workbook(io.BytesIO(c.get(reverse("plans:report_export", args=[*args, "xlsx"])).content)).active
    assert ws["C2"].value == "Närings\nlivsklimat"
    assert (ws["E2"].value, ws["E2"].data_type) == ("'" + formula, "s")
    assert not [cell.coordinate for row in ws.iter_rows() for cell in row if cell.data_type == "f"]

    csv_content = c.get(reverse("plans:report_export", args=[*args, "csv"])).content
    assert csv_content.decode("utf-8").split("\r\n")[1].split(";")[4] == '"\'=HYPERLINK(""http://x"")"'
    # What we export, the import reads back: the comment comes back as it was written, not with the apostrophe.
    response = c.post(
        reverse("plans:report_import", args=args),
        {"file": SimpleUploadedFile("rapport.csv", csv_content, content_type="text/csv")},
        follow=True,
    )
    assert "1 rad importerades." in response.content.decode()
    assert new(ActivityReport).get().comment == formula

    word = docx.Document(io.BytesIO(client.get(reverse("plans:evaluation_docx", args=["test", 2011])).content))
    cells = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert ["Näringslivschefer", "Närings\nlivsklimat", "försenad", formula] in cells
    pdf = client.get(reverse("plans:evaluation_pdf", args=["test", 2011]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert formula in text and "\x0b" not in text
