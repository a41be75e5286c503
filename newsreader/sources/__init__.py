"""Reading articles: files (plain text, Markdown, HTML), http(s) URLs and stdin.

This is headless core: it never imports textual, rich or :mod:`newsreader.ui`,
and the slow parsers (trafilatura, markdown-it, charset-normalizer) are imported
only when a source needs them, so ``import newsreader.sources`` stays cheap.

Entry point: :func:`load_article` returns a :class:`newsreader.model.Article`
or raises :class:`SourceError`, whose message is one line for the user.

Formats are chosen by file suffix (case-insensitive): ``.txt``, ``.md`` /
``.markdown``, ``.html`` / ``.htm``. Other files, and stdin (``-``), are sniffed:
HTML when they start like an HTML document, plain text otherwise. URLs are
dispatched on the ``Content-Type`` the server sends.

Plain-text convention (``.txt`` and any sniffed text):

* The first non-empty line is the headline (``Article.title``).
* If the next paragraph is a single line starting with ``"By "`` (capital B,
  one space), it is the byline: ``"By Ana Ruiz and Tom Hale"`` gives
  ``byline == "Ana Ruiz and Tom Hale"``.
* The headline and byline stay in ``Article.text`` as its first paragraphs.
* ``Article.text`` is the decoded file exactly, except that a leading BOM is
  removed, CRLF and lone CR line endings become LF, leading and trailing
  whitespace is stripped and control characters are neutralised (below). There
  is no Unicode normalisation: quotes, apostrophes, dashes and inner whitespace
  stay exactly as in the file.
* Paragraphs are blocks separated by blank lines (whitespace-only lines count
  as blank); a file with no blank line at all has one paragraph per line.

Markdown is rendered to plain paragraphs (see :mod:`newsreader.sources.markdown`
for the rules, including that line breaks inside a paragraph become a single
space), and HTML goes through trafilatura, which drops navigation, cookie
banners, related links and comments (see :mod:`newsreader.sources.html`).

Decoding: a byte-order mark wins, then UTF-8, then a declared charset (HTTP
header or HTML ``<meta>``), then cp1252 (latin-1 when cp1252 cannot decode the
bytes) unless charset-normalizer has strong evidence for another encoding (see
:mod:`newsreader.sources.decoding`). Data with NUL bytes
near the start (other than UTF-16/32 text) or that no encoding explains is
refused as binary.

Terminal safety: every field of the returned article (text, title, byline, site,
date, URL) goes through :func:`neutralise_controls` (the project's one
sanitiser, :func:`newsreader.safe_text.printable`, keeping newlines and tabs),
which replaces C0 controls, DEL, C1 controls, bidirectional overrides and
invisible format characters with visible one-code-point stand-ins (``"\\x1b"``
becomes ``"␛"``). Escape sequences in a source can
therefore never reach the terminal, and offsets into the text are unaffected.
``SourceError`` messages are neutralised the same way, since they quote paths
and URLs.
"""

from __future__ import annotations

from newsreader.sources.errors import SourceError
from newsreader.sources.loader import load_article
from newsreader.sources.text import neutralise_controls, split_paragraphs

__all__ = ["SourceError", "load_article", "neutralise_controls", "split_paragraphs"]
