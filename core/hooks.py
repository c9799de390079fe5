"""Extension points: how a lower app shows what a higher app provides without importing it.

A lower app declares a `Hook` (e.g. `programme.hooks.goal_rollup`); a higher app provides it in
its `AppConfig.ready()`. Calling a hook nobody provides returns its default. This keeps the layers
`core < organisations < programme < meetings, budget, kpi < plans < config` acyclic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hook:
    def __init__(self, name: str, *, default: Any = None):
        self.name = name
        self.default = default
        self.provider: Callable | None = None

    def provide(self, provider: Callable) -> Callable:
        """Register the one function that answers this hook (usable as a decorator)."""
        self.provider = provider
        return provider

    @property
    def is_provided(self) -> bool:
        return self.provider is not None

    def __call__(self, *args, **kwargs):
        if self.provider is None:
            return self.default
        return self.provider(*args, **kwargs)

    def __repr__(self):
        return f"<Hook {self.name}: {getattr(self.provider, '__qualname__', None)}>"
