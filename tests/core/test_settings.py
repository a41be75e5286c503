"""Saving the theme edits config.toml without losing anything, or refuses."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsreader.store.settings import SettingsWriteError, load_settings, save_setting


def test_missing_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    save_setting("theme", "sepia", path)
    assert load_settings(path).theme == "sepia"


def test_only_the_top_level_key_changes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = (
        "# my settings\n"
        'export_dir = "~/clips"  # where exports go\n'
        'theme = "dark" # chosen in the reader\n'
        "\n"
        "[keymap]\n"
        "# a table key of the same name\n"
        'theme = "t"\n'
    )
    path.write_text(original, encoding="utf-8")
    save_setting("theme", "sepia", path)
    assert path.read_text(encoding="utf-8") == original.replace(
        'theme = "dark"', 'theme = "sepia"'
    )


def test_new_key_goes_before_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('model = "m"\n\n[keymap]\ntheme = "t"\n', encoding="utf-8")
    save_setting("theme", "light", path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"model": "m", "theme": "light", "keymap": {"theme": "t"}}


def test_multi_line_values_stay_valid(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = (
        'export_dir = """\n~/a\ntheme = "not a key"\n"""\n'
        "[keymap]\nlist = [\n  1,\n  2,\n]\n"
    )
    path.write_text(original, encoding="utf-8")
    save_setting("theme", 'odd "name"\nwith a line', path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["theme"] == 'odd "name"\nwith a line'
    assert data["export_dir"] == '~/a\ntheme = "not a key"\n'
    assert data["keymap"] == {"list": [1, 2]}


def test_file_that_is_not_utf8_is_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = '# mine\nexport_dir = "~/Zo\xeb"\n[keymap]\nx = "y"\n'.encode("latin-1")
    path.write_bytes(original)
    with pytest.raises(SettingsWriteError) as caught:
        save_setting("theme", "sepia", path)
    assert str(caught.value) == f"{path} is not valid UTF-8 (line 2): theme not saved"
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_file_that_is_not_toml_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = b'model = "m"\ntheme = \n'
    path.write_bytes(original)
    with pytest.raises(SettingsWriteError) as caught:
        save_setting("theme", "sepia", path)
    assert str(caught.value) == f"{path} is not valid TOML (line 2): theme not saved"
    assert path.read_bytes() == original


def test_a_theme_table_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    original = b'[theme]\nname = "x"\n'
    path.write_bytes(original)
    with pytest.raises(SettingsWriteError, match="has a \\[theme\\] table"):
        save_setting("theme", "sepia", path)
    assert path.read_bytes() == original


def test_linked_config_is_edited_where_it_lives(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("# mine\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_setting("theme", "light", link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == '# mine\ntheme = "light"\n'


def test_keymap_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nnext-quote = "x,ctrl+n"\ntoggle-pane = 3\n', "utf-8")
    settings = load_settings(path)
    assert settings.keymap == {"next-quote": "x,ctrl+n"}
    assert settings.problem is not None and "'toggle-pane'" in settings.problem


def test_keymap_must_be_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('keymap = "x"\n', "utf-8")
    settings = load_settings(path)
    assert settings.keymap == {}
    assert settings.problem is not None and "table" in settings.problem
