"""Keys: quotes, same speaker, speaker filter, search, focus, side pane, details."""

from __future__ import annotations

from textual.widgets import Input

from newsreader.ui.screens.quote_details import QuoteDetailsScreen
from newsreader.ui.widgets.side_pane import PaneList
from tests.ui.ui_helpers import AppFactory, current_index, pane, reader, settle, view


async def test_next_and_previous_quote(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert current_index(app) is None
        assert screen.status_bar.left_text.startswith("Quote – / 5")
        await pilot.press("right_square_bracket")
        assert current_index(app) == 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert current_index(app) == 2
        assert "Quote 3 / 5 · Tom Baker · 0.85 · told" in screen.status_bar.left_text
        await pilot.press("left_square_bracket")
        assert current_index(app) == 1
        # The side pane's quote list follows the current quote once keys pause.
        await pilot.pause(0.2)
        quote_list = pane(app).list_for("quotes")
        assert quote_list.highlighted_option is not None
        assert quote_list.highlighted_option.id == "quote-1"


async def test_next_quote_at_the_end_stays(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(7):
            await pilot.press("right_square_bracket")
        assert current_index(app) == 4


async def test_same_speaker_navigation(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")  # quote 0, Maria Lopez
        await pilot.press("right_curly_bracket")
        assert current_index(app) == 1
        await pilot.press("right_curly_bracket")  # skips Tom Baker's quote 2
        assert current_index(app) == 3
        await pilot.press("right_curly_bracket")  # no later quote by Lopez
        assert current_index(app) == 3
        await pilot.press("left_curly_bracket")
        assert current_index(app) == 1


async def test_speaker_filter_and_escape(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_square_bracket", "s")
        assert screen.cursor.speaker_filter == "Maria Lopez"
        assert "Quote 1 of 3 by Maria Lopez (filter)" in screen.status_bar.left_text
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert current_index(app) == 3  # Tom Baker's quote 2 is skipped
        quotes_layer = view(app).highlights.layer("quotes")
        assert quotes_layer is not None and len(quotes_layer) == 3
        # The side pane lists only the filtered quotes.
        options = pane(app).list_for("quotes").options
        assert [o.id for o in options if o.id] == ["quote-0", "quote-1", "quote-3"]
        await pilot.press("escape")
        assert screen.cursor.speaker_filter is None
        assert "filter" not in screen.status_bar.left_text
        assert current_index(app) == 3
        # s toggles too.
        await pilot.press("s", "s")
        assert screen.cursor.speaker_filter is None


async def test_search_with_next_and_previous(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"council")
        await pilot.press("enter")
        search = screen.search
        assert search is not None
        assert len(search.matches) == 4
        assert "1 / 4" in screen.status_bar.left_text
        first = search.current
        await pilot.press("n")
        assert search.current == first + 1
        await pilot.press("N", "N")
        assert search.current == (first - 1) % 4
        layer = view(app).highlights.layer("search")
        assert layer is not None and len(layer) == 4
        assert app.screen.focused is view(app)
        await pilot.press("escape")
        assert screen.search is None
        assert view(app).highlights.layer("search") is None


async def test_a_typed_character_is_searched_before_the_next_frame(
    make_app: AppFactory,
) -> None:
    """The text, the highlights and the count change in one step: nothing
    waits for a message to travel from the input to the screen (which would
    put the search's repaint one frame after the character's)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash")
        bar = screen.search_bar
        assert bar is not None
        bar.input.insert_text_at_cursor("council")
        # No await: no message has been handled since the text changed.
        search = screen.search
        assert search is not None and search.query == "council"
        assert len(search.matches) == 4
        assert bar.count == "1 / 4"
        assert view(app).highlights.layer("search") is not None


async def test_search_is_smart_case_and_literal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"[sic]", "enter")
        assert screen.search is not None and len(screen.search.matches) == 1
        await pilot.press("slash", "ctrl+u", *"Council", "enter")
        assert screen.search is not None and len(screen.search.matches) == 1


async def test_escape_closes_search_before_filter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("right_square_bracket", "s", "slash", *"bridge", "enter")
        await pilot.press("escape")
        assert screen.search is None
        assert screen.cursor.speaker_filter == "Maria Lopez"
        await pilot.press("escape")
        assert screen.cursor.speaker_filter is None


async def test_tab_switches_focus_between_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is view(app)
        await pilot.press("tab")
        assert isinstance(app.focused, PaneList)
        assert app.focused.id == "quotes-list"
        await pilot.press("tab")
        assert app.focused is view(app)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PaneList)


async def test_side_pane_quote_choice_jumps(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        quote_list = pane(app).list_for("quotes")
        quote_list.highlighted = quote_list.get_option_index("quote-2")
        await pilot.press("enter")
        assert current_index(app) == 2
        assert view(app).is_span_visible(reader(app).quote_span(2))


async def test_side_pane_speaker_choice_filters(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("tab", "right")
        assert pane(app).active_tab == "speakers"
        speakers = pane(app).list_for("speakers")
        assert app.focused is speakers
        speakers.highlighted = 2  # All speakers, Maria Lopez (3), Tom Baker (1)
        await pilot.press("enter")
        assert screen.cursor.speaker_filter == "Tom Baker"
        assert current_index(app) == 2
        speakers.highlighted = 0
        await pilot.press("enter")
        assert screen.cursor.speaker_filter is None


async def test_side_pane_entity_steps_through_mentions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("tab", "right", "right")
        assert pane(app).active_tab == "entities"
        entities = pane(app).list_for("entities")
        # Row 0 is the "People" heading; row 1 is Maria Lopez.
        entities.highlighted = 1
        await pilot.press("enter")
        mentions = screen.mentions
        assert mentions is not None and mentions.title == "Maria Lopez"
        assert mentions.current == 0
        assert "Maria Lopez mention 1 / 2" in screen.status_bar.left_text
        await pilot.press("enter")
        assert mentions.current == 1
        await pilot.press("right_square_bracket")  # ] steps mentions while selected
        assert mentions.current == 0
        assert view(app).highlights.layer("focus") is not None
        await pilot.press("escape")
        assert screen.mentions is None
        assert view(app).highlights.layer("focus") is None


async def test_topic_choice_highlights_mentions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        pane(app).action_show_tab("topics")
        await pilot.pause()
        topics = pane(app).list_for("topics")
        topics.highlighted = 0
        await pilot.press("enter")
        assert screen.mentions is not None and screen.mentions.title == "bridge"
        layer = view(app).highlights.layer("focus")
        assert layer is not None and len(layer) == 3


async def test_quote_details_dialog(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuoteDetailsScreen)
        table = dialog.query_one("#details-table").render()
        text = str(table)
        for expected in (
            "Maria Lopez",
            "Mayor Lopez",
            "said",
            "direct",
            "0.90 (high)",
            "speaker named in the sentence",
        ):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuoteDetailsScreen)
        assert current_index(app) == 0


async def test_click_on_quote_selects_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_view = view(app)
        span = reader(app).quote_span(2)
        line = article_view.line_index.line_for_offset(span.start + 3)
        column = span.start + 3 - article_view.line_index.starts[line]
        gutter_and_padding = 3
        await pilot.click(article_view, offset=(column + gutter_and_padding, line))
        await pilot.pause()
        assert current_index(app) == 2


async def test_scrolling_keys(make_app: AppFactory) -> None:
    from tests.ui.ui_fakes import build_article

    long_article = build_article(
        tuple(f"Paragraph {n} " + "word " * 60 for n in range(60))
    )
    app = make_app(the_article=long_article, factory=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_view = view(app)
        page = article_view.scrollable_content_region.height
        await pilot.press("j", "j")
        assert article_view.scroll_y == 2
        await pilot.press("k")
        assert article_view.scroll_y == 1
        await pilot.press("space")
        assert article_view.scroll_y == 1 + page
        await pilot.press("b")
        assert article_view.scroll_y == 1
        await pilot.press("ctrl+d")
        assert article_view.scroll_y == 1 + page // 2
        await pilot.press("ctrl+u", "G")
        assert article_view.scroll_y == article_view.max_scroll_y
        await pilot.press("g")
        assert article_view.scroll_y == 0
        await pilot.press("pagedown", "end", "home")
        assert article_view.scroll_y == 0
