"""Content versions: what the page cache and the document store key on, bumped by every write.

Three versions live in Django's cache (`CACHES["default"]`: Redis in production, so every worker process
sees the same versions; a file cache for `make run`, whose web server and worker are two processes):

- `coop:<id>`: bumped by every write attributed to that cooperation (a row with a `cooperation` foreign key
  or a `cooperation_path`, see core.publication);
- `global`: bumped by every write that cannot be attributed to one cooperation (a municipality, a person
  without a cooperation, a key-figure value, an `UPDATE` through a queryset, raw SQL);
- `all`: bumped by every write; keys pages that belong to no cooperation (`/api/v1/cooperations`).

A page of a cooperation is cached under (`global`, `coop:<id>`), so a write elsewhere does not empty it.

What counts as a write is caught generically, so models and services added later are covered without
editing them: `post_save`, `post_delete` and `m2m_changed` receivers for every model, plus a database
execute wrapper that sees every INSERT/UPDATE/DELETE statement Django sends *outside* a model save or delete
(`QuerySet.update`, `bulk_create`, `bulk_update`, `connection.cursor().execute(...)`) and bumps `global` for
it. A version is a fresh token (time plus randomness), never a counter, so a version evicted from the cache
cannot come back with a value an old page was stored under.

Every bump happens at once *and* again when the transaction commits: the first makes the change visible
inside the writing transaction (and in tests, which never commit), the second closes the race of a reader
that rendered the old rows between the first bump and the commit and stored them under the new version.
"""

from __future__ import annotations

import contextvars
import re
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

GLOBAL = "global"
ALL = "all"
PREFIX = "samverkan:v:"

#: Apps whose rows no public page shows: their writes bump nothing (sessions, throttling, task results, …).
DEFAULT_IGNORED_APPS = frozenset(
    {
        "sessions",
        "admin",
        "axes",
        "contenttypes",
        "auth",
        "django_tasks_db",
        "account",
        "socialaccount",
        "mfa",
        "accounts",
    }
)


def cache():
    return caches[getattr(settings, "SAMVERKAN_CACHE_ALIAS", "default")]


def _ignored_apps() -> frozenset:
    return frozenset(getattr(settings, "SAMVERKAN_CACHE_IGNORED_APPS", DEFAULT_IGNORED_APPS))


def is_tracked(model) -> bool:
    """Does a write to `model` change what a page may show?"""
    return model._meta.app_label not in _ignored_apps()


def new_token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(3)}"


def _key(scope: str) -> str:
    return PREFIX + scope


def coop_scope(cooperation_id) -> str:
    return f"coop:{cooperation_id}"


# -- Reading versions ------------------------------------------------------------------------------
def versions(*scopes: str) -> tuple[str, ...]:
    """The current tokens of `scopes`, in order; a missing one (never bumped, or evicted) is created."""
    store = cache()
    keys = [_key(scope) for scope in scopes]
    found = store.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        store.add(key, new_token(), timeout=None)
    if missing:
        found.update(store.get_many(missing))
    return tuple(str(found.get(key, "")) for key in keys)


def version_for(cooperation_id) -> str:
    """One token for "everything a page of this cooperation may show" (or of no cooperation: `all`)."""
    if cooperation_id is None:
        return versions(ALL)[0]
    return ".".join(versions(GLOBAL, coop_scope(cooperation_id)))


# -- Bumping ---------------------------------------------------------------------------------------
def _bump_now(scopes) -> None:
    store = cache()
    token = new_token()
    store.set_many({_key(scope): token for scope in scopes}, timeout=None)


class _BumpAtCommit:
    """One on_commit callback per transaction that bumps every scope written in it."""

    def __init__(self):
        self.scopes: set[str] = set()

    def __call__(self):
        _bump_now(self.scopes)


def bump(cooperation_id=None) -> None:
    """Content of `cooperation_id` (None: of no one cooperation, so of all of them) changed: now and at commit."""
    scopes = (ALL, coop_scope(cooperation_id) if cooperation_id is not None else GLOBAL)
    _bump_now(scopes)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # autocommit: the write is committed already, the bump above came after it
    for _savepoints, callback, _robust in reversed(connection.run_on_commit):
        if isinstance(callback, _BumpAtCommit):
            callback.scopes.update(scopes)
            return
    callback = _BumpAtCommit()
    callback.scopes.update(scopes)
    transaction.on_commit(callback)


def changed(cooperation=None) -> None:
    """For code that writes in ways no signal or SQL statement of Django shows (e.g. psycopg's COPY): say so."""
    bump(getattr(cooperation, "pk", cooperation))


# -- Which cooperation a row belongs to ------------------------------------------------------------
def cooperation_of(instance):
    """The id of the cooperation `instance` belongs to, or None when it is not one cooperation's."""
    if getattr(type(instance), "content_scope", None) == GLOBAL:
        return None
    path = getattr(type(instance), "cooperation_path", None)
    if path is None:
        if any(field.name == "cooperation" and field.many_to_one for field in instance._meta.fields):
            path = "cooperation"
        else:
            return None
    try:
        *hops, last = path.split("__")
        obj = instance
        for hop in hops:
            obj = getattr(obj, hop)
            if obj is None:
                return None
        return getattr(obj, f"{last}_id")
    except Exception:  # noqa: BLE001 - a parent already deleted in a cascade: not attributable, so global
        return None


# -- Receivers -------------------------------------------------------------------------------------
#: How many model saves/deletes/m2m changes are running in this thread: their SQL is attributed by the
#: post_* receivers, so the execute wrapper leaves it alone.
_inside_model_write = contextvars.ContextVar("samverkan_inside_model_write", default=0)


def _enter(sender, **kwargs):
    if kwargs.get("raw"):
        return
    _inside_model_write.set(_inside_model_write.get() + 1)


def _leave():
    _inside_model_write.set(max(0, _inside_model_write.get() - 1))


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _leave()
    if is_tracked(sender):
        bump(cooperation_of(instance))


def _on_delete(sender, instance, **kwargs):
    _leave()
    if is_tracked(sender):
        bump(cooperation_of(instance))


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("pre_"):
        _inside_model_write.set(_inside_model_write.get() + 1)
        return
    _leave()
    if is_tracked(type(instance)):
        bump(cooperation_of(instance))


def reset() -> None:
    """Forget any save left open by an exception between pre_save and post_save (at each request's start)."""
    _inside_model_write.set(0)


# -- Statements outside a model save ---------------------------------------------------------------
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)"?', re.IGNORECASE
)
_tables: dict[str, bool] | None = None


def _tracked_tables() -> dict[str, bool]:
    global _tables
    if _tables is None:
        models = apps.get_models(include_auto_created=True)
        _tables = {model._meta.db_table.lower(): is_tracked(model) for model in models}
    return _tables


def statement_table(sql) -> str | None:
    """The table an INSERT/UPDATE/DELETE statement writes to (None for reads)."""
    match = _WRITE.match(sql if isinstance(sql, str) else str(sql))
    return match.group(1).split(".")[-1].lower() if match else None


def execute_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _inside_model_write.get() == 0:
        table = statement_table(sql)
        # A table no model knows (a temporary staging table) is not content; a tracked model's table is.
        if table is not None and _tracked_tables().get(table):
            bump(None)
    return result


def _install_wrapper(sender, connection, **kwargs):
    if execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(execute_wrapper)


def connect() -> None:
    """Connect the receivers (core's AppConfig.ready)."""
    global _tables
    _tables = None
    pre_save.connect(_enter, dispatch_uid="freshness_pre_save")
    post_save.connect(_on_save, dispatch_uid="freshness_post_save")
    pre_delete.connect(_enter, dispatch_uid="freshness_pre_delete")
    post_delete.connect(_on_delete, dispatch_uid="freshness_post_delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="freshness_m2m")
    connection_created.connect(_install_wrapper, dispatch_uid="freshness_execute_wrapper")
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install_wrapper(None, connection)
