"""The reader in real terminal sizes and with the keys of less and vim:
80×24 and 100×30 layouts, resizes, paging and counts, ``o``, the keymap,
toasts, headers and 16-colour mode."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from rich.console import Console
from textual.app import App
from textual.widgets import Tab

from newsreader.model import Article
from newsreader.ui.actions import checked_keymap
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.article_header import ArticleHeader
from newsreader.ui.widgets.footer import KeyFooter
from tests.ui.ui_fakes import PARAGRAPHS, build_article
from tests.ui.ui_helpers import AppFactory, current_index, reader, settle, view

FILLER = tuple(
    f"Filler paragraph {n} about the harbour, the ferry timetable and the weather "
    "over the bay, long enough to wrap over two lines in a narrow terminal."
    for n in range(1, 25)
)


def long_article(**kwargs: Any) -> Article:
    """The test article with filler before and between the quotes."""
    return build_article(
        PARAGRAPHS[:3] + FILLER[:12] + PARAGRAPHS[3:6] + FILLER[12:] + PARAGRAPHS[6:],
        **kwargs,
    )


def screen_lines(app: App[Any]) -> list[str]:
    """The whole screen as plain text rows, as the terminal shows it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()[:height]


# -- small terminals -----------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_small_terminal_shows_whole_fields(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause(0.3)
        lines = screen_lines(app)
        status, footer = lines[-2], lines[-1]
        # Quote position, speaker and confidence come first and whole.
        assert "Quote 2 / 5 · Maria Lopez · 0.70" in status
        assert status.rstrip().endswith("¶ 1/8")
        # Footer keys are whole: the last label shown is complete.
        shown = app.screen.query_one(KeyFooter).visible_text
        for label in ("Quote", "Search", "Quit"):
            assert label in footer
        assert footer.rstrip().endswith(shown.split()[-1])
        assert shown in footer
        assert "? H\n" not in footer + "\n"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_tab_labels_are_whole(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if not reader(app).pane_shown:
            await pilot.press("p")
            await pilot.pause(0.3)
        text = "\n".join(screen_lines(app))
        for label in ("Quotes", "Speakers", "Entities", "Topics"):
            assert label in text
        pane = reader(app).side_slot.region
        tabs = list(app.screen.query(Tab))
        assert len(tabs) == 4
        for tab in tabs:
            assert tab.region.right <= pane.right


async def test_status_gives_way_to_the_quote_before_the_model(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        status = screen_lines(app)[-2]
        assert "0.90" in status
        assert "fake model 1.0" not in status or status.index("0.90") < status.index(
            "fake"
        )


# -- place kept ------------------------------------------------------------------


async def test_resize_keeps_the_current_quote_on_screen(make_app: AppFactory) -> None:
    app = make_app(the_article=long_article())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        span = reader(app).quote_span(current_index(app) or 0)
        assert view(app).is_span_visible(span)
        for size in ((80, 24), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause(0.2)
            assert view(app).is_span_visible(span), size


async def test_jumping_to_a_quote_keeps_lines_above_it(make_app: AppFactory) -> None:
    app = make_app(the_article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article_view = view(app)
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            span = reader(app).quote_span(current_index(app) or 0)
            first = article_view.line_index.lines_for_span(span).start
            top = int(article_view.scroll_y)
            assert top == 0 or first - top >= 2, (first, top)
        # A quote already on screen at the very top is moved down too.
        span = reader(app).quote_span(current_index(app) or 0)
        first = article_view.line_index.lines_for_span(span).start
        article_view.scroll_to(y=first, animate=False)
        await pilot.pause()
        article_view.show_span(span)
        await pilot.pause()
        assert first - int(article_view.scroll_y) >= 2


async def test_toasts_keep_off_the_status_line(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        for n in range(4):
            app.notify(f"Notice number {n}", markup=False, timeout=10)
        await pilot.pause(0.3)
        status = reader(app).status_bar.region
        toasts = [w for w in app.screen.query("Toast") if w.display]
        assert toasts
        for toast in toasts:
            assert toast.region.bottom <= status.y
            assert not toast.region.overlaps(status)
            assert toast.region.y < 24 // 2 + 2


# -- keys people know -------------------------------------------------------------


async def test_counts_paging_and_percent(make_app: AppFactory) -> None:
    app = make_app(the_article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article_view = view(app)
        await pilot.press("5", "j")
        await pilot.pause()
        assert article_view.scroll_y == 5
        await pilot.press("j")
        await pilot.pause()
        assert article_view.scroll_y == 6  # the count applied to one key only
        page = article_view.scrollable_content_region.height
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert article_view.scroll_y == 6 + page
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert article_view.scroll_y == 6
        assert not reader(app).pane_shown  # ctrl+b pages; it no longer toggles
        await pilot.press("5", "0", "percent_sign")
        await pilot.pause()
        total = len(article_view.line_index)
        assert abs(article_view.scroll_y - total // 2) <= 1
        await pilot.press("G")
        await pilot.pause()
        assert reader(app).status_bar.position_text == "¶ 32/32"
        await pilot.press("g")
        await pilot.pause()
        assert reader(app).status_bar.position_text == "¶ 1/32"
        await pilot.press("p")
        await pilot.pause()
        assert reader(app).pane_shown


async def test_o_opens_the_page_at_the_quote(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    article = build_article()
    article = dataclasses.replace(article, url="https://example.org/news/bridge")
    app = make_app(the_article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(opened) == 1
        assert opened[0].startswith("https://example.org/news/bridge#:~:text=")


async def test_o_on_a_local_file_says_there_is_no_address(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("local file" in m and "no web address" in m for m in messages)
        assert opened == []


async def test_keymap_from_config_is_applied(make_app: AppFactory) -> None:
    keymap, notice = checked_keymap({"next-quote": "x", "no-such-action": "z"})
    assert keymap == {"next-quote": "x"}
    assert notice is not None and "no-such-action" in notice
    app = make_app()
    app.set_keymap(keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert current_index(app) == 0
        await pilot.press("x")
        await pilot.pause()
        assert current_index(app) == 1


# -- header -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "url", "site", "shown"),
    [
        ("-", None, "", "By Ana Ruiz · standard input · 2025-03-14"),
        (
            "/usr/lib/python3/site-packages/newsreader/samples/bridge.txt",
            None,
            "",
            "By Ana Ruiz · bridge.txt · 2025-03-14",
        ),
        ("https://www.example.org/a", "https://www.example.org/a", "", "example.org"),
        ("x.html", None, "The Gazette", "By Ana Ruiz · The Gazette · 2025-03-14"),
    ],
)
async def test_header_names_the_article_not_a_path(
    make_app: AppFactory, source: str, url: str | None, site: str, shown: str
) -> None:
    article = build_article(source=source, site=site)
    article = dataclasses.replace(article, url=url)
    app = make_app(the_article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        header = reader(app).query_one(ArticleHeader)
        assert shown in header.meta_text
        assert "/usr/lib" not in "\n".join(screen_lines(app)[:2])


# -- 16 colours ----------------------------------------------------------------


async def test_sixteen_colours_use_ansi_speakers_and_text_styles(
    article: Article, make_app: AppFactory
) -> None:
    services = make_app().services
    app = NewsReaderApp(article, services=services, sixteen_colours=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.has_class("-ansi16")
        variables = app.get_css_variables()
        assert variables["speaker-1"].startswith("ansi_")
        assert variables["current-quote-bg"] == "transparent"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        style = view(app)._style(("article--current-quote",))
        assert style.reverse and style.bold
