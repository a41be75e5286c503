"""Rendering: literal text, no escapes, non-colour cues, resize, small terminals."""

from __future__ import annotations

import pytest
from rich.style import Style

from newsreader.ui.widgets.article_header import ArticleHeader
from newsreader.ui.widgets.article_view import GUTTER_CURRENT_START, GUTTER_QUOTE
from tests.ui.ui_fakes import build_article
from tests.ui.ui_helpers import AppFactory, pane, reader, rendered_lines, settle, view


async def test_markup_looking_text_shows_literally(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = "\n".join(rendered_lines(app))
        assert "Council [bold] vote on $5 bridge" in text
        assert "rebuild the bridge [Reuters]." in text
        assert "[sic]" in text
        assert "$5 million" in text
        header = reader(app).query_one(ArticleHeader)
        assert header.title_text == "Council [bold] vote on $5 bridge"
        shown = str(header.render())
        assert shown.startswith("Council [bold] vote on $5 bridge\n")
        meta = header.meta_text
        assert meta.startswith("By Ana Ruiz · Example [Gazette] · 2025-03-14")


async def test_control_characters_never_reach_the_terminal(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_view = view(app)
        height = article_view.scrollable_content_region.height
        for y in range(height):
            for segment in article_view.render_line(y):
                assert "\x1b" not in segment.text
                assert not any(ord(c) < 32 for c in segment.text)
        text = "\n".join(rendered_lines(app))
        assert "Control ␛[31mcodes␛[0m stay" in text


async def test_quotes_carry_non_colour_cues(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_view = view(app)
        span = reader(app).quote_span(0)
        line = article_view.line_index.line_for_offset(span.start)
        strip = article_view.render_line(line)
        assert strip.text.startswith(GUTTER_QUOTE)
        quote_segment = next(s for s in strip if s.text.startswith('"We cannot'))
        assert quote_segment.style is not None and quote_segment.style.underline
        speaker = next(s for s in strip if s.text == "Mayor Lopez")
        assert speaker.style is not None and speaker.style.bold
        # The current quote gets its own gutter marker.
        await pilot.press("right_square_bracket")
        strip = article_view.render_line(line)
        assert strip.text.startswith(GUTTER_CURRENT_START)


async def test_no_color_keeps_states_distinct(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("right_square_bracket", "slash", *"bridge", "enter")
        article_view = view(app)
        styles: dict[str, Style] = {}
        for y in range(article_view.scrollable_content_region.height):
            for segment in article_view.render_line(y):
                if segment.style is not None:
                    styles.setdefault(segment.text, segment.style)
        quote = styles['"We cannot wait any longer,"']
        speaker = styles["Mayor Lopez"]
        match = styles["bridge"]
        assert quote.underline and quote.bold  # current quote: underline + bold
        assert speaker.bold
        assert match.reverse and match.bold


async def test_entity_highlighting_toggles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert view(app).highlights.layer("entities") is None
        await pilot.press("h")
        layer = view(app).highlights.layer("entities")
        assert layer is not None and len(layer) == 6
        await pilot.press("h")
        assert view(app).highlights.layer("entities") is None


async def test_resize_keeps_reading_position(make_app: AppFactory) -> None:
    paragraphs = tuple(
        f"Paragraph {n} begins here. " + " ".join(f"word{n}x{i}" for i in range(70))
        for n in range(40)
    )
    long_article = build_article(paragraphs)
    app = make_app(the_article=long_article, factory=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_view = view(app)
        article_view.scroll_to(y=57, animate=False)
        await pilot.pause()
        anchor = article_view.top_offset
        width_before = article_view.line_index.width
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        await pilot.pause()
        index = article_view.line_index
        assert index.width != width_before
        top = int(article_view.scroll_y)
        assert index.starts[top] <= anchor < index.ends[top] + 1
        assert article_view.top_offset == anchor
        # And back: still anchored.
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        index = article_view.line_index
        top = int(article_view.scroll_y)
        assert index.starts[top] <= anchor < index.ends[top] + 1


async def test_works_at_80_by_24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert not screen.pane_shown  # collapsed below 100 columns
        article_view = view(app)
        assert article_view.size.width >= 70
        for line in rendered_lines(app):
            assert len(line) <= article_view.size.width
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.cursor.current == 1
        assert "Quote 2 / 5" in screen.status_bar.left_text
        await pilot.press("p")
        assert screen.pane_shown
        await pilot.press("tab")
        assert app.focused is pane(app).list_for("quotes")
        await pilot.press("p")
        assert not screen.pane_shown
        assert app.focused is article_view


async def test_pane_collapses_when_terminal_narrows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.pane_shown
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert not screen.pane_shown
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert screen.pane_shown


async def test_help_is_generated_from_live_bindings(make_app: AppFactory) -> None:
    from newsreader.ui.screens.help import HelpScreen, help_content

    app = make_app()
    app.set_keymap({"next-quote": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_content(help_screen.groups).plain
        assert "Next quote (or mention)" in text
        rows = dict(help_screen.groups["Quotes"])
        assert "x" in rows
        for keys in ("j / ↓", "space / pgdn / ^f", "/", "n", "N", "q / ^q", "tab"):
            assert any(
                keys == row for group in help_screen.groups.values() for row, _ in group
            ), keys
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("x")
        assert reader(app).cursor.current == 0


async def test_theme_change_restyles_the_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        article_view = view(app)
        span = reader(app).quote_span(0)
        line = article_view.line_index.line_for_offset(span.start)
        dark = next(
            s for s in article_view.render_line(line) if s.text.startswith('"We')
        )
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light = next(
            s for s in article_view.render_line(line) if s.text.startswith('"We')
        )
        assert dark.style is not None and light.style is not None
        # The current-quote tint is re-blended on the new background.
        assert dark.style.bgcolor != light.style.bgcolor
        assert light.style.underline  # the non-colour cue survives the theme


async def test_only_the_current_quote_is_marked_after_moving(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for expected in range(4):
            await pilot.press("right_square_bracket")
            marked = [line for line in rendered_lines(app) if line.startswith("▶")]
            assert len(marked) == 1
            quote = reader(app).cursor.quotes[expected]
            assert app.reader.article.span_text(quote.span)[:8] in marked[0]
