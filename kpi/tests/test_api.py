import pytest


@pytest.mark.django_db
def test_figures_list_and_detail(kpi_coop, client):
    response = client.get("/api/v1/kpi/figures?page_size=5")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 48 and len(data["items"]) == 5
    detail = client.get("/api/v1/kpi/figures/N01951").json()
    assert detail["title"] == "Invånare totalt, antal" and detail["unit"] == "antal" and detail["is_divided_by_gender"]
    assert client.get("/api/v1/kpi/figures/X00000").status_code == 404
    assert client.get("/api/v1/kpi/figures?q=Skattesats").json()["count"] == 2


@pytest.mark.django_db
def test_groups(kpi_coop, client):
    data = client.get("/api/v1/kpi/groups?cooperation=sodertorn").json()
    assert data["count"] == 1
    group = data["items"][0]
    assert group["name"] == "Södertörns nyckeltal" and group["kolada_group_id"] == "G96274"
    assert group["figures"][0] == {"kolada_id": "N01951", "focus_area": "Befolkning"}
    assert client.get("/api/v1/kpi/groups?cooperation=annan").json()["count"] == 0


@pytest.mark.django_db
def test_values_with_filters_and_provenance(kpi_demo, client):
    data = client.get("/api/v1/kpi/values?figure=N01951&municipality=0127&year_from=2010&year_to=2014&gender=T").json()
    assert data["count"] == 5
    assert [v["year"] for v in data["items"]] == [2010, 2011, 2012, 2013, 2014]
    last = data["items"][-1]
    assert float(last["value"]) == 88901 and last["municipality_name"] == "Botkyrka"
    assert last["import_kind"] == "test_data" and "sodertornsmodellen" in last["source"]
    real = client.get("/api/v1/kpi/values?figure=N00945&municipality=0180&year_from=2000&year_to=2000").json()
    assert real["count"] == 1 and real["items"][0]["import_kind"] == "csv"
    assert client.get("/api/v1/kpi/values?gender=K").json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,field,message",
    [
        ("figure=X00000", "figure", "Okänt nyckeltal X00000."),
        ("year_from=2014&year_to=2010", "year_to", "Årsintervallet är baklänges: 2010 kommer före 2014."),
        ("gender=Q", "gender", "Kön ska vara T, K eller M."),
    ],
)
def test_values_bad_filters_are_clear_400(kpi_coop, client, query, field, message):
    response = client.get(f"/api/v1/kpi/values?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]


@pytest.mark.django_db
def test_values_non_numeric_year_is_422(kpi_coop, client):
    response = client.get("/api/v1/kpi/values?year_from=tjugo")
    assert response.status_code == 422 and response.json()["detail"] == "Ogiltiga indata."


@pytest.mark.django_db
def test_api_lists_stay_under_a_query_bound(kpi_demo, client, django_assert_max_num_queries):
    from kpi.models import KeyFigure, KeyFigureGroup, KeyFigureGroupItem

    for i in range(12):
        group = KeyFigureGroup.objects.create(cooperation=kpi_demo, name=f"G{i}", slug=f"g{i}")
        for j, figure in enumerate(KeyFigure.objects.all()[:10]):
            KeyFigureGroupItem.objects.create(group=group, figure=figure, order=j)
    for url in [
        "/api/v1/kpi/values?page_size=500",
        "/api/v1/kpi/groups?page_size=100",
        "/api/v1/kpi/figures?page_size=100",
    ]:
        with django_assert_max_num_queries(5):
            response = client.get(url)
        assert response.status_code == 200 and response.json()["count"] >= 13


@pytest.mark.django_db
def test_population_values_follow_the_key_figure_values_across_pages(kpi_demo, client):
    """N01951: the county's 15 key-figure values, then the members' 120 population figures (the one
    store), paged as one list."""
    page = client.get("/api/v1/kpi/values?figure=N01951&page=2&page_size=10").json()
    assert page["count"] == 135
    assert [(v["municipality"], v["year"]) for v in page["items"]] == (
        [("0001", year) for year in range(2010, 2015)] + [("0126", year) for year in range(2000, 2005)]
    )
    assert {v["import_kind"] for v in page["items"]} == {"test_data"}
    last = client.get("/api/v1/kpi/values?figure=N01951&page=14&page_size=10").json()["items"]
    assert [(v["municipality"], v["year"], float(v["value"])) for v in last] == [
        ("0192", 2010, 26032.0),
        ("0192", 2011, 26248.0),
        ("0192", 2012, 26572.0),
        ("0192", 2013, 26796.0),
        ("0192", 2014, 27041.0),
    ]
