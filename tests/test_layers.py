"""The headless core never imports the UI toolkit; the UI never imports spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = [
    "newsreader.model",
    "newsreader.sources",
    "newsreader.nlp",
    "newsreader.nlp.pipeline",
    "newsreader.nlp.engine",
    "newsreader.nlp.batch",
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
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "newsreader" in result.stdout
