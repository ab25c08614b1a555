"""Inside each folder of reiki_scan, imports flow one way: no module imports one that imports it back
(deferred imports inside functions count too — they hide a circle, they do not remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reiki_scan"
FOLDERS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _imports_within(folder: Path) -> dict[str, set[str]]:
    """module → the modules of the same folder it imports (``from .x import …``, anywhere in the file)."""
    names = {f.stem for f in folder.glob("*.py")}
    graph = {}
    for file in folder.glob("*.py"):
        targets = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    targets.add(node.module.split(".")[0])
                else:
                    targets.update(alias.name for alias in node.names)
        graph[file.stem] = targets & names - {file.stem}
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle as a list of modules, or [] when there is none."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target, path + [target])):
                return found
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module, [module])):
            return found
    return []


def test_circle_finder_sees_a_circle_through_three_modules():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_imports_inside_a_folder_flow_one_way(folder):
    assert _circle(_imports_within(PACKAGE / folder)) == []
