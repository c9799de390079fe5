"""The key-figure report is published by the secretariat's approval on the group page: at once on the publications
page and in the feeds (core/released.py). Approved is final: no channel changes or deletes a published report."""

import datetime as dt

import feedparser
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from conftest import db_state
from core.errors import DomainError
from core.formatting import sv_date
from core.services import SYSTEM, audited_delete, audited_save
from kpi import audit, selectors, services
from kpi.models import KeyFigureGroup, KeyFigureReport
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db

GROUP_URL = "/sodertorn/nyckeltal/sodertorns-nyckeltal/"
PUBLISH_URL = GROUP_URL + "2014/publicera/"
TITLE = "Nyckeltalsrapport Södertörns nyckeltal 2014"
BUTTON = "Publicera nyckeltalsrapporten för 2014"


@pytest.fixture
def group(kpi_demo):
    return kpi_demo.kpi_group


@pytest.fixture
def secretariat(kpi_demo):
    return build_user(kpi_demo, StaffRole.Role.SECRETARIAT, username="nyckelkansli")


def test_the_secretariat_publishes_the_report_and_it_is_listed_and_in_the_feed(group, secretariat, client_for, client):
    staff = client_for(secretariat)
    # The group page offers the button for the year shown, only to the secretariat.
    page = staff.get(GROUP_URL + "?ar=2014").content.decode()
    assert BUTTON in page and 'action="/sodertorn/nyckeltal/sodertorns-nyckeltal/2014/publicera/"' in page
    assert BUTTON not in client.get(GROUP_URL + "?ar=2014").content.decode()
    assert TITLE not in client.get("/sodertorn/publikationer/").content.decode()
    # The button asks for confirmation first: nothing is published yet.
    confirm = staff.post(PUBLISH_URL)
    assert confirm.status_code == 200 and "Ja, publicera nyckeltalsrapporten för 2014" in confirm.content.decode()
    assert not KeyFigureReport.objects.filter(group=group).exists()

    response = staff.post(PUBLISH_URL, {"confirm": "1", "note": "Beslutad av styrelsen."})
    assert response.status_code == 302 and response.url == GROUP_URL + "?ar=2014"
    report = KeyFigureReport.objects.get(group=group, year=2014)
    assert report.approved_by == secretariat and report.approved_on == timezone.localdate()
    assert report.note == "Beslutad av styrelsen."
    assert report.history.get().history_change_reason.startswith(audit.REPORT_APPROVED)

    after = staff.get(response.url).content.decode()
    assert f"Publicerad {sv_date(report.approved_on)}" in after and BUTTON not in after
    assert f"Publicerad {sv_date(report.approved_on)}" in client.get(GROUP_URL + "?ar=2014").content.decode()
    # Another year of the same group still has its button.
    assert "Publicera nyckeltalsrapporten för 2013" in staff.get(GROUP_URL + "?ar=2013").content.decode()

    listing = client.get("/sodertorn/publikationer/").content.decode()
    assert TITLE in listing and 'href="/sodertorn/nyckeltal/sodertorns-nyckeltal/?ar=2014"' in listing
    assert "Beslutad av styrelsen." in listing  # the note, as the summary
    atom = feedparser.parse(client.get("/sodertorn/nyheter/atom.xml").content)
    assert not atom.bozo, atom.bozo_exception
    entry = next(e for e in atom.entries if TITLE in e.title)
    assert entry.title == f"Rapport: {TITLE}"
    assert entry.link.endswith("/sodertorn/nyckeltal/sodertorns-nyckeltal/?ar=2014")
    linked = client.get(entry.link.split("testserver", 1)[-1])
    assert linked.status_code == 200 and f"Publicerad {sv_date(report.approved_on)}" in linked.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "management", "committee", "network_lead", "other_secretariat"])
def test_only_the_groups_secretariat_may_publish(group, role, client_for, coop):
    user = {
        "anonymous": None,
        "management": build_user(group.cooperation, StaffRole.Role.MANAGEMENT),
        "committee": build_user(group.cooperation, StaffRole.Role.COMMITTEE),
        "network_lead": build_user(group.cooperation, StaffRole.Role.NETWORK_LEAD),
        "other_secretariat": build_user(coop, StaffRole.Role.SECRETARIAT),
    }[role]
    c = client_for(user)
    before = db_state(KeyFigureReport)
    assert BUTTON not in c.get(GROUP_URL + "?ar=2014").content.decode()
    for data in ({}, {"confirm": "1"}):
        response = c.post(PUBLISH_URL, data)
        if user is None:
            assert response.status_code == 302 and response.url.startswith("/konto/logga-in/")
        else:
            assert response.status_code == 404
    if user is not None:
        with pytest.raises(PermissionDenied):
            services.report_approve(actor=user, group=group, year=2014)
    assert db_state(KeyFigureReport) == before


def test_a_year_without_values_is_refused_in_swedish(group, secretariat, client_for):
    assert 1999 not in selectors.years_with_data(group)
    before = db_state(KeyFigureReport)
    with pytest.raises(DomainError) as exc:
        services.report_approve(actor=secretariat, group=group, year=1999)
    assert "Södertörns nyckeltal har inga värden för 1999" in str(exc.value)
    response = client_for(secretariat).post(GROUP_URL + "1999/publicera/", {"confirm": "1"})
    assert response.status_code == 400
    assert "har inga värden för 1999: det finns ingen nyckeltalsrapport att publicera" in response.content.decode()
    assert db_state(KeyFigureReport) == before


def test_a_second_approval_of_the_same_year_is_refused(group, secretariat, client_for):
    first = services.report_approve(actor=secretariat, group=group, year=2014, approved_on=dt.date(2015, 3, 1))
    before = db_state(KeyFigureReport)
    with pytest.raises(DomainError) as exc:
        services.report_approve(actor=secretariat, group=group, year=2014)
    assert "Nyckeltalsrapporten för Södertörns nyckeltal 2014 är redan publicerad." in str(exc.value)
    response = client_for(secretariat).post(PUBLISH_URL, {"confirm": "1"}, follow=True)
    assert "Nyckeltalsrapporten för 2014 är redan publicerad." in response.content.decode()
    assert db_state(KeyFigureReport) == before
    assert KeyFigureReport.objects.get(group=group, year=2014).approved_on == first.approved_on


def test_a_published_report_cannot_be_changed_or_deleted_by_services_or_the_model(group, secretariat):
    report = services.report_approve(actor=secretariat, group=group, year=2014, note="Första")
    before = db_state(KeyFigureReport)
    changed = KeyFigureReport.objects.get(pk=report.pk)
    changed.note, changed.year = "Ändrad", 2013
    with pytest.raises(DomainError, match="publicerad och kan inte längre ändras"):
        audited_save(changed, actor=SYSTEM, action=audit.REPORT_APPROVED)
    with pytest.raises(DomainError):
        audited_delete(changed, actor=SYSTEM, action=audit.REPORT_APPROVED)
    with pytest.raises(DomainError):
        changed.delete()
    assert db_state(KeyFigureReport) == before
    # Nor may the group be deleted from under it (its reports are kept).
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        KeyFigureGroup.objects.get(pk=group.pk).delete()
    assert not secretariat.has_perm("kpi.change_keyfigurereport", report)
    assert not secretariat.has_perm("kpi.delete_keyfigurereport", report)


def test_a_published_report_cannot_be_added_changed_or_deleted_in_the_admin(group, secretariat, client_for):
    report = services.report_approve(actor=SYSTEM, group=group, year=2014, note="Första")
    before = db_state(KeyFigureReport)
    for user in (secretariat, build_user(username="rotkonto", is_superuser=True, is_staff=True)):
        admin = client_for(user)
        url = f"/admin/kpi/keyfigurereport/{report.pk}/change/"
        page = admin.get(url)
        assert page.status_code == 200 and 'name="note"' not in page.content.decode()  # read-only
        assert admin.post(url, {"note": "Ändrad", "year": "2013"}).status_code == 403
        assert admin.post(f"/admin/kpi/keyfigurereport/{report.pk}/delete/", {"post": "yes"}).status_code == 403
        assert admin.get("/admin/kpi/keyfigurereport/add/").status_code == 403
    assert db_state(KeyFigureReport) == before


def test_released_reports_is_one_query_for_ten_reports(group, django_assert_num_queries):
    years = selectors.years_with_data(group)[:10]
    assert len(years) == 10
    for n, year in enumerate(years):
        services.report_approve(actor=SYSTEM, group=group, year=year, approved_on=dt.date(2020, 1, 1 + n))
    with django_assert_num_queries(1):
        releases = selectors.released_reports(group.cooperation)
    assert len(releases) == 10
    assert releases[0].title == f"Nyckeltalsrapport Södertörns nyckeltal {years[-1]}"
    assert releases[0].date == dt.date(2020, 1, 10) and releases[0].kind == "report"
    assert {r.key for r in releases} == {f"kpi.report:{r.pk}" for r in KeyFigureReport.objects.filter(group=group)}
    with translation.override("en"):
        assert selectors.released_reports(group.cooperation)[0].title == (
            f"Key-figure report Södertörns nyckeltal {years[-1]}"
        )


def test_another_cooperations_reports_are_not_released_with_it(group, coop):
    services.report_approve(actor=SYSTEM, group=group, year=2014)
    assert selectors.released_reports(coop) == []
    assert [r.title for r in selectors.released_reports(group.cooperation)] == [TITLE]
