import pytest

SODERTORN = [
    ("0127", "Botkyrka"),
    ("0136", "Haninge"),
    ("0126", "Huddinge"),
    ("0140", "Nykvarn"),
    ("0192", "Nynäshamn"),
    ("0128", "Salem"),
    ("0181", "Södertälje"),
    ("0138", "Tyresö"),
]


@pytest.fixture
def kpi_demo(sodertorn):
    """The demo's cooperation of the eight Södertörn municipalities with Kolada metadata, the group
    "Södertörns nyckeltal" (as `kpi_group`) and the recorded demo values (test data and real Kolada rows)."""
    from kpi.models import KeyFigureGroup

    sodertorn.kpi_group = KeyFigureGroup.objects.get(cooperation=sodertorn, slug="sodertorns-nyckeltal")
    return sodertorn


@pytest.fixture
def kpi_coop(kpi_demo):
    """kpi_demo without any key figure values, import batches or population figures, for the import tests.

    Values belong to Kolada's areas (the real municipality codes), not to a cooperation, so the import tests
    cannot build their own: they remove the demo's values inside the test's transaction, which rolls back.
    """
    from kpi.models import ImportBatch, KeyFigureValue
    from organisations.models import Population

    KeyFigureValue.objects.all().delete()
    ImportBatch.objects.all().delete()
    Population.objects.filter(municipality__code__in=[code for code, _name in SODERTORN]).delete()
    return kpi_demo
