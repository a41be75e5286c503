"""The headless core never imports the UI toolkit; the UI never imports spaCy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

CORE = [
    "newsreader.model",
    "newsreader.sources",
    "newsreader.nlp",
    "newsreader.nlp.pipeline",
    "newsreader.nlp.engine",
    "newsreader.services.batch",
    "newsreader.store",
    "newsreader.store.settings",
    "newsreader.store.annotation_cache",
    "newsreader.serialize",
    "newsreader.cli",
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


def test_help_and_version_import_no_toolkit() -> None:
    code = (
        "import sys\nfrom newsreader.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules and 'spacy' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('textual', 'spacy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "newsreader" in result.stdout


CORE_PATHS = [
    "model.py",
    "serialize.py",
    "annotating.py",
    "resources.py",
    "sources",
    "nlp",
    "store",
    "export",
]
FORBIDDEN_IN_CORE = ("textual", "rich", "newsreader.ui", "newsreader.cli")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_sources_never_import_ui_or_cli() -> None:
    """Static check (every import statement, lazy ones included) of the layering."""
    package = Path(__file__).resolve().parents[1] / "newsreader"
    offenders = []
    for entry in CORE_PATHS:
        target = package / entry
        files = [target] if target.is_file() else sorted(target.rglob("*.py"))
        for file in files:
            for name in _imported_modules(file):
                if any(
                    name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_CORE
                ):
                    offenders.append(f"{file.relative_to(package.parent)}: {name}")
    assert offenders == []


def test_ui_imports_spacy_only_lazily() -> None:
    """No UI module imports spaCy at module level."""
    package = Path(__file__).resolve().parents[1] / "newsreader" / "ui"
    for file in sorted(package.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = getattr(node, "module", None) or ""
                names = [a.name for a in node.names] + [module]
                assert not any(n.split(".")[0] == "spacy" for n in names), file
