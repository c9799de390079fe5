"""The rows a test made, as opposed to the Södertörn demo's (loaded once per session, see conftest.py).

    from core.tests.rows import new
    assert not new(Meeting).exists()       # the test saved no meeting (the demo has hundreds)
    assert new(Adoption).get().municipality == m

`remember_demo()` runs once, right after the demo is loaded: it notes each model's highest primary key.
Rows with a higher key were made by the running test (database sequences never hand out a key twice,
and the test's rows are rolled back afterwards).
"""

from django.apps import apps
from django.db import models

_demo_max_pk: dict[str, int] = {}


def remember_demo() -> None:
    for model in apps.get_models():
        if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
            _demo_max_pk[model._meta.label] = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0


def new(model):
    """The rows of `model` that the running test made."""
    return model._default_manager.filter(pk__gt=_demo_max_pk[model._meta.label])
