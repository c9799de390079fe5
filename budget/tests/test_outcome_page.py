"""The secretariat's outcome grid: permission matrix, all-or-nothing save, Swedish messages."""

import pytest

from budget.models import OutcomeEntry
from budget.tests.builders import build_budget
from core.tests.rows import new

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("committee", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("secretariat", 200),
    ],
)
def test_outcome_page_permission_matrix(coop, users, client_for, role, status):
    budget = build_budget(coop)
    line = budget.lines.get(label="Personal")
    c = client_for(users[role])
    url = f"/{coop.slug}/budget/2011/utfall/"
    response = c.get(url)
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == f"/konto/logga-in/?next={url}"
    response = c.post(url, {f"o-{line.pk}-1": "190000"})
    assert response.status_code == (302 if status in (200, 302) else 404)
    assert new(OutcomeEntry).exists() == (status == 200)


def test_outcome_grid_saves_and_audits(coop, users, client_for):
    budget = build_budget(coop)
    staff, studies = budget.lines.get(label="Personal"), budget.lines.get(label="Utredningar, konsultstöd mm")
    c = client_for(users["secretariat"])
    response = c.post(f"/{coop.slug}/budget/2011/utfall/", {f"o-{staff.pk}-1": "190 000", f"o-{studies.pk}-2": "5"})
    assert response.status_code == 302 and response["Location"] == f"/{coop.slug}/budget/2011/"
    assert sorted(OutcomeEntry.objects.values_list("amount", flat=True)) == [5, 190_000]
    assert OutcomeEntry.objects.get(amount=5).history.first().history_user == users["secretariat"]
    page = c.get(response["Location"]).content.decode()
    assert "Utfallet sparades." in page


def test_outcome_grid_with_one_bad_field_saves_nothing(coop, users, client_for):
    budget = build_budget(coop)
    staff, studies = budget.lines.get(label="Personal"), budget.lines.get(label="Utredningar, konsultstöd mm")
    c = client_for(users["secretariat"])
    response = c.post(f"/{coop.slug}/budget/2011/utfall/", {f"o-{staff.pk}-1": "190000", f"o-{studies.pk}-2": "-4"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Inget sparades." in html and "Beloppet får inte vara negativt." in html
    assert 'value="-4"' in html and 'aria-invalid="true"' in html
    assert not new(OutcomeEntry).exists()
