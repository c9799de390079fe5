import pytest

from programme.models import Programme


@pytest.fixture
def sup(sodertorn):
    return Programme.objects.get(cooperation=sodertorn, slug="sup-2035")


def test_index_shows_sup_2035_with_focus_areas_goals_rufs_and_tyreso(client, sup):
    response = client.get("/sodertorn/program/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Södertörns utvecklingsprogram 2035" in html
    assert "Södertörn driver Stockholmsregionen" in html
    for area in ["Infrastruktur", "Utbildning", "Näringsliv", "Funktionell samordning"]:
        assert f"<h4>{area}</h4>" in html
    for goal in ["Stark infrastruktur är en förutsättning för hållbar utveckling",
                 "Akademisk utbildning som säkrar framtida kompetensförsörjning",
                 "Södertörn är det självklara valet för företagen",
                 "Ökad funktionell samordning mellan kommunerna",
                 "Baserat på en robust teknisk försörjning", "Genom öppenhet för samarbeten"]:
        assert goal in html
    assert "En ledande tillväxt- och kunskapsregion" in html and "RUFS 2050" in html
    assert "0 av 8 har antagit" in html
    assert "Kommunledningsutskottet" in html and "§ 60" in html and "2019/KS 0260 005" in html
    assert "7 augusti 2019" in html
    assert html.count("Ej behandlat") == 7
    assert "Regionala utvecklingsfrågor" in html and "Internt samarbete" in html
    assert "Samarbetskommitténs samarbetsavtal" in html and "18 augusti 2010" in html
    # SUP 2013 stays in force until all eight have adopted SUP 2035
    assert "Södertörns UtvecklingsProgram 2013" in html
