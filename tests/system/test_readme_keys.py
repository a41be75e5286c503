"""The README's keys table is the one generated from the key registry."""

from __future__ import annotations

import re

from newsreader.ui.actions import ACTIONS, key_label, keys_markdown
from tests.support.paths import REPO

README = REPO / "README.md"


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:start[^>]*-->\n(.*?)\n<!-- keys:end -->", text, re.S)
    assert found is not None, "README.md has no generated keys table"
    return found.group(1)


def test_readme_keys_table_matches_the_bindings() -> None:
    assert readme_table() == keys_markdown(), (
        "README keys table is stale: replace it with the output of "
        "python -c 'from newsreader.ui.actions import keys_markdown; "
        "print(keys_markdown())'"
    )


def test_every_bound_key_is_in_the_readme() -> None:
    table = readme_table()
    rows = {
        row.split("|")[-2].strip(" `"): row.split("|")[1] for row in table.splitlines()
    }
    for action in ACTIONS:
        for key in filter(None, action.keys.split(",")):
            assert f"`{key_label(key)}`" in rows[action.id], (action.id, key)


def test_side_pane_is_no_longer_on_page_up() -> None:
    rows = {row.split("|")[-2].strip(" `"): row for row in readme_table().splitlines()}
    assert "`ctrl+b`" in rows["page-up"]
    assert "`ctrl+b`" not in rows["toggle-pane"]
    assert "`ctrl+f`" in rows["page-down"]
