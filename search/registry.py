"""What the search indexes: each app registers an `Indexer` in its `AppConfig.ready()`; the search knows
no app (it sits just above organisations, so every domain app may register with it):

    from search import registry
    registry.register(registry.Indexer(
        kind="goal", label=_("Goal"), model=Goal, entries=goal_entries,
        depends={FocusArea: lambda area: Goal.objects.filter(focus_area=area)},
    ))

`entries(queryset)` receives a queryset of the indexer's model and yields one `Entry` per object that
should be found (an object yielding none is removed from the index); it should read with a fixed number
of queries (select_related / prefetch_related), since `manage.py reindex` passes every object at once.
`published` says whether anonymous users may find the entry: take it from core.publication
(`Model.objects.published()`), never decide it anew.

The index is kept current on write: a save of the model re-indexes the object, a delete removes it, and
a save of a model named in `depends` re-indexes the objects its function returns (e.g. approving minutes
publishes their paragraphs). `file_fields` names the model's file fields whose text (PDF, DOCX) is
extracted in a background job (search.tasks) and searched with the entry.

An app may also answer "what is in force now?" for hits on something that a later version replaced (the
goals of a replaced programme): it registers a `Successors` provider, which gets the ids of the matched
objects of its models and returns `InForce` answers (read with a fixed number of queries, only what the
user may see); the search page and API show them beside the hits.

    registry.register_successors(registry.Successors(models=(Goal,), find=selectors.successor_goals))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.text import get_text_list
from django.utils.translation import gettext

from core.hooks import Hook

#: Provided by search.index (search/apps.py): write the entries of saved objects, remove deleted ones.
objects_saved = Hook("search.objects_saved")  # (indexer, queryset or list of objects)
object_deleted = Hook("search.object_deleted")  # (indexer, pk)


@dataclass
class Entry:
    obj: Model
    cooperation_id: int
    title: str
    url: str
    published: bool
    body: str = ""
    date: dt.date | None = None
    year: int | None = None
    body_name: str = ""
    municipality: str = ""
    identifiers: list[str] = field(default_factory=list)
    # decisions (the decision register)
    is_decision: bool = False
    reference: str = ""
    case_number: str = ""
    outcome: str = ""
    extract_url: str = ""


@dataclass
class Indexer:
    kind: str
    label: Any
    model: type[Model]
    entries: Callable[[QuerySet], Iterable[Entry]]
    depends: dict[type[Model], Callable[[Model], Any]] = field(default_factory=dict)
    file_fields: tuple[str, ...] = ()
    #: Order of the kind in the facet list.
    order: int = 100

    @property
    def model_key(self) -> str:
        return model_key(self.model)


def model_key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


_indexers: dict[str, Indexer] = {}
#: Set while `manage.py reindex` or a bulk load runs: saves do not index one by one.
_paused = False


def register(indexer: Indexer) -> Indexer:
    """Add an indexer and keep its entries current on write (registering a kind again replaces it)."""
    _indexers[indexer.kind] = indexer
    uid = f"search:{indexer.kind}"

    def on_save(sender, instance, raw=False, **kwargs):
        if not raw and not _paused:
            objects_saved(indexer, [instance])

    def on_delete(sender, instance, **kwargs):
        if not _paused:
            object_deleted(indexer, instance.pk)

    post_save.connect(on_save, sender=indexer.model, dispatch_uid=f"{uid}:save", weak=False)
    post_delete.connect(on_delete, sender=indexer.model, dispatch_uid=f"{uid}:delete", weak=False)
    for model, affected in indexer.depends.items():

        def on_dependency_save(sender, instance, raw=False, _affected=affected, **kwargs):
            if not raw and not _paused:
                objects_saved(indexer, _affected(instance))

        post_save.connect(on_dependency_save, sender=model, dispatch_uid=f"{uid}:dep:{model_key(model)}", weak=False)
    return indexer


def unregister(indexer: Indexer) -> None:
    """Remove an indexer and its signal handlers (tests)."""
    _indexers.pop(indexer.kind, None)
    uid = f"search:{indexer.kind}"
    post_save.disconnect(sender=indexer.model, dispatch_uid=f"{uid}:save")
    post_delete.disconnect(sender=indexer.model, dispatch_uid=f"{uid}:delete")
    for model in indexer.depends:
        post_save.disconnect(sender=model, dispatch_uid=f"{uid}:dep:{model_key(model)}")


class paused:
    """`with registry.paused():` saves and deletes inside do not touch the index one by one (a bulk load, a bulk
    delete); run `index.reindex()` afterwards."""

    def __enter__(self):
        global _paused
        self.before, _paused = _paused, True
        return self

    def __exit__(self, *exc):
        global _paused
        _paused = self.before
        return False


def indexers() -> list[Indexer]:
    return sorted(_indexers.values(), key=lambda i: (i.order, i.kind))


def get(kind: str) -> Indexer | None:
    return _indexers.get(kind)


def for_model(model) -> list[Indexer]:
    return [i for i in _indexers.values() if i.model is model]


def kind_labels() -> dict[str, Any]:
    return {i.kind: i.label for i in indexers()}


# --- "What is in force now": later versions of what the hits belong to ---------------------------


@dataclass
class InForceArea:
    """A part of the later version that corresponds to the hits (e.g. the same focus area), with its texts
    (e.g. its goals) and where to read it."""

    name: str
    url: str
    texts: list[str] = field(default_factory=list)


@dataclass
class InForce:
    """The hits belong to `replaced` (names, newest first), which `current` (the latest version the reader may
    see) replaced; `areas` are the corresponding parts of `current` (empty: it has none of the same name)."""

    replaced: list[str]
    current: str
    current_url: str
    published: bool
    areas: list[InForceArea] = field(default_factory=list)

    @property
    def replaced_text(self) -> str:
        """ "A", "A and B", "A, B and C" in the active language."""
        return get_text_list(self.replaced, gettext("and"))


@dataclass
class Successors:
    #: The models whose matched objects `find` looks at.
    models: tuple[type[Model], ...]
    #: find(cooperation, user, {model: set of matched ids}) -> list of InForce, with a fixed number of queries.
    find: Callable[[Any, Any, dict[type[Model], set[int]]], list[InForce]]
    name: str = ""

    @property
    def model_keys(self) -> dict[str, type[Model]]:
        return {model_key(m): m for m in self.models}


_successors: dict[str, Successors] = {}


def register_successors(provider: Successors) -> Successors:
    """Add a provider of "what is in force now" (registering the same name again replaces it)."""
    _successors[provider.name or getattr(provider.find, "__qualname__", repr(provider.find))] = provider
    return provider


def successor_providers() -> list[Successors]:
    return list(_successors.values())


def published_ids(queryset) -> set:
    """The pks in `queryset` that core.publication calls published (all of them for a model without a
    draft state)."""
    manager = queryset.model._default_manager
    if hasattr(manager, "published"):
        return set(queryset.filter(pk__in=manager.published().values("pk")).values_list("pk", flat=True))
    return set(queryset.values_list("pk", flat=True))
