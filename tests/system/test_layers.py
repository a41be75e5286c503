"""Layering: the import contracts hold, the core loads neither Textual nor spaCy,
the UI imports spaCy only lazily."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.support.paths import REPO

PYPROJECT = REPO / "pyproject.toml"

CORE = [
    "newsreader.model",
    "newsreader.sources",
    "newsreader.nlp",
    "newsreader.nlp.pipeline",
    "newsreader.nlp.engine",
    "newsreader.services",
    "newsreader.services.annotate",
    "newsreader.services.batch",
    "newsreader.services.child",
    "newsreader.services.container",
    "newsreader.store",
    "newsreader.store.settings",
    "newsreader.store.annotation_cache",
    "newsreader.serialize",
    "newsreader.cli",
    "newsreader.export",
]


def _modules_after_import(*modules: str) -> set[str]:
    code = (
        "import json, sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def _top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_core_imports_neither_textual_nor_rich() -> None:
    loaded = _top_level(_modules_after_import(*CORE))
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "spacy" not in loaded, "spaCy must load lazily, only to annotate"


def test_ui_does_not_import_spacy() -> None:
    loaded = _top_level(_modules_after_import("newsreader.ui.app"))
    assert "textual" in loaded
    assert "spacy" not in loaded


def test_the_readers_command_line_imports_no_other_subcommand() -> None:
    """Opening the reader pays for no other subcommand's imports before its
    first frame (annotation services, the archive, exports)."""
    loaded = _modules_after_import("newsreader.cli.read")
    others = {
        f"newsreader.cli.{name}"
        for name in ("annotate", "export", "review", "quotes", "archive", "common")
    }
    assert not others & loaded, sorted(others & loaded)
    assert "newsreader.services.archive" not in loaded


@pytest.mark.parametrize("option", ["--help", "--version", "--paths"])
def test_help_version_and_paths_import_no_toolkit(option: str) -> None:
    code = (
        "import sys\nfrom newsreader.cli import main\n"
        f"try:\n    main([{option!r}])\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules and 'spacy' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('textual', 'spacy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """The import-linter contracts in pyproject.toml: layers cli → ui → services
    → core → base → model, core packages independent, and services and core
    free of textual, rich, the UI and the CLI (lazy imports included)."""
    from importlinter.cli import lint_imports

    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "0 broken" in report


def module_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements run at import: the module body, into ``if``/``try``/``with``
    blocks and class bodies, but not into function bodies."""
    found: list[ast.stmt] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            for child in getattr(node, field, []):
                if isinstance(child, ast.ExceptHandler):
                    pending.extend(child.body)
                elif isinstance(child, ast.stmt):
                    pending.append(child)
    return found


def test_ui_imports_spacy_only_lazily() -> None:
    """No UI module imports spaCy at module level."""
    package = REPO / "newsreader" / "ui"
    files = sorted(package.rglob("*.py"))
    assert files
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in module_level(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", None) or ""
                names = [a.name for a in node.names] + [module]
                assert not any(n.split(".")[0] == "spacy" for n in names), file
