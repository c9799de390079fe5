import random
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from core.services import SYSTEM
from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureGroup, KeyFigureGroupItem, KeyFigureValue
from organisations.models import Population

GROUP_URL = "/sodertorn/nyckeltal/sodertorns-nyckeltal/"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_index_lists_groups_with_source_and_menu_entry(kpi_demo, client):
    response = client.get("/sodertorn/nyckeltal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Södertörns nyckeltal" in html and "Källa: Kolada" in html
    assert 'href="/sodertorn/nyckeltal/"' in html  # main menu
    assert "10 nyckeltal" in text_of(response)


@pytest.mark.django_db
def test_comparison_page_shows_all_members_average_county_and_says_how_it_weighs(kpi_demo, client):
    response = client.get(GROUP_URL + "?ar=2014&visa=alla")  # the complete table (the first view is turned)
    assert response.status_code == 200
    text = text_of(response)
    for name in [
        "Botkyrka",
        "Haninge",
        "Huddinge",
        "Nykvarn",
        "Nynäshamn",
        "Salem",
        "Södertälje",
        "Tyresö",
        "Region Stockholm",
        "Riket",
        "Södertörnskommunerna (ovägt medel)",
    ]:
        assert name in text
    assert "88 901" in text and "104 185" in text  # Botkyrka, Huddinge 2014
    assert "466 114" in text  # the sum of the members' population
    assert "viktat med folkmängd" in text and "Källa: Kolada" in text
    assert "Testdata, inte Koladas egna värden" in text
    assert "rang 1" in text and "+1 321 sedan 2013" in text


@pytest.mark.django_db
def test_comparison_sorting_links(kpi_demo, client):
    text = text_of(client.get(GROUP_URL + "?ar=2014&visa=alla&sortera=N01951&ordning=fallande"))
    assert text.index("Huddinge") < text.index("Södertälje") < text.index("Botkyrka") < text.index("Nykvarn")
    assert "(fallande)" in text


@pytest.mark.django_db
def test_default_year_is_the_latest_with_most_figures(kpi_demo, client):
    response = client.get(GROUP_URL)
    assert response.context["year"] == 2010  # population and employment both exist up to 2010


@pytest.mark.django_db
def test_figure_page_has_accessible_chart_and_table(kpi_demo, client):
    response = client.get("/sodertorn/nyckeltal/tal/N01951/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<svg[^>]+role="img"[^>]+aria-labelledby="chart-N01951-title chart-N01951-desc"', html)
    assert '<title id="chart-N01951-title">Invånare totalt, antal (Totalt), 2000–2014</title>' in html
    assert '<desc id="chart-N01951-desc">' in html
    assert "<caption>Invånare totalt, antal per år</caption>" in html
    assert "cdn" not in html.lower() and "Källa: Kolada" in html
    text = text_of(response)
    assert "88 901" in text and "Region Stockholm" in text
    assert '<select id="kon" name="kon">' in html  # N01951 is divided by gender


@pytest.mark.django_db
def test_gender_filter(kpi_demo, client):
    KeyFigureValue.objects.create(
        figure=KeyFigure.objects.get(kolada_id="N01951"),
        area=Area.objects.get(kolada_id="0127"),
        year=2014,
        gender="K",
        value=44321,
        imported_at=timezone.now(),
        batch=ImportBatch.objects.first(),
    )
    text = text_of(client.get("/sodertorn/nyckeltal/tal/N01951/?kon=K"))
    assert "44 321" in text and "88 901" not in text
    assert "Kvinnor" in text
    assert client.get("/sodertorn/nyckeltal/tal/N01951/?kon=X").status_code == 404
    # A figure not divided by gender ignores the filter and shows totals.
    assert '<select id="kon"' not in client.get("/sodertorn/nyckeltal/tal/N00999/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sodertorn/nyckeltal/finns-inte/",
        "/sodertorn/nyckeltal/tal/X12345/",
        GROUP_URL + "?ar=tjugo",
        GROUP_URL + "?ar=9999",
        GROUP_URL + "?kon=Q",
        "/okand/nyckeltal/",
        "/sodertorn/nyckeltal/sodertorns-nyckeltal/1700/rapport.pdf",
    ],
)
def test_bad_input_is_404(kpi_demo, client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_group_of_another_cooperation_is_404(kpi_demo, other_coop, client):
    KeyFigureGroup.objects.create(cooperation=other_coop, name="Annan", slug="annan")
    assert client.get("/sodertorn/nyckeltal/annan/").status_code == 404
    assert client.get("/annan/nyckeltal/annan/").status_code == 200


# -- permissions: importing values is for the secretariat -------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("secretariat", 200),
        ("management", 404),
        ("committee", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("superuser", 200),
    ],
)
def test_import_page_permissions(coop, users, client_for, role, status):
    """Values and populations are national data: only a system administrator uploads them from a file (issue 11);
    the secretariat reaches the page to start an import from Kolada, and its upload is refused (400)."""
    from organisations.testing import build_user

    users = {**users, "superuser": build_user(username="root", is_superuser=True, is_staff=True)}
    from kpi import demo

    demo.load_metadata()
    for m in coop.current_members():
        Area.objects.create(kolada_id=m.code, title=m.name, type="K")
    code = coop.current_members().first().code
    c = client_for(users[role])
    assert c.get(f"/{coop.slug}/nyckeltal/importera/").status_code == status
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "v.csv", f"kpi,municipality_id,year,gender,value\nN01951,{code},2014,T,5\nN02267,{code},2014,T,75\n".encode()
    )
    response = c.post(f"/{coop.slug}/nyckeltal/importera/", {"file": upload})
    assert response.status_code == (302 if role == "superuser" else 400 if role == "secretariat" else status)
    own = KeyFigureValue.objects.filter(area__kolada_id=code)  # this test's municipality (the demo has others)
    assert own.exists() == (role == "superuser")
    own_population = Population.objects.filter(municipality__code=code)
    assert own_population.exists() == (role == "superuser")
    if role == "superuser":
        assert own.get().batch.created_by == users["superuser"]
        population = own_population.get()
        assert (population.inhabitants, population.source, population.source_kind) == (5, "CSV: v.csv", "csv")
        assert population.history.get().history_user == users["superuser"]


@pytest.mark.django_db
def test_import_page_bad_file_shows_swedish_message_and_changes_nothing(kpi_coop, client_for):
    from organisations.testing import build_user

    user = build_user(username="systemadmin", is_staff=True, is_superuser=True)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "v.csv", b"kpi,municipality_id,year,gender,value\nN01951,0127,2014,T,5\nN01951,4242,2014,T,5\n"
    )
    response = client_for(user).post("/sodertorn/nyckeltal/importera/", {"file": upload})
    assert response.status_code == 400
    assert "Rad 3: okänd kommunkod 4242." in response.content.decode()
    assert not KeyFigureValue.objects.exists() and not Population.objects.exists()
    response = client_for(user).post("/sodertorn/nyckeltal/importera/", {})
    assert "Välj en CSV-fil att importera." in response.content.decode()


# -- query bounds with lots of data ---------------------------------------------------------------------------
@pytest.fixture
def big_data(kpi_coop):
    """10 figures × (8 members + county + country) × 15 years × 3 genders, i.e. 10× the demo and more."""
    batch = ImportBatch.objects.create(kind="kolada", source="test")
    areas = list(
        Area.objects.filter(kolada_id__in=[m.code for m in kpi_coop.current_members()] + ["0001", "0000", "G96274"])
    )
    figures = list(KeyFigure.objects.filter(group_items__group=kpi_coop.kpi_group))
    rng = random.Random(7)
    now = timezone.now()
    KeyFigureValue.objects.bulk_create(
        [
            KeyFigureValue(
                figure=f, area=a, year=y, gender=g, value=Decimal(rng.randint(1, 100000)), imported_at=now, batch=batch
            )
            for f in figures
            for a in areas
            for y in range(2000, 2015)
            for g in "TKM"
        ]
    )
    extra = KeyFigureGroup.objects.create(cooperation=kpi_coop, name="Extra", slug="extra")
    for i, f in enumerate(KeyFigure.objects.all()[:30]):
        KeyFigureGroupItem.objects.create(group=extra, figure=f, order=i)
    return kpi_coop


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sodertorn/nyckeltal/",
        GROUP_URL + "?ar=2012&kon=K",
        GROUP_URL,
        "/sodertorn/nyckeltal/extra/?ar=2012",
        "/sodertorn/nyckeltal/tal/N01951/",
        GROUP_URL + "?ar=2012&sortera=N02267",
    ],
)
def test_pages_stay_under_a_query_bound(big_data, client, django_assert_max_num_queries, url):
    assert KeyFigureValue.objects.count() == 10 * 11 * 15 * 3
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "Källa: Kolada" in response.content.decode()


@pytest.mark.django_db
def test_make_run_demo_shows_the_group_with_all_eight_members(sodertorn, client):
    text = text_of(client.get(GROUP_URL))
    for name in ["Botkyrka", "Haninge", "Huddinge", "Nykvarn", "Nynäshamn", "Salem", "Södertälje", "Tyresö"]:
        assert name in text
    assert "Källa: Kolada" in text


@pytest.mark.django_db
def test_uploaded_population_is_labelled_with_its_own_source_not_kolada(kpi_coop, client):
    import datetime as dt

    from organisations import services as organisation_services
    from organisations.models import Municipality

    organisation_services.population_set(
        actor=SYSTEM,
        municipality=Municipality.objects.get(code="0127"),
        reference_date=dt.date(2014, 12, 31),
        inhabitants=88901,
        source="CSV: befolkning.csv",
        source_kind=Population.SourceKind.CSV,
    )
    figure_page = text_of(client.get("/sodertorn/nyckeltal/tal/N01951/"))
    assert "Inte från Kolada: CSV: befolkning.csv." in figure_page
    assert "88 901" in figure_page and "Testdata" not in figure_page
    group_page = text_of(client.get(GROUP_URL + "?ar=2014"))
    assert "Inte från Kolada: CSV: befolkning.csv (N01951)." in group_page
    assert "88 901" in group_page and "88 901*" not in group_page  # not marked as test data
