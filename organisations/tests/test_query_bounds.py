"""Every public page of the organisation register stays under a fixed number of queries with ten
times the demo data (80 municipalities, 700 bodies, 3 500 memberships, 140 organisations)."""

import pytest

from organisations.tests.bigdata import build_big_cooperation

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


@pytest.fixture
def big(db):
    return build_big_cooperation()


def pages(coop):
    body = coop.bodies.order_by("pk").first()
    network = coop.bodies.filter(kind="network").first()
    org = coop.organisations.filter(kind="company").first()
    owner_org = coop.organisations.filter(owned_shares__isnull=False).first()
    muni = coop.members.first().municipality
    return [
        f"/{coop.slug}/",
        f"/{coop.slug}/kommuner/",
        f"/{coop.slug}/kommuner/{muni.code}/",
        f"/{coop.slug}/organ/",
        f"/{coop.slug}/organ/{body.slug}/",
        f"/{coop.slug}/organ/{network.slug}/",
        f"/{coop.slug}/natverk/",
        f"/{coop.slug}/organisationer/",
        f"/{coop.slug}/organisationer/{org.slug}/",
        f"/{coop.slug}/organisationer/{owner_org.slug}/",
    ]


def test_the_big_data_is_ten_times_the_demo(big):
    assert big.members.count() == 80
    assert big.bodies.count() == 700
    assert big.bodies.filter(memberships__isnull=False).distinct().count() == 700
    assert big.organisations.count() == 140


def test_every_page_stays_under_the_query_bound(big, client, django_assert_max_num_queries):
    for path in pages(big):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(path)
        assert response.status_code == 200, path


def test_pages_show_the_big_data(big, client):
    html = client.get(f"/{big.slug}/kommuner/").content.decode()
    assert html.count("Storkommun") >= 80
    # 490 networks and working groups, 50 to a page: the nav names every field with its count and the page it
    # starts on; the last page holds the last network.
    from organisations.models import Body
    from organisations.selectors import NETWORKS_PER_PAGE

    networks = Body.objects.filter(cooperation=big, kind__in=["network", "working_group"]).order_by("field", "name")
    total = networks.count()
    pages = -(-total // NETWORKS_PER_PAGE)
    html = client.get(f"/{big.slug}/natverk/").content.decode()
    assert html.count('class="card"') == NETWORKS_PER_PAGE and f"Sida 1 av {pages}" in html
    assert f"Visar 1–{NETWORKS_PER_PAGE} av {total}." in html
    last = networks.last()
    assert last.name not in html
    html = client.get(f"/{big.slug}/natverk/?sida={pages}").content.decode()
    assert last.name in html and f"Sida {pages} av {pages}" in html
    assert html.count('class="card"') == total - (pages - 1) * NETWORKS_PER_PAGE
    # The body list pages the same networks; its first page also holds the steering bodies' table.
    first = client.get(f"/{big.slug}/organ/").content.decode()
    later = client.get(f"/{big.slug}/organ/?sida=2").content.decode()
    assert "Styrning och stöd" in first and "Styrning och stöd" not in later
    assert "Sida 2 av" in later
    html = client.get(f"/{big.slug}/organisationer/").content.decode()
    assert "Organisation 139" in html


API_LISTS = [
    "/api/v1/municipalities?page_size=500",
    "/api/v1/cooperations",
    "/api/v1/cooperations/stor",
    "/api/v1/cooperations/stor/bodies?page_size=500",
    "/api/v1/cooperations/stor/memberships?page_size=500",
    "/api/v1/cooperations/stor/organisations?page_size=500",
]


@pytest.mark.parametrize("path", API_LISTS)
def test_api_lists_stay_under_the_query_bound(big, client, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(6):
        response = client.get(path)
    assert response.status_code == 200
