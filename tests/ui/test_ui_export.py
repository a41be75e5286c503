"""Marking quotes (v, V, Clear marks), copying (y, Y) and exporting (e, E)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, RadioSet, Static

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.messages import MarksChanged
from newsreader.ui.screens.export import ExportScreen, FileExistsScreen
from newsreader.ui.widgets.article_view import GUTTER_MARKED
from tests.ui.ui_fakes import build_article
from tests.ui.ui_helpers import (
    AppFactory,
    quote_rows,
    reader,
    rendered_lines,
    settle,
)

SIZE = (120, 40)


def exports_dir(home: Path) -> Path:
    """Where exports go under the isolated ``NEWSREADER_HOME``."""
    return home / "exports"


def front_matter(markdown: str) -> dict[str, object]:
    """The parsed YAML front matter of a Markdown export."""
    assert markdown.startswith("---\n")
    block = markdown.split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


async def finish_writes(pilot: Pilot[int]) -> None:
    """Wait for export writes (thread workers) and the messages they post."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_export_dialog(
    app: NewsReaderApp, pilot: Pilot[int], *keys: str
) -> ExportScreen:
    """Press ``keys`` then E; the export dialog that opens."""
    await pilot.press(*keys, "E")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportScreen)
    return dialog


async def test_v_marks_and_unmarks_the_current_quote(make_app: AppFactory) -> None:
    seen: list[object] = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("v")  # no current quote yet: nothing happens
        assert screen.marked_ids == ()
        await pilot.press("right_square_bracket", "v")
        assert screen.marked_ids == ("q-1",)
        # Visible without colour: a check mark in the gutter and in the list,
        # bold text, and the count in the status line.
        assert any(line[2] == GUTTER_MARKED for line in rendered_lines(app))
        assert quote_rows(app)["quote-0"].startswith("▌✓")
        assert not quote_rows(app)["quote-1"].startswith("▌✓")
        assert screen.status_bar.left_text.startswith("✓ 1 marked")
        view = screen.article_view
        marked = view.highlights.layer("marked")
        assert marked is not None and len(marked) == 1
        assert view._style(("article--marked",)).bold
        await pilot.press("right_square_bracket", "right_square_bracket", "v")
        assert screen.marked_ids == ("q-1", "q-3")
        assert screen.status_bar.left_text.startswith("✓ 2 marked")
        await pilot.press("v")  # unmark q-3
        assert screen.marked_ids == ("q-1",)
        await pilot.pause()
        # The message bubbles from the screen to the app: count each once.
        changes = list({id(m): m for m in seen if isinstance(m, MarksChanged)}.values())
        assert [m.quote_ids for m in changes] == [("q-1",), ("q-1", "q-3"), ("q-1",)]
        assert app.article is not None
        assert all(m.article_sha256 == app.article.sha256 for m in changes)


async def test_shift_v_marks_the_filtered_speaker_or_everything(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_square_bracket", "s")  # filter to Maria Lopez
        await pilot.press("V")
        assert set(screen.marked_ids) == {"q-1", "q-2", "q-4"}
        # Escape clears the filter but never the marks.
        await pilot.press("escape")
        assert screen.cursor.speaker_filter is None
        assert set(screen.marked_ids) == {"q-1", "q-2", "q-4"}
        await pilot.press("V")
        assert set(screen.marked_ids) == {"q-1", "q-2", "q-3", "q-4", "q-5"}
        assert screen.status_bar.left_text.startswith("✓ 5 marked")


async def test_clear_marks_from_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("V")
        assert len(screen.marked_ids) == 5
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"clear marks")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert screen.marked_ids == ()
        assert not screen.status_bar.left_text.startswith("✓")
        assert screen.article_view.highlights.layer("marked") is None
        assert not any(row.startswith("▌✓") for row in quote_rows(app).values())


async def test_e_exports_marked_quotes_to_markdown(
    make_app: AppFactory, isolated_dirs: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        # Three quotes by two speakers: Lopez (1, 4) and Baker (3).
        await pilot.press("right_square_bracket", "v")
        await pilot.press("right_square_bracket", "right_square_bracket", "v")
        await pilot.press("right_square_bracket", "v")
        await pilot.press("e")
        await finish_writes(pilot)
        path = screen.last_export
        assert path is not None
        assert path.parent == exports_dir(isolated_dirs)
        assert path.name == "council-bold-vote-on-5-bridge.md"
        text = path.read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "Council [bold] vote on $5 bridge"
    assert meta["speakers"] == ["Maria Lopez", "Tom Baker"]
    assert meta["quote_count"] == 3
    assert meta["nlp_model"] == "fake model 1.0"
    article = app.article
    assert article is not None
    for quote_id, needle in (
        ("q-1", '"We cannot wait any longer,"'),
        ("q-3", '"This is a waste of money,"'),
        ("q-4", '"We will keep one lane open,"'),
    ):
        assert f"> {needle}\n" in text
        assert f"^{quote_id}\n" in text
        assert needle in article.text
    assert "## Maria Lopez" in text and "## Tom Baker" in text
    # Leaves no temporary file behind.
    assert [p.name for p in exports_dir(isolated_dirs).iterdir()] == [path.name]


async def test_e_without_marks_exports_the_current_quote_and_asks_to_overwrite(
    make_app: AppFactory, isolated_dirs: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("e")  # nothing marked, no current quote
        await pilot.pause()
        assert screen.last_export is None
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("right_square_bracket", "e")
        await finish_writes(pilot)
        path = screen.last_export
        assert path is not None
        assert front_matter(path.read_text(encoding="utf-8"))["quote_count"] == 1
        assert "^q-3" in path.read_text(encoding="utf-8")
        # Again, after marking another quote: the file exists, so ask first.
        screen.last_export = None
        await pilot.press("left_square_bracket", "v", "e")
        await finish_writes(pilot)
        assert isinstance(app.screen, FileExistsScreen)
        await pilot.press("n")
        await pilot.pause()
        assert screen.last_export is None
        assert "^q-3" in path.read_text(encoding="utf-8")
        await pilot.press("e")
        await finish_writes(pilot)
        assert isinstance(app.screen, FileExistsScreen)
        await pilot.press("y")
        await finish_writes(pilot)
        assert screen.last_export == path
        text = path.read_text(encoding="utf-8")
        assert "^q-2" in text and "^q-3" not in text


async def test_e_reports_an_unwritable_destination(
    make_app: AppFactory, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notices: list[str] = []
    app = make_app()

    def failing_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        original = app.notify

        def record(message: str, **kwargs: object) -> None:
            notices.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(app, "notify", record)
        monkeypatch.setattr(os, "replace", failing_replace)
        await pilot.press("right_square_bracket", "v", "e")
        await finish_writes(pilot)
        assert reader(app).last_export is None
    assert any(
        "Export failed" in notice and "No space left on device" in notice
        for notice in notices
    )
    directory = exports_dir(isolated_dirs)
    assert not directory.exists() or list(directory.iterdir()) == []


async def test_y_copies_the_current_quote_as_markdown(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")  # no current quote: nothing copied
        assert app.clipboard == ""
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.press("right_square_bracket", "y")
        copied = app.clipboard
    assert copied.startswith(
        '> "This is a waste of money,"\n>\n> — **Tom Baker** (*told*)'
    )
    assert "^q-3" in copied
    assert "Council \\[bold\\] vote on $5 bridge" in copied


async def test_shift_y_copies_a_text_fragment_link(make_app: AppFactory) -> None:
    from dataclasses import replace

    article = replace(build_article(), url="https://example.com/news/bridge")
    app = make_app(the_article=article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "Y")
        link = app.clipboard
    assert link == (
        "https://example.com/news/bridge#:~:text=We%20cannot%20wait%20any%20longer"
    )


async def test_export_dialog_writes_the_chosen_format(
    make_app: AppFactory, isolated_dirs: Path, tmp_path: Path
) -> None:
    app = make_app()
    destination = tmp_path / "notes"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        dialog = await open_export_dialog(app, pilot, "right_square_bracket", "v")
        assert [choice.key for choice in dialog.choices] == ["marked", "current", "all"]
        field = dialog.query_one("#export-destination", Input)
        # A trailing separator: the destination is a directory, named as one.
        assert field.value == os.path.join(str(exports_dir(isolated_dirs)), "")
        # Choose "All quotes" and JSON, and another folder.
        dialog.query_one("#export-which", RadioSet).focus()
        await pilot.press("down", "down", "enter")
        dialog.query_one("#export-format", RadioSet).focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert dialog.choice.key == "all"
        assert dialog.format == "json"
        field.value = os.path.join(str(destination), "")
        await pilot.pause()
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        assert not isinstance(app.screen, ExportScreen)
        path = destination / "council-bold-vote-on-5-bridge.json"
        assert screen.last_export == path
        import json

        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["quote_count"] == 5
        first = data["annotations"][0]
        selectors = {s["type"]: s for s in first["target"]["selector"]}
        start = selectors["TextPositionSelector"]["start"]
        end = selectors["TextPositionSelector"]["end"]
        assert app.article is not None
        assert app.article.text[start:end] == selectors["TextQuoteSelector"]["exact"]


async def test_export_dialog_confirms_overwrite_and_reports_errors(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    existing = tmp_path / "mine.md"
    existing.write_text("keep me", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_export_dialog(app, pilot, "right_square_bracket")
        field = dialog.query_one("#export-destination", Input)
        field.value = str(existing)
        await pilot.pause()
        field.focus()
        await pilot.press("enter")
        await finish_writes(pilot)
        assert isinstance(app.screen, FileExistsScreen)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert app.screen is dialog
        assert existing.read_text(encoding="utf-8") == "keep me"

        # An unwritable destination: the error shows in the dialog, which stays.
        def failing_replace(source: object, target: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", failing_replace)
        field.value = str(tmp_path / "elsewhere") + os.sep
        await pilot.pause()
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        assert app.screen is dialog
        assert dialog.error is not None
        assert "Permission denied" in dialog.error
        assert not (tmp_path / "elsewhere").exists() or not list(
            (tmp_path / "elsewhere").iterdir()
        )
        monkeypatch.undo()

        await pilot.click("#export-cancel-button")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert reader(app).last_export is None


async def test_marks_restored_before_annotation_show_once_quotes_are_known(
    make_app: AppFactory, annotator: object
) -> None:
    annotator.delay = 0.3  # type: ignore[attr-defined]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        assert screen.annotations is None  # still annotating
        screen.set_marks(["q-2", "q-gone", "q-5"])
        await settle(pilot)
        await pilot.pause(0.2)
        assert screen.annotations is not None
        assert screen.marked_ids == ("q-2", "q-5")
        assert screen.status_bar.left_text.startswith("✓ 2 marked")
        marked = screen.article_view.highlights.layer("marked")
        assert marked is not None and len(marked) == 2
        rows = quote_rows(app)
        assert rows["quote-1"].startswith("▌✓")
        assert rows["quote-4"].startswith("▌✓")


async def test_export_dialog_writes_a_file_name_as_a_file(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "out.txt"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_export_dialog(app, pilot, "right_square_bracket")
        dialog.query_one("#export-destination", Input).value = str(target)
        await pilot.pause()
        assert dialog.target == target
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        assert reader(app).last_export == target
    assert target.is_file()
    assert "^q-1" in target.read_text(encoding="utf-8")


async def test_e_and_the_dialog_write_the_same_file(
    make_app: AppFactory, isolated_dirs: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_square_bracket", "e")
        await finish_writes(pilot)
        written = screen.last_export
        assert written is not None
        dialog = await open_export_dialog(app, pilot)
        assert dialog.target == written
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        # Same file, so the dialog asks before replacing it.
        assert isinstance(app.screen, FileExistsScreen)
        assert app.screen.path == written


async def test_export_dialog_plain_markdown_leaves_out_offsets_and_ids(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "plain.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_export_dialog(app, pilot, "right_square_bracket")
        plain = dialog.query_one("#export-plain", Checkbox)
        # Only Markdown has a plain form: JSON and CSV always keep offsets.
        dialog.query_one("#export-format", RadioSet).focus()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert dialog.format == "json" and plain.disabled
        await pilot.press("left", "enter")
        await pilot.pause()
        assert dialog.format == "md" and not plain.disabled
        plain.focus()
        await pilot.press("space")
        assert plain.value
        dialog.query_one("#export-destination", Input).value = str(target)
        await pilot.pause()
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        assert reader(app).last_export == target
    text = target.read_text(encoding="utf-8")
    assert "We cannot wait any longer" in text
    assert "^q-1" not in text
    assert " chars " not in text


async def test_an_existing_file_can_be_appended_to_but_not_a_json_one(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n\nCall the council back.\n", encoding="utf-8")
    data = tmp_path / "data.json"
    data.write_text('{"mine": true}\n', encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_export_dialog(app, pilot, "right_square_bracket")
        field = dialog.query_one("#export-destination", Input)
        field.value = str(notes)
        await pilot.pause()
        # The dialog says beforehand what an existing file allows.
        target_line = str(dialog.query_one("#export-target", Static).render())
        assert "overwrite it or append to it" in target_line
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        asked = app.screen
        assert isinstance(asked, FileExistsScreen)
        assert not asked.query_one("#exists-append", Button).disabled
        await pilot.press("a")
        await finish_writes(pilot)
        assert reader(app).last_export == notes
        text = notes.read_text(encoding="utf-8")
        # The reporter's notes are kept; the quote follows, with no second
        # front matter.
        assert text.startswith("# My notes\n\nCall the council back.\n\n")
        assert "We cannot wait any longer" in text
        assert "---" not in text

        dialog = await open_export_dialog(app, pilot)
        dialog.query_one("#export-format", RadioSet).focus()
        await pilot.press("right", "enter")
        dialog.query_one("#export-destination", Input).value = str(data)
        await pilot.pause()
        target_line = str(dialog.query_one("#export-target", Static).render())
        assert "cannot be appended to" in target_line
        await pilot.click("#export-ok")
        await finish_writes(pilot)
        asked = app.screen
        assert isinstance(asked, FileExistsScreen)
        assert asked.query_one("#exists-append", Button).disabled
        note = str(asked.query_one("#exists-note", Static).render())
        assert "JSON export is one object: it cannot be appended to" in note
        await pilot.press("a")  # refused: nothing written, still asking
        await pilot.pause()
        assert app.screen is asked
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog
    assert data.read_text(encoding="utf-8") == '{"mine": true}\n'
