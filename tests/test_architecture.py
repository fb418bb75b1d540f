"""The layers hold: imports point down only, peers stay apart, no cycles, no private reach-ins.

Read from the source with ``ast`` (nothing is imported), so a lazy import inside a
function counts as much as one at the top of a module.

    cli → ui → {walk, quiz, export, validate, review} → load → model → errors
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bonemets_cli"
LAYERS = {"errors": 0, "model": 1, "load": 2, "walk": 3, "quiz": 3, "export": 3, "validate": 3}
LAYERS |= {"review": 3}
LAYERS |= {"ui": 4, "cli": 5, "__main__": 6}
FREE = {"", "__init__"}
"""``bonemets_cli`` itself (its version) may be imported from anywhere."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(("bonemets_cli", *parts))] = path
    return out


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every bonemets import in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("bonemets_cli"):
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [
                (a.name, [], node.lineno) for a in node.names if a.name.startswith("bonemets_cli")
            ]
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_package_has_a_layer() -> None:
    assert {_layer(m) for m in _modules()} - FREE <= set(LAYERS)


def test_imports_point_down_and_peers_stay_apart() -> None:
    wrong = []
    for module, path in _modules().items():
        mine = _layer(module)
        for target, _, line in _imports(path):
            theirs = _layer(target)
            if theirs in FREE or theirs == mine or mine in FREE:
                continue
            if LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {mine} imports {target}")
    assert wrong == []


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
    graph = {
        m: {t for t, _, _ in _imports(p) if t in modules and t != m} for m, p in modules.items()
    }
    # a package's __init__ re-exporting its own modules is not a cycle back into it
    graph = {m: {t for t in out if not m.startswith(t + ".")} for m, out in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_private_name_is_imported_from_another_package() -> None:
    wrong = []
    for module, path in _modules().items():
        for target, names, line in _imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and _layer(target) != _layer(module):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {private} from {target}")
    assert wrong == []


def test_the_check_would_notice_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from bonemets_cli.cli.app import make_app\n", encoding="utf-8")
    assert _imports(bad) == [("bonemets_cli.cli.app", ["make_app"], 2)]
    assert LAYERS[_layer("bonemets_cli.cli.app")] > LAYERS[_layer("bonemets_cli.model.pathway")]
