"""The import graph has no cycles and no hidden imports.

import-linter (`make test`, [tool.importlinter] in pyproject.toml) keeps the layers
`core < organisations < programme < meetings, budget, kpi < plans < config`. It does not look for
cycles inside one app, and neither it nor grimp sees imports spelt as strings. These tests close
both gaps:

- no two modules of the project import each other, directly or through others (grimp reads every
  `import`, including those inside functions);
- no module imports through a string: `apps.get_model(...)`, `importlib`, `__import__`,
  `import_string`, or an import guarded by `except ImportError` (migrations excepted: Django's
  data migrations must use `apps.get_model`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest
from django.conf import settings

PACKAGES = ["core", "organisations", "search", "programme", "meetings", "budget", "kpi", "plans", "config"]
ROOT = Path(settings.BASE_DIR)


def strongly_connected_components(graph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph; only components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    for root in sorted(graph.modules):
        if root in index:
            continue
        # Iterative depth-first search: (module, iterator over its imports).
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe_cycle(graph, component: list[str]) -> str:
    """One concrete cycle through the first module of `component`, with the importing lines."""
    first = component[0]
    members = set(component)
    # Breadth-first search inside the component back to `first`.
    previous = {first: None}
    queue = [first]
    closing = None
    while queue and closing is None:
        module = queue.pop(0)
        for child in sorted(graph.find_modules_directly_imported_by(module)):
            if child == first:
                closing = module
                break
            if child in members and child not in previous:
                previous[child] = module
                queue.append(child)
    chain = [first]
    node = closing
    while node is not None and node != first:
        chain.insert(1, node)
        node = previous[node]
    chain.append(first)
    lines = []
    for importer, imported in zip(chain, chain[1:], strict=False):
        details = graph.get_import_details(importer=importer, imported=imported)
        where = ", ".join(f"l.{d['line_number']}" for d in details)
        lines.append(f"  {importer} -> {imported} ({where})")
    return f"cycle among {component}:\n" + "\n".join(lines)


def project_graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)


def test_no_module_imports_another_in_a_circle():
    graph = project_graph()
    assert "programme.views" in graph.modules and "core.access" in graph.modules  # the graph is real
    cycles = strongly_connected_components(graph)
    assert cycles == [], "\n\n".join(describe_cycle(graph, c) for c in cycles)


class _FakeGraph:
    """A graph of plain dicts, for showing that the cycle finder itself can fail."""

    def __init__(self, edges: dict[str, set[str]]):
        self.edges = edges
        self.modules = set(edges) | {m for targets in edges.values() for m in targets}

    def find_modules_directly_imported_by(self, module):
        return self.edges.get(module, set())


def test_the_cycle_finder_sees_direct_and_indirect_cycles():
    graph = _FakeGraph({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"f"}, "f": {"e"}, "g": {"g"}})
    assert strongly_connected_components(graph) == [["a", "b", "c"], ["e", "f"]]
    assert strongly_connected_components(_FakeGraph({"a": {"b"}, "b": {"c"}})) == []


# --- Imports through strings --------------------------------------------------------------------


def hidden_imports(source: str) -> list[tuple[int, str]]:
    """(line, what) for every import the import graph cannot see."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, "import importlib") for a in node.names if a.name.split(".")[0] == "importlib"]
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] == "importlib":
                found.append((node.lineno, "from importlib import ..."))
            if any(a.name == "import_string" for a in node.names):
                found.append((node.lineno, "import_string"))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("get_model", "__import__", "import_module", "import_string"):
                found.append((node.lineno, f"{name}(...)"))
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            for exc in caught:
                if getattr(exc, "id", None) in ("ImportError", "ModuleNotFoundError"):
                    found.append((node.lineno, f"except {exc.id}"))
    return found


def project_sources() -> list[Path]:
    files = []
    for package in PACKAGES:
        files += [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def test_no_module_imports_through_a_string():
    sources = project_sources()
    assert ROOT / "plans" / "selectors.py" in sources
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sources
        for line, what in hidden_imports(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "imports the import graph cannot see:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from django.apps import apps\nGoal = apps.get_model('programme', 'Goal')\n", [(2, "get_model(...)")]),
        (
            "import importlib\nimportlib.import_module('plans.demo')\n",
            [(1, "import importlib"), (2, "import_module(...)")],
        ),
        ("m = __import__('plans')\n", [(1, "__import__(...)")]),
        ("try:\n    import plans\nexcept ImportError:\n    plans = None\n", [(3, "except ImportError")]),
        (
            "try:\n    import plans\nexcept (ValueError, ModuleNotFoundError):\n    pass\n",
            [(3, "except ModuleNotFoundError")],
        ),
        ("from django.utils.module_loading import import_string\n", [(1, "import_string")]),
        ("# apps.get_model('a', 'b') in a comment, and 'importlib' in a string\nx = 'importlib'\n", []),
    ],
)
def test_the_scanner_sees_each_kind_of_hidden_import(source, expected):
    assert hidden_imports(source) == expected
