"""Tests for newsreader.sources: formats, decoding, bad input, URLs and stdin.

Every input is written inline into ``tmp_path``; URL tests use a local HTTP
server on 127.0.0.1 (and port 9, which refuses at once), never the network.
"""

from __future__ import annotations

import http.server
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.model import Article, Span
from newsreader.sources import (
    SourceError,
    load_article,
    neutralise_controls,
    split_paragraphs,
)
from tests.support.local_http import base_url, serving
from tests.support.paths import REPO

# --- helpers -----------------------------------------------------------------


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    """Write ``content`` (str as UTF-8) to ``tmp_path/name``; return the path."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def paragraph_texts(article: Article) -> list[str]:
    """The text of each paragraph of ``article``."""
    return [article.span_text(span) for span in article.paragraphs]


def assert_valid_spans(text: str, spans: tuple[Span, ...]) -> None:
    """Spans are non-empty, trimmed, ordered, disjoint and cover all non-space."""
    previous_end = 0
    covered = [False] * len(text)
    for span in spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert piece
        covered[span.start : span.end] = [True] * len(span)
        previous_end = span.end
    for index, char in enumerate(text):
        assert covered[index] or char.isspace(), f"{char!r} at {index} not covered"


def error_message(
    source: str, *, stdin: BinaryIO | None = None, max_bytes: int = 50_000_000
) -> str:
    """The one-line SourceError message ``load_article`` raises for ``source``."""
    with pytest.raises(SourceError) as caught:
        load_article(source, stdin=stdin, max_bytes=max_bytes)
    message = str(caught.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib honours proxy variables; local-server tests must go direct."""
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


# --- plain text --------------------------------------------------------------

TRICKY_BODY = (
    "“It’s not over,” she said — twice.  Two spaces stay.\n"
    "Markup-like [bold]text[/bold] and $var and {braces} stay too.\n"
    "Tabs\tstay, and 'straight' \"quotes\" as well."
)


def test_txt_convention_title_byline_and_exact_text(tmp_path: Path) -> None:
    content = (
        "\n\n  Council passes budget  \n\nBy Ana Ruiz and Tom Hale\n\n"
        f"{TRICKY_BODY}\n\nLast paragraph.\n\n"
    )
    source = write(tmp_path, "story.txt", content)

    article = load_article(source)

    assert article.title == "Council passes budget"
    assert article.byline == "Ana Ruiz and Tom Hale"
    assert article.source == source
    assert article.text == content.strip()
    assert TRICKY_BODY in article.text
    assert article.text.encode("utf-8") in content.encode("utf-8")
    assert paragraph_texts(article) == [
        "Council passes budget",
        "By Ana Ruiz and Tom Hale",
        TRICKY_BODY,
        "Last paragraph.",
    ]
    assert article.url is None
    assert article.sha256


def test_txt_byline_needs_capital_by_and_a_single_line(tmp_path: Path) -> None:
    lower = load_article(write(tmp_path, "a.txt", "Title\n\nby someone\n\nBody."))
    multi = load_article(write(tmp_path, "b.txt", "Title\n\nBy A\nand more\n\nBody."))
    assert lower.byline is None
    assert multi.byline is None


def test_txt_byline_as_the_last_paragraph(tmp_path: Path) -> None:
    later = load_article(write(tmp_path, "c.txt", "Title\n\nBody.\n\nBy Ana Ruiz"))
    bullet = load_article(write(tmp_path, "d.txt", "Title\n\nBody.\n\n• Tom Ng"))
    prose = load_article(
        write(tmp_path, "e.txt", "Title\n\nBody.\n\nThe vote is on Monday.")
    )
    assert later.byline == "Ana Ruiz"
    assert bullet.byline == "Tom Ng"
    assert prose.byline is None
    # The byline stays in the text, as the last paragraph.
    assert bullet.text.endswith("• Tom Ng")


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    article = load_article(
        write(tmp_path, "crlf.txt", b"Title\r\n\r\nOne\r\ntwo\rthree\r\rFour\r\n")
    )
    assert article.text == "Title\n\nOne\ntwo\nthree\n\nFour"
    assert "\r" not in article.text
    assert paragraph_texts(article) == ["Title", "One\ntwo\nthree", "Four"]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Café au lait\n\nThe señor paid for a crème brûlée."),
        ("cp1252", "Naïve headline\n\n“Smart quotes” cost 5 € … in cp1252."),
        ("utf-16", "Überschrift\n\n“Zitat” und Grüße aus Köln."),
        ("utf-16-le", "Titre sans BOM\n\nÉté à Paris, c’est ça."),
    ],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    article = load_article(write(tmp_path, "old.txt", text.encode(encoding)))
    assert article.text == text


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbfTitle\n\nBody"))
    assert article.text == "Title\n\nBody"
    assert article.title == "Title"


def test_one_line_per_paragraph_fallback(tmp_path: Path) -> None:
    article = load_article(
        write(tmp_path, "lines.txt", "Headline\nBy Ana Ruiz\nFirst para.\nSecond.")
    )
    assert paragraph_texts(article) == [
        "Headline",
        "By Ana Ruiz",
        "First para.",
        "Second.",
    ]
    assert article.byline == "Ana Ruiz"


def test_unknown_suffix_is_sniffed_as_text(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "notes", "Just notes\n\n<not> html"))
    assert article.title == "Just notes"
    assert article.text == "Just notes\n\n<not> html"


def test_metadata_fields(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "meta.txt", "Title\n\nBody"))
    assert article.retrieved is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", article.retrieved), (
        article.retrieved
    )
    assert datetime.fromisoformat(article.retrieved).utcoffset() is not None


# --- split_paragraphs --------------------------------------------------------


def test_split_paragraphs_blank_lines_with_whitespace() -> None:
    text = "  One\nstill one  \n \t \nTwo\n\n\n   Three   "
    spans = split_paragraphs(text)
    assert [text[s.start : s.end] for s in spans] == [
        "One\nstill one",
        "Two",
        "Three",
    ]
    assert_valid_spans(text, spans)


def test_split_paragraphs_edge_cases() -> None:
    assert split_paragraphs("") == ()
    assert split_paragraphs(" \n\t\n ") == ()
    assert split_paragraphs("single") == (Span(0, 6),)
    assert split_paragraphs("a\nb\n") == (Span(0, 1), Span(2, 3))


@settings(deadline=None, max_examples=200)
@given(
    # Arbitrary text, biased towards the characters paragraph splitting is about.
    st.lists(
        st.one_of(
            st.sampled_from(["\n", "\n\n", " ", "\t", "\r", "\u2028", "\x0c", "ab"]),
            st.text(),
        )
    ).map("".join)
)
def test_split_paragraphs_property(text: str) -> None:
    spans = split_paragraphs(text)
    assert_valid_spans(text, spans)


# --- control characters ------------------------------------------------------


def test_neutralise_controls_is_length_preserving() -> None:
    text = "\x1b[31mred\x1b[0m"
    safe = neutralise_controls(text)
    assert "\x1b" not in safe
    assert len(safe) == len(text)
    assert safe == "␛[31mred␛[0m"
    assert neutralise_controls("a\tb\nc") == "a\tb\nc"
    every = "".join(chr(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
    cleaned = neutralise_controls(every)
    assert len(cleaned) == len(every)
    assert set(cleaned) & set(every) == {"\t", "\n"}


def test_load_article_neutralises_controls(tmp_path: Path) -> None:
    source = write(
        tmp_path, "esc.txt", "Ti\x1b]0;pwned\x07tle\n\nSay \x1b[31mred\x1b[0m\x9b."
    )
    article = load_article(source)
    controls = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    assert not controls.search(article.text)
    assert not controls.search(article.title)
    assert article.text == "Ti␛]0;pwned␇tle\n\nSay ␛[31mred␛[0m\ufffd."


def test_error_messages_neutralise_controls(tmp_path: Path) -> None:
    message = error_message(str(tmp_path / "evil\x1b[2J.txt"))
    assert "\x1b" not in message
    assert message.endswith(": no such file")


# --- Markdown ----------------------------------------------------------------

MARKDOWN = """\
---
title: "Budget passes after a long night"
authors:
  - Ana Ruiz
  - Tom Hale
date: 2024-03-05
site_name: The Daily Ledger
url: https://example.com/budget
---

The council said "yes" to the *budget* and **it's** done --
a [long](https://example.com/a) night
with `code` in it.

## What changes

- Parks get more money
- Buses run *later*

1. First
2. Second

> "We will be back," the critic said.

![A photo of the council](photo.jpg)
"""


def test_markdown_rendering_and_front_matter(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "story.md", MARKDOWN))

    assert article.title == "Budget passes after a long night"
    assert article.byline == "Ana Ruiz and Tom Hale"
    assert article.published == "2024-03-05"
    assert article.site == "The Daily Ledger"
    assert article.url == "https://example.com/budget"
    # Soft line breaks inside a paragraph become single spaces.
    assert paragraph_texts(article) == [
        "Budget passes after a long night",
        "By Ana Ruiz and Tom Hale",
        'The council said "yes" to the budget and it\'s done -- '
        "a long night with code in it.",
        "What changes",
        "• Parks get more money",
        "• Buses run later",
        "1. First",
        "2. Second",
        '"We will be back," the critic said.',
    ]
    assert "---" not in article.text.split("\n\n")[0]
    for marker in ("#", "*", "`", "](", "![", "title:", "photo.jpg"):
        assert marker not in article.text
    assert "“" not in article.text and "’" not in article.text


def test_markdown_title_from_first_heading_and_by_paragraph(tmp_path: Path) -> None:
    text = "# The *real* headline\n\nBy Ana Ruiz\n\nBody line one\nline two  \nhard.\n"
    article = load_article(write(tmp_path, "h.markdown", text))
    assert article.title == "The real headline"
    assert article.byline == "Ana Ruiz"
    assert paragraph_texts(article) == [
        "The real headline",
        "By Ana Ruiz",
        "Body line one line two hard.",
    ]


def test_markdown_front_matter_title_not_duplicated(tmp_path: Path) -> None:
    text = "---\ntitle: Same Title\n---\n# Same Title\n\nBody.\n"
    article = load_article(write(tmp_path, "dup.MD", text))
    assert paragraph_texts(article) == ["Same Title", "Body."]


def test_markdown_without_heading_uses_first_paragraph(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "plain.md", "Just a line.\n\nMore."))
    assert article.title == "Just a line."
    assert article.text == "Just a line.\n\nMore."


def test_markdown_rule_at_start_is_not_front_matter(tmp_path: Path) -> None:
    text = "---\n\nSome intro text here.\n\n---\n\nBody."
    article = load_article(write(tmp_path, "rule.md", text))
    assert paragraph_texts(article) == ["Some intro text here.", "Body."]


def test_markdown_with_only_front_matter_is_empty(tmp_path: Path) -> None:
    message = error_message(write(tmp_path, "fm.md", "---\ntitle: Nothing\n---\n\n"))
    assert message.endswith(": the article is empty")


# --- HTML --------------------------------------------------------------------

BODY_PARAGRAPHS = [
    "The city council approved a new budget on Tuesday after a debate that "
    "lasted more than six hours, with members arguing over parks and transit.",
    "“This is a budget for everyone,” said Mayor Lena Ortiz, who had pushed for "
    "the increase in transit spending since her election last year.",
    "Critics said the plan relied on optimistic revenue forecasts. “We will be "
    "back here in six months,” warned councillor Tom Hale, who voted against it.",
    "The budget takes effect in July and includes a two percent rise in "
    "property taxes for most residents of the city, officials said.",
]

ARTICLE_HTML = (
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Council approves new budget | The Daily Ledger</title>
<meta property="og:title" content="Council approves new budget after long debate">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="The Daily Ledger">
<link rel="canonical" href="https://ledger.example/news/budget">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
</ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your
experience. <button>Accept all cookies</button></div>
<main><article>
<h1>Council approves new budget after long debate</h1>
<p class="byline">By Ana Ruiz</p>
"""
    + "\n".join(f"<p>{paragraph}</p>" for paragraph in BODY_PARAGRAPHS)
    + """
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Mayor unveils sweeping transit plan for the region</a></li>
<li><a href="/b">Tax rise looms for homeowners across the county</a></li>
</ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Great news, finally some sense at city hall!</p></div>
<div class="comment"><p>Another tax rise, unbelievable and shameful.</p></div>
</section>
</main>
<footer><p>© 2024 The Daily Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""
)

BOILERPLATE = [
    "Sport",
    "Weather",
    "cookies",
    "Related stories",
    "transit plan for the region",
    "Tax rise looms",
    "Great news",
    "unbelievable",
    "All rights reserved",
    "Privacy policy",
]


def assert_budget_article(article: Article) -> None:
    """The extracted article of ARTICLE_HTML, boilerplate gone."""
    assert article.title == "Council approves new budget after long debate"
    assert article.byline == "Ana Ruiz"
    assert article.published == "2024-03-05"
    assert article.site == "The Daily Ledger"
    assert paragraph_texts(article) == [
        "Council approves new budget after long debate",
        "By Ana Ruiz",
        *BODY_PARAGRAPHS,
    ]
    for junk in BOILERPLATE:
        assert junk not in article.text, junk


def test_html_article_extracted_without_boilerplate(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "page.html", ARTICLE_HTML))
    assert_budget_article(article)
    assert article.url == "https://ledger.example/news/budget"


def test_html_suffix_is_case_insensitive_and_sniffed(tmp_path: Path) -> None:
    assert_budget_article(load_article(write(tmp_path, "PAGE.HTM", ARTICLE_HTML)))
    assert_budget_article(load_article(write(tmp_path, "page.download", ARTICLE_HTML)))


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">'
    )
    article = load_article(write(tmp_path, "cp.html", page.encode("cp1252")))
    assert_budget_article(article)


def test_html_fragment_and_utf16_page(tmp_path: Path) -> None:
    fragment = (
        "<article><h1>Fragment headline</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in BODY_PARAGRAPHS)
        + "</article>"
    )
    article = load_article(write(tmp_path, "fragment.html", fragment))
    assert paragraph_texts(article) == ["Fragment headline", *BODY_PARAGRAPHS]
    assert article.title == "Fragment headline"
    assert article.byline is None
    utf16 = load_article(write(tmp_path, "wide.html", ARTICLE_HTML.encode("utf-16")))
    assert_budget_article(utf16)


def test_html_without_article_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Menu</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>"
    )
    message = error_message(write(tmp_path, "empty.html", page))
    assert message.endswith(": no article text found in this HTML page")


# --- bad input ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    source = str(tmp_path / "missing.txt")
    assert error_message(source) == f"{source}: no such file"


def test_directory(tmp_path: Path) -> None:
    assert error_message(str(tmp_path)) == (
        f"{tmp_path}: is a directory, not an article file"
    )


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path, "secret.txt", "Title\n\nBody")
    if sys.platform != "win32" and os.geteuid() != 0:
        Path(source).chmod(0)
    else:
        # Root (or Windows) reads anything; simulate the refusal instead.
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", source)

        monkeypatch.setattr(Path, "open", refuse)
    try:
        assert error_message(source) == f"{source}: permission denied"
    finally:
        Path(source).chmod(0o600)


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08"


@pytest.mark.parametrize("name", ["image.png", "image.txt", "image.md", "image.html"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    source = write(tmp_path, name, PNG_HEADER + bytes(range(256)) * 4)
    assert (
        error_message(source) == f"{source}: looks like a binary file, not an article"
    )


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    # Pseudo-random bytes with no NUL: no encoding explains them as text.
    noise = bytes((index * 7919 + 13) % 255 + 1 for index in range(20000))
    source = write(tmp_path, "noise.dat", noise)
    assert (
        error_message(source) == f"{source}: looks like a binary file, not an article"
    )


def test_path_that_looks_like_a_scheme_but_exists(tmp_path: Path) -> None:
    source = write(tmp_path, "notes:v2.txt", "Title\n\nBody")
    assert load_article(source).title == "Title"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n", "\ufeff \n".encode()])
@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty"])
def test_empty_and_whitespace_only(tmp_path: Path, name: str, content: bytes) -> None:
    source = write(tmp_path, name, content)
    assert error_message(source) == f"{source}: the article is empty"


def test_too_large(tmp_path: Path) -> None:
    source = write(tmp_path, "big.txt", "Title\n\n" + "word " * 400)
    message = error_message(source, max_bytes=1000)
    assert message == f"{source}: is too large (2 kB; the limit is 1 kB)"
    assert load_article(source, max_bytes=5000).title == "Title"


@pytest.mark.parametrize(
    ("source", "scheme"),
    [
        ("ftp://example.com/a.txt", "ftp"),
        ("file:///etc/passwd", "file"),
        ("FTP://example.com/", "ftp"),
        ("javascript:alert(1)", "javascript"),
    ],
)
def test_unsupported_scheme(source: str, scheme: str) -> None:
    assert error_message(source) == (
        f"unsupported URL scheme '{scheme}': only http and https URLs can be opened"
    )


def test_unreachable_url() -> None:
    url = "http://127.0.0.1:9/"
    message = error_message(url)
    assert message.startswith(f"{url}: cannot open: ")
    assert "refused" in message


# --- stdin -------------------------------------------------------------------


def test_stdin_text() -> None:
    data = "Title from stdin\n\nBy Ana Ruiz\n\nBody “quoted”.".encode()
    article = load_article("-", stdin=io.BytesIO(data))
    assert article.source == "-"
    assert article.title == "Title from stdin"
    assert article.byline == "Ana Ruiz"
    assert article.text == data.decode()


def test_stdin_html_is_sniffed() -> None:
    article = load_article("-", stdin=io.BytesIO(ARTICLE_HTML.encode()))
    assert_budget_article(article)


def test_stdin_utf16_html_is_sniffed() -> None:
    article = load_article("-", stdin=io.BytesIO(ARTICLE_HTML.encode("utf-16")))
    assert_budget_article(article)


def test_stdin_errors() -> None:
    assert error_message("-", stdin=io.BytesIO(b"")) == (
        "standard input: the article is empty"
    )
    assert error_message("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10) == (
        "standard input: is too large (over 10 bytes; the limit is 10 bytes)"
    )
    assert error_message("-", stdin=io.BytesIO(PNG_HEADER)) == (
        "standard input: looks like a binary file, not an article"
    )


# --- import hygiene ----------------------------------------------------------


def test_import_is_headless_and_lazy() -> None:
    code = (
        "import sys, newsreader.sources\n"
        "heavy = ['textual', 'rich', 'spacy', 'trafilatura', 'markdown_it',\n"
        "         'charset_normalizer', 'urllib.request', 'newsreader.ui']\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    # A fresh interpreter that finds this checkout whether or not it is installed.
    repo_root = str(REPO)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [repo_root, os.environ.get("PYTHONPATH")])
        ),
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert result.stdout.strip() == "[]"


# --- local HTTP server -------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes for the URL tests."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        """Serve the route named by the path."""
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            remaining = int(path.rsplit("/", 1)[1])
            if remaining:
                self._redirect(f"/chain/{remaining - 1}")
            else:
                self._send(200, "text/plain; charset=utf-8", b"Chain end\n\nBody.")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/file.txt")
        elif path == "/big":
            self._send(200, "text/plain", b"Title\n\n" + b"x" * 5000)
        elif path == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"Title\n\n" + b"y" * 5000)
        elif path == "/notes.md":
            self._send(200, "text/plain; charset=utf-8", b"# Notes\n\nA *point*.")
        elif path == "/latin":
            body = "Café story\n\nThe señor said “no”.".encode("cp1252")
            self._send(200, "text/plain; charset=windows-1252", body)
        elif path == "/image":
            self._send(200, "image/png", PNG_HEADER)
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a local HTTP server running :class:`_Handler`."""
    with serving(_Handler) as httpd:
        yield base_url(httpd)


def test_url_html_page(server: str) -> None:
    url = f"{server}/article"
    article = load_article(url)
    assert_budget_article(article)
    assert article.source == url
    assert article.url == url


def test_url_redirects_up_to_five(server: str) -> None:
    article = load_article(f"{server}/chain/5")
    assert article.title == "Chain end"
    assert article.url == f"{server}/chain/0"
    message = error_message(f"{server}/chain/6")
    assert message == f"{server}/chain/6: cannot open: more than 5 redirects"


def test_url_redirect_loop(server: str) -> None:
    url = f"{server}/loop"
    assert error_message(url) == f"{url}: cannot open: more than 5 redirects"


def test_url_redirect_to_other_scheme_refused(server: str) -> None:
    message = error_message(f"{server}/to-ftp")
    assert "redirected to an unsupported 'ftp' URL" in message


def test_url_oversized_body(server: str) -> None:
    assert error_message(f"{server}/big", max_bytes=1000) == (
        f"{server}/big: is too large (5 kB; the limit is 1 kB)"
    )
    assert error_message(f"{server}/big-unsized", max_bytes=1000) == (
        f"{server}/big-unsized: is too large (over 1 kB; the limit is 1 kB)"
    )


def test_url_404(server: str) -> None:
    url = f"{server}/missing"
    assert error_message(url) == (
        f"{url}: cannot open: the server answered HTTP 404 Not Found"
    )


def test_url_content_types(server: str) -> None:
    markdown = load_article(f"{server}/notes.md")
    assert markdown.text == "Notes\n\nA point."
    latin = load_article(f"{server}/latin")
    assert latin.text == "Café story\n\nThe señor said “no”."
    message = error_message(f"{server}/image")
    assert "image/png" in message
