"""The quote archive: every annotated article, its quotes, speakers and entities.

One SQLite file (``archive.sqlite3`` in the data directory, beside the
bookmarks) holds, per article version (keyed by the SHA-256 of its text): the
metadata, the text itself (so any quote can be shown in context), its quotes
with speaker, speaker kind, cue, kind, confidence and review state, and its
entities. An FTS5 index (``unicode61``, diacritics removed, so "zoe" finds
"Zoë") covers quote text, speaker names and titles.

Recording the same article version again replaces its quotes and entities
(reviews of quotes that are still there are kept), so recording is idempotent.
Speakers are archive-wide: each quote's resolved speaker name is matched to a
known speaker by :func:`newsreader.store.speakers.choose_speaker`, and user
merges and splits are stored as name rules that win over that matching.

The file is opened by :class:`~newsreader.store.sqlite_safe.SafeDatabase`: WAL,
``user_version`` migrations in ``BEGIN IMMEDIATE``, a corrupt file moved aside,
read-only fallback, one connection per call. Every failure is an
:class:`ArchiveError` with a one-line message.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, get_args

from newsreader.model import Annotations, Article, Span, content_sha256
from newsreader.store import locations
from newsreader.store.speakers import (
    KnownSpeaker,
    PersonName,
    choose_speaker,
    display_name,
    fold,
    is_person,
    parse_name,
    speaker_key,
)
from newsreader.store.sqlite_safe import BUSY_TIMEOUT_MS, SafeDatabase
from newsreader.store.wording import WordChange, similarity, word_diff, words

DB_NAME: Final = "archive.sqlite3"
"""File name of the archive in the data directory."""

ReviewState = Literal["machine", "verified", "edited", "not-a-quote"]
"""A quote's review state: as the machine found it, checked by the user,
corrected by the user, or rejected."""

REVIEW_STATES: Final[tuple[str, ...]] = get_args(ReviewState)

SPEAKER_KINDS: Final = ("person", "organisation", "place", "group", "other", "unknown")
"""Kinds of speaker the archive distinguishes."""

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    (
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            outlet TEXT,
            author TEXT,
            published TEXT,
            date TEXT,
            url TEXT,
            source TEXT NOT NULL,
            engine TEXT,
            recorded TEXT NOT NULL,
            paragraphs TEXT NOT NULL,
            text TEXT NOT NULL
        )
        """,
        "CREATE INDEX articles_by_date ON articles (date)",
        """
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            first TEXT,
            surname TEXT,
            created TEXT NOT NULL
        )
        """,
        "CREATE INDEX speakers_by_surname ON speakers (surname)",
        """
        CREATE TABLE speaker_names (
            key TEXT NOT NULL,
            speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT,
            user_rule INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (key, speaker_id)
        )
        """,
        "CREATE INDEX speaker_names_by_speaker ON speaker_names (speaker_id)",
        """
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            quote_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker_written TEXT,
            speaker_name TEXT,
            speaker_id INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
            speaker_kind TEXT NOT NULL DEFAULT 'unknown',
            cue TEXT,
            kind TEXT NOT NULL,
            confidence REAL NOT NULL DEFAULT 0,
            review TEXT NOT NULL DEFAULT 'machine'
                CHECK (review IN ('machine', 'verified', 'edited', 'not-a-quote')),
            edited_text TEXT,
            reviewed TEXT,
            UNIQUE (article_id, quote_id)
        )
        """,
        "CREATE INDEX quotes_by_speaker ON quotes (speaker_id)",
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            label TEXT NOT NULL,
            mentions INTEGER NOT NULL
        )
        """,
        "CREATE INDEX entities_by_key ON entities (key)",
        "CREATE INDEX entities_by_article ON entities (article_id)",
        """
        CREATE VIRTUAL TABLE quote_fts USING fts5 (
            text, speaker, title,
            tokenize = "unicode61 remove_diacritics 2"
        )
        """,
        "CREATE VIRTUAL TABLE quote_terms USING fts5vocab (quote_fts, 'col')",
    ),
)
"""Schema migrations; ``MIGRATIONS[n]`` takes the archive from version n to n+1."""

SCHEMA_VERSION: Final = len(MIGRATIONS)

RANK_LIMIT: Final = 5000
"""Searches that may match more quotes than this list the newest first instead
of ranking every match by relevance (ranking tens of thousands of matches
costs more than the 50 ms a keystroke may take)."""

TRACE_TERMS: Final = 8
"""Rarest words of a traced text used to find candidate quotes."""

TRACE_CANDIDATES: Final = 200
"""Candidates aligned word by word per trace."""

TRACE_THRESHOLD: Final = 0.6
"""Least :func:`~newsreader.store.wording.similarity` of a traced occurrence."""


class ArchiveError(Exception):
    """An archive operation failed; ``str(error)`` is one line for the user."""


# -- data ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchivedArticle:
    """An archived article's metadata (its text: :meth:`QuoteArchive.article`)."""

    sha256: str
    title: str
    outlet: str | None
    author: str | None
    published: str | None
    """The date as printed."""
    date: str | None
    """The date as ISO ``YYYY-MM-DD`` when it could be read."""
    location: str
    """The URL, else the path (or ``-``) it was read from."""
    recorded: str
    """ISO 8601 UTC time it was recorded."""


@dataclass(frozen=True, slots=True)
class ArchivedQuote:
    """One quote in the archive."""

    id: int
    """Archive-wide quote number."""
    quote_id: str
    """The quote's id in its article (``Quote.id``)."""
    span: Span
    """Offsets into the archived article text."""
    text: str
    """The quote as the user corrected it, else as written."""
    kind: str
    speaker: str | None
    """The archive speaker's name (or the name as resolved in the article)."""
    speaker_id: int | None
    speaker_written: str | None
    """The speaker mention as written in the article."""
    speaker_kind: str
    cue: str | None
    confidence: float
    review: str
    article: ArchivedArticle


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """One archive speaker with what they have said."""

    id: int
    name: str
    kind: str
    quotes: int
    articles: int
    outlets: tuple[str, ...]
    names: tuple[str, ...]
    """Every name the speaker was recorded under."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """An archived quote found by :meth:`QuoteArchive.trace`."""

    quote: ArchivedQuote
    similarity: float
    """How nearly it matches the traced text, in [0, 1]."""
    changes: tuple[WordChange, ...]
    """Its differences from the earliest occurrence (empty for the earliest)."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What :meth:`QuoteArchive.search` looks for; empty fields match all."""

    phrase: str = ""
    """Words (all must occur in text, speaker or title); ``"…"`` for a phrase."""
    speaker: str | None = None
    entity: str | None = None
    since: str | None = None
    """ISO date, inclusive."""
    until: str | None = None
    """ISO date, inclusive."""
    kind: str | None = None
    verified: bool = False
    """Only quotes the user verified or corrected."""
    prefix: bool = False
    """Let the last word match as a prefix (search as you type)."""
    limit: int = 200


@dataclass(frozen=True, slots=True)
class RecordResult:
    """What :meth:`QuoteArchive.record` stored."""

    sha256: str
    quotes: int
    replaced: bool
    """Whether the article version was already in the archive."""


# -- helpers -----------------------------------------------------------------

_DATE_FORMATS: Final = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y/%m/%d",
)
_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FTS_WORD: Final = re.compile(r"\w+", re.UNICODE)
_PHRASE: Final = re.compile(r'"([^"]*)"|(\S+)')


def iso_date(published: str | None) -> str | None:
    """``published`` as ``YYYY-MM-DD`` when it reads as a date, else None."""
    if not published:
        return None
    text = " ".join(published.split())
    match = _ISO_DATE.match(text)
    if match:
        try:
            year, month, day = (int(part) for part in match.groups())
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def fts_words(text: str) -> list[str]:
    """The index terms FTS5 makes of ``text`` (folded word characters)."""
    return _FTS_WORD.findall(fold(text))


def fts_expression(phrase: str, *, prefix: bool = False) -> str | None:
    """An FTS5 query for the user's words: every word (or ``"quoted phrase"``)
    must occur; with ``prefix`` the last word may be the start of a word.
    None when the phrase has no words."""
    parts: list[str] = []
    for match in _PHRASE.finditer(phrase):
        terms = fts_words(
            match.group(1) if match.group(1) is not None else match.group(2)
        )
        if terms:
            parts.append('"' + " ".join(terms) + '"')
    if not parts:
        return None
    if prefix and not phrase.rstrip().endswith('"'):
        parts[-1] += "*"
    return " ".join(parts)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _spelling(name: str, kind: str) -> tuple[str, PersonName | None]:
    """How a speaker named ``name`` is shown, and the parts of a person's name."""
    if is_person(kind):
        return display_name(name), parse_name(name)
    return " ".join(name.split()), None


def default_db_path() -> Path:
    """``archive.sqlite3`` in the user data directory."""
    return locations.data_dir() / DB_NAME


_QUOTE_COLUMNS: Final = """
    q.id, q.quote_id, q.start, q."end", coalesce(q.edited_text, q.text) AS text,
    q.kind, coalesce(s.name, q.speaker_name) AS speaker, q.speaker_id,
    q.speaker_written, q.speaker_kind, q.cue, q.confidence, q.review,
    a.sha256, a.title, a.outlet, a.author, a.published, a.date,
    coalesce(a.url, a.source) AS location, a.recorded
"""


def _quote_from_row(row: sqlite3.Row) -> ArchivedQuote:
    return ArchivedQuote(
        id=int(row["id"]),
        quote_id=row["quote_id"],
        span=Span(int(row["start"]), int(row["end"])),
        text=row["text"],
        kind=row["kind"],
        speaker=row["speaker"],
        speaker_id=row["speaker_id"],
        speaker_written=row["speaker_written"],
        speaker_kind=row["speaker_kind"],
        cue=row["cue"],
        confidence=float(row["confidence"]),
        review=row["review"],
        article=ArchivedArticle(
            sha256=row["sha256"],
            title=row["title"],
            outlet=row["outlet"],
            author=row["author"],
            published=row["published"],
            date=row["date"],
            location=row["location"],
            recorded=row["recorded"],
        ),
    )


def _chronological(quote: ArchivedQuote) -> tuple[int, str, str, int]:
    """Sort key: dated articles by date, undated ones after them by recording."""
    article = quote.article
    return (0 if article.date else 1, article.date or "", article.recorded, quote.id)


# -- the archive -------------------------------------------------------------------


class QuoteArchive:
    """The quote archive in a SQLite file; every method is one short transaction
    on a connection of its own, so an archive can be shared between threads."""

    def __init__(
        self, db_path: Path | None = None, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        """Describe the archive; nothing is read or written until the first call."""
        self.db = SafeDatabase(
            db_path if db_path is not None else default_db_path(),
            label="Archive",
            migrations=MIGRATIONS,
            probe_table="quotes",
            error=ArchiveError,
            busy_timeout_ms=busy_timeout_ms,
        )

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def notice(self) -> str | None:
        """One line about how the archive was opened (recovered, read-only)."""
        return self.db.notice

    def open(self) -> None:
        """Open (create, migrate or recover) the archive now.

        Raises:
            ArchiveError: It is unavailable; the message says why.
        """
        self.db.open()

    # -- recording ---------------------------------------------------------------

    def record(
        self,
        article: Article,
        annotations: Annotations,
        *,
        speaker_kinds: Mapping[str, str] | None = None,
    ) -> RecordResult:
        """Store ``article`` with its quotes and entities (replacing an earlier
        recording of the same text; reviews of quotes still found are kept).

        Args:
            article: The article as read.
            annotations: Its annotations.
            speaker_kinds: Speaker kind by quote id (default ``unknown``).
        """
        return self.record_many([(article, annotations, speaker_kinds or {})])[0]

    def record_many(
        self, items: Iterable[tuple[Article, Annotations, Mapping[str, str]]]
    ) -> list[RecordResult]:
        """Record several articles in one transaction (batch import)."""
        results: list[RecordResult] = []
        batch = list(items)
        for article, found, _ in batch:
            if content_sha256(article.text) != article.sha256:
                raise ArchiveError(
                    f"Archive: {article.title!r}: text and hash disagree"
                )
            if found.article_sha256 != article.sha256:
                raise ArchiveError(
                    f"Archive: {article.title!r}: the annotations are of another text"
                )
        with self.db.transaction(write=True) as conn:
            for article, annotations, kinds in batch:
                results.append(self._record(conn, article, annotations, kinds))
        return results

    def _record(
        self,
        conn: sqlite3.Connection,
        article: Article,
        annotations: Annotations,
        kinds: Mapping[str, str],
    ) -> RecordResult:
        now = _now()
        row = conn.execute(
            "SELECT id FROM articles WHERE sha256 = ?", (article.sha256,)
        ).fetchone()
        kept: dict[str, sqlite3.Row] = {}
        if row is not None:
            article_id = int(row["id"])
            for old in conn.execute(
                """
                SELECT quote_id, review, edited_text, reviewed FROM quotes
                WHERE article_id = ? AND review != 'machine'
                """,
                (article_id,),
            ):
                kept[old["quote_id"]] = old
            conn.execute(
                "DELETE FROM quote_fts WHERE rowid IN "
                "(SELECT id FROM quotes WHERE article_id = ?)",
                (article_id,),
            )
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM entities WHERE article_id = ?", (article_id,))
            conn.execute(
                """
                UPDATE articles SET title = ?, outlet = ?, author = ?, published = ?,
                    date = ?, url = ?, source = ?, engine = ?
                WHERE id = ?
                """,
                (*self._metadata(article), annotations.engine, article_id),
            )
        else:
            cursor = conn.execute(
                """
                INSERT INTO articles (title, outlet, author, published, date, url,
                                      source, engine, sha256, recorded, paragraphs,
                                      text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    *self._metadata(article),
                    annotations.engine,
                    article.sha256,
                    now,
                    json.dumps([[p.start, p.end] for p in article.paragraphs]),
                    article.text,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
        for quote in annotations.quotes:
            if quote.span.end > len(article.text):
                continue
            kind = kinds.get(quote.id, "unknown")
            speaker_id = (
                self._speaker_for(conn, quote.speaker, kind) if quote.speaker else None
            )
            review = kept.get(quote.id)
            text = article.span_text(quote.span)
            cursor = conn.execute(
                """
                INSERT INTO quotes (article_id, quote_id, start, "end", text,
                    speaker_written, speaker_name, speaker_id, speaker_kind, cue,
                    kind, confidence, review, edited_text, reviewed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    article_id,
                    quote.id,
                    quote.span.start,
                    quote.span.end,
                    text,
                    quote.speaker_mention,
                    quote.speaker,
                    speaker_id,
                    kind,
                    quote.cue,
                    quote.kind,
                    float(quote.confidence),
                    review["review"] if review else "machine",
                    review["edited_text"] if review else None,
                    review["reviewed"] if review else None,
                ),
            )
            self._index_quote(conn, int(cursor.lastrowid or 0))
        conn.executemany(
            """
            INSERT INTO entities (article_id, name, key, label, mentions)
            VALUES (?, ?, ?, ?, ?)
            """,
            [
                (
                    article_id,
                    e.name,
                    speaker_key(e.name, "other"),
                    e.label,
                    len(e.mentions),
                )
                for e in annotations.entities
            ],
        )
        return RecordResult(article.sha256, len(annotations.quotes), row is not None)

    @staticmethod
    def _metadata(article: Article) -> tuple[str | None, ...]:
        return (
            article.title,
            article.site,
            article.byline,
            article.published,
            iso_date(article.published),
            article.url,
            article.source,
        )

    @staticmethod
    def _index_quote(conn: sqlite3.Connection, quote_row: int) -> None:
        """(Re)write the search index row of one quote."""
        conn.execute("DELETE FROM quote_fts WHERE rowid = ?", (quote_row,))
        conn.execute(
            """
            INSERT INTO quote_fts (rowid, text, speaker, title)
            SELECT q.id, coalesce(q.edited_text, q.text),
                   coalesce(s.name, '') || ' ' || coalesce(q.speaker_name, '') || ' '
                   || coalesce(q.speaker_written, ''),
                   a.title
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE q.id = ?
            """,
            (quote_row,),
        )

    # -- speakers ----------------------------------------------------------------

    def _speaker_for(self, conn: sqlite3.Connection, name: str, kind: str) -> int:
        """The archive speaker ``name`` (as resolved in an article) refers to,
        created when no known speaker fits."""
        key = speaker_key(name, kind)
        if not key:
            key = name.strip().casefold() or "?"
        rule = conn.execute(
            "SELECT speaker_id FROM speaker_names WHERE key = ? AND user_rule = 1",
            (key,),
        ).fetchone()
        if rule is not None:
            return int(rule["speaker_id"])
        shown, parsed = _spelling(name, kind)
        known = self._known(conn, key, parsed.surname if parsed else None)
        chosen = choose_speaker(name, kind, known)
        role = parsed.role if parsed else None
        if chosen is None:
            speaker_id = self._new_speaker(conn, shown, kind, parsed)
        else:
            speaker_id = chosen.id
            if parsed and parsed.first and chosen.first is None:
                # A surname-only speaker now has a full name.
                conn.execute(
                    "UPDATE speakers SET name = ?, first = ? WHERE id = ?",
                    (shown, parsed.first, speaker_id),
                )
        conn.execute(
            """
            INSERT INTO speaker_names (key, speaker_id, name, role) VALUES (?, ?, ?, ?)
            ON CONFLICT (key, speaker_id) DO UPDATE
                SET role = coalesce(excluded.role, speaker_names.role)
            """,
            (key, speaker_id, shown, role),
        )
        return speaker_id

    @staticmethod
    def _new_speaker(
        conn: sqlite3.Connection, shown: str, kind: str, parsed: PersonName | None
    ) -> int:
        """Insert a speaker named ``shown``; its id."""
        cursor = conn.execute(
            """
            INSERT INTO speakers (name, kind, first, surname, created)
            VALUES (?, ?, ?, ?, ?)
            """,
            (
                shown,
                kind,
                parsed.first if parsed else None,
                parsed.surname if parsed else None,
                _now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    @staticmethod
    def _known(
        conn: sqlite3.Connection, key: str, surname: str | None
    ) -> list[KnownSpeaker]:
        """Speakers recorded under ``key`` or (people) with ``surname``."""
        rows = conn.execute(
            """
            SELECT id, kind, first, surname FROM speakers
            WHERE id IN (SELECT speaker_id FROM speaker_names WHERE key = ?)
               OR (surname IS NOT NULL AND surname = ?)
            """,
            (key, surname),
        ).fetchall()
        known: list[KnownSpeaker] = []
        for row in rows:
            names = conn.execute(
                "SELECT key, role FROM speaker_names WHERE speaker_id = ?", (row["id"],)
            ).fetchall()
            known.append(
                KnownSpeaker(
                    id=int(row["id"]),
                    kind=row["kind"],
                    keys=frozenset(n["key"] for n in names),
                    first=row["first"],
                    surname=row["surname"],
                    roles=frozenset(n["role"] for n in names if n["role"]),
                )
            )
        return known

    def speakers(self, name: str | None = None) -> list[SpeakerSummary]:
        """Speakers with their quote counts and outlets, most quoted first.

        Args:
            name: Only speakers matching this name (see :meth:`find_speakers`).
        """
        with self.db.transaction(write=False) as conn:
            ids = None if name is None else self._matching_speakers(conn, name)
            return self._summaries(conn, ids)

    def find_speakers(self, name_or_id: str) -> list[SpeakerSummary]:
        """Speakers a user's word refers to: ``#12`` or ``12`` is an id; a name
        matches every speaker recorded under it or whose name contains it as
        whole words ("Doyle" matches "Catherine Doyle")."""
        text = name_or_id.strip().removeprefix("#")
        with self.db.transaction(write=False) as conn:
            if text.isdigit():
                return self._summaries(conn, [int(text)])
            return self._summaries(conn, self._matching_speakers(conn, name_or_id))

    @staticmethod
    def _matching_speakers(conn: sqlite3.Connection, name: str) -> list[int]:
        key = speaker_key(name, "person") or speaker_key(name, "other")
        if not key:
            return []
        rows = conn.execute(
            """
            SELECT DISTINCT speaker_id FROM speaker_names
            WHERE key = ? OR ' ' || key || ' ' LIKE '% ' || ? || ' %'
            """,
            (key, key.replace("%", "").replace("_", "")),
        ).fetchall()
        return [int(r["speaker_id"]) for r in rows]

    @staticmethod
    def _summaries(
        conn: sqlite3.Connection, ids: Sequence[int] | None
    ) -> list[SpeakerSummary]:
        where = ""
        params: tuple[int, ...] = ()
        if ids is not None:
            if not ids:
                return []
            where = f"WHERE s.id IN ({','.join('?' * len(ids))})"
            params = tuple(ids)
        rows = conn.execute(
            f"""
            SELECT s.id, s.name, s.kind,
                   (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id
                        AND q.review != 'not-a-quote') AS quotes,
                   (SELECT count(DISTINCT q.article_id) FROM quotes q
                        WHERE q.speaker_id = s.id) AS articles,
                   (SELECT group_concat(DISTINCT a.outlet) FROM quotes q
                        JOIN articles a ON a.id = q.article_id
                        WHERE q.speaker_id = s.id) AS outlets,
                   (SELECT group_concat(DISTINCT n.name) FROM speaker_names n
                        WHERE n.speaker_id = s.id) AS names
            FROM speakers s {where}
            ORDER BY quotes DESC, s.name
            """,
            params,
        ).fetchall()
        return [
            SpeakerSummary(
                id=int(r["id"]),
                name=r["name"],
                kind=r["kind"],
                quotes=int(r["quotes"]),
                articles=int(r["articles"]),
                outlets=tuple(sorted(set((r["outlets"] or "").split(",")) - {""})),
                names=tuple(sorted(set((r["names"] or "").split(",")) - {""})),
            )
            for r in rows
            if r["quotes"] or ids is not None
        ]

    def merge_speakers(self, keep: int, other: int) -> SpeakerSummary:
        """Make ``other`` the same speaker as ``keep`` (stored as a user rule:
        later recordings of ``other``'s names go to ``keep``)."""
        if keep == other:
            raise ArchiveError("Archive: a speaker cannot be merged with itself")
        with self.db.transaction(write=True) as conn:
            for speaker in (keep, other):
                if (
                    conn.execute(
                        "SELECT 1 FROM speakers WHERE id = ?", (speaker,)
                    ).fetchone()
                    is None
                ):
                    raise ArchiveError(f"Archive: no speaker #{speaker}")
            conn.execute(
                """
                INSERT INTO speaker_names (key, speaker_id, name, role, user_rule)
                SELECT key, ?, name, role, 1 FROM speaker_names WHERE speaker_id = ?
                ON CONFLICT (key, speaker_id) DO UPDATE SET user_rule = 1
                """,
                (keep, other),
            )
            conn.execute(
                "UPDATE speaker_names SET user_rule = 1 WHERE speaker_id = ?", (keep,)
            )
            moved = [
                int(r["id"])
                for r in conn.execute(
                    "SELECT id FROM quotes WHERE speaker_id = ?", (other,)
                )
            ]
            conn.execute(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (keep, other)
            )
            conn.execute("DELETE FROM speakers WHERE id = ?", (other,))
            for quote_row in moved:
                self._index_quote(conn, quote_row)
            return self._summaries(conn, [keep])[0]

    def split_speaker(self, speaker: int, name: str) -> SpeakerSummary:
        """Give the quotes ``speaker`` was recorded for under ``name`` to a new
        speaker (stored as a user rule: later recordings of ``name`` go there).

        Raises:
            ArchiveError: No such speaker, or no quote of theirs under ``name``.
        """
        with self.db.transaction(write=True) as conn:
            row = conn.execute(
                "SELECT kind FROM speakers WHERE id = ?", (speaker,)
            ).fetchone()
            if row is None:
                raise ArchiveError(f"Archive: no speaker #{speaker}")
            kind = row["kind"]
            key = speaker_key(name, kind)
            quotes = [
                int(r["id"])
                for r in conn.execute(
                    "SELECT id, speaker_name FROM quotes WHERE speaker_id = ?",
                    (speaker,),
                )
                if r["speaker_name"] and speaker_key(r["speaker_name"], kind) == key
            ]
            if not quotes:
                raise ArchiveError(
                    f"Archive: speaker #{speaker} has no quotes recorded as {name!r}"
                )
            shown, parsed = _spelling(name, kind)
            new_id = self._new_speaker(conn, shown, kind, parsed)
            conn.execute(
                "DELETE FROM speaker_names WHERE key = ? AND speaker_id = ?",
                (key, speaker),
            )
            conn.execute(
                """
                INSERT INTO speaker_names (key, speaker_id, name, role, user_rule)
                VALUES (?, ?, ?, ?, 1)
                """,
                (key, new_id, shown, parsed.role if parsed else None),
            )
            conn.executemany(
                "UPDATE quotes SET speaker_id = ? WHERE id = ?",
                [(new_id, q) for q in quotes],
            )
            for quote_row in quotes:
                self._index_quote(conn, quote_row)
            return self._summaries(conn, [new_id])[0]

    # -- reviews -------------------------------------------------------------------

    def set_review_at(
        self,
        article_sha256: str,
        span: Span,
        state: ReviewState,
        *,
        speaker: str | None = None,
        speaker_kind: str = "person",
    ) -> bool:
        """:meth:`set_review` for the archived quote at ``span`` (reviews are
        keyed by the machine span); False if no archived quote has that span."""
        with self.db.transaction(write=False) as conn:
            row = conn.execute(
                """
                SELECT q.quote_id FROM quotes q JOIN articles a ON a.id = q.article_id
                WHERE a.sha256 = ? AND q.start = ? AND q."end" = ?
                """,
                (article_sha256, span.start, span.end),
            ).fetchone()
        if row is None:
            return False
        return self.set_review(
            article_sha256,
            str(row["quote_id"]),
            state,
            speaker=speaker,
            speaker_kind=speaker_kind,
        )

    def set_review(
        self,
        article_sha256: str,
        quote_id: str,
        state: ReviewState,
        *,
        text: str | None = None,
        speaker: str | None = None,
        speaker_kind: str = "person",
    ) -> bool:
        """Record the user's review of one quote; False if it is not archived.

        Args:
            article_sha256: The article version (``Article.sha256``).
            quote_id: The quote (``Quote.id``).
            state: ``verified``, ``edited``, ``not-a-quote`` (or ``machine`` to
                undo a review, dropping any correction).
            text: The corrected wording (with ``edited``).
            speaker: The corrected speaker (with ``edited``).
            speaker_kind: The corrected speaker's kind.
        """
        if state not in REVIEW_STATES:
            raise ArchiveError(f"Archive: unknown review state {state!r}")
        with self.db.transaction(write=True) as conn:
            row = conn.execute(
                """
                SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id
                WHERE a.sha256 = ? AND q.quote_id = ?
                """,
                (article_sha256, quote_id),
            ).fetchone()
            if row is None:
                return False
            quote_row = int(row["id"])
            reviewed = None if state == "machine" else _now()
            conn.execute(
                """
                UPDATE quotes SET review = ?, reviewed = ?,
                    edited_text = CASE WHEN ? = 'machine' THEN NULL
                                       ELSE coalesce(?, edited_text) END
                WHERE id = ?
                """,
                (state, reviewed, state, text, quote_row),
            )
            if speaker:
                conn.execute(
                    """
                    UPDATE quotes SET speaker_name = ?, speaker_kind = ?,
                        speaker_id = ? WHERE id = ?
                    """,
                    (
                        speaker,
                        speaker_kind,
                        self._speaker_for(conn, speaker, speaker_kind),
                        quote_row,
                    ),
                )
            self._index_quote(conn, quote_row)
        return True

    # -- reading ---------------------------------------------------------------------

    def search(self, query: SearchQuery) -> list[ArchivedQuote]:
        """Quotes matching ``query``: best match first when there are words,
        else newest first. Rejected quotes (not a quote) are left out."""
        expression = fts_expression(query.phrase, prefix=query.prefix)
        conditions = ["q.review != 'not-a-quote'"]
        params: list[object] = []
        with self.db.transaction(write=False) as conn:
            if query.speaker:
                ids = self._matching_speakers(conn, query.speaker)
                if not ids:
                    return []
                conditions.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
                params.extend(ids)
            if query.entity:
                key = speaker_key(query.entity, "other")
                conditions.append(
                    "q.article_id IN (SELECT article_id FROM entities WHERE key = ? "
                    "OR ' ' || key || ' ' LIKE '% ' || ? || ' %')"
                )
                params.extend([key, key])
            if query.since:
                conditions.append("a.date >= ?")
                params.append(query.since)
            if query.until:
                conditions.append("a.date <= ?")
                params.append(query.until)
            if query.kind:
                conditions.append("q.kind = ?")
                params.append(query.kind)
            if query.verified:
                conditions.append("q.review IN ('verified', 'edited')")
            where = " AND ".join(conditions)
            filtered = len(conditions) > 1
            if expression is None:
                sql = f"""
                    SELECT {_QUOTE_COLUMNS} FROM quotes q
                    JOIN articles a ON a.id = q.article_id
                    LEFT JOIN speakers s ON s.id = q.speaker_id
                    WHERE {where}
                    ORDER BY a.date DESC, q.id DESC LIMIT ?
                """
                params.append(query.limit)
            elif not filtered:
                # Rank (or, for a very common word, take the newest) in the
                # index alone, then fetch only those rows.
                order = (
                    "rank"
                    if self._estimate(conn, query.phrase, query.prefix) <= RANK_LIMIT
                    else "rowid DESC"
                )
                sql = f"""
                    SELECT {_QUOTE_COLUMNS} FROM (
                        SELECT rowid, rank FROM quote_fts WHERE quote_fts MATCH ?
                        ORDER BY {order} LIMIT ?
                    ) f
                    JOIN quotes q ON q.id = f.rowid
                    JOIN articles a ON a.id = q.article_id
                    LEFT JOIN speakers s ON s.id = q.speaker_id
                    WHERE {where}
                    ORDER BY {"f.rank" if order == "rank" else "f.rowid DESC"}
                """
                params = [expression, query.limit, *params]
            else:
                sql = f"""
                    SELECT {_QUOTE_COLUMNS} FROM quote_fts f
                    JOIN quotes q ON q.id = f.rowid
                    JOIN articles a ON a.id = q.article_id
                    LEFT JOIN speakers s ON s.id = q.speaker_id
                    WHERE quote_fts MATCH ? AND {where}
                    ORDER BY f.rank LIMIT ?
                """
                params = [expression, *params, query.limit]
            try:
                rows = conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if "fts5" in str(error).lower():
                    raise ArchiveError(
                        f"Archive: cannot search for {query.phrase!r}"
                    ) from error
                raise
        return [_quote_from_row(row) for row in rows]

    @staticmethod
    def _estimate(conn: sqlite3.Connection, phrase: str, prefix: bool) -> int:
        """At most how many quotes the search for ``phrase`` can match: the
        fewest rows any of its words occurs in (a prefix counts every word it
        begins)."""
        terms = fts_words(phrase)
        if not terms:
            return 0
        last = terms.pop() if prefix and not phrase.rstrip().endswith('"') else None
        counts: list[int] = []
        if terms:
            placeholders = ",".join("?" * len(terms))
            found = {
                row["term"]: int(row["doc"])
                for row in conn.execute(
                    f"SELECT term, sum(doc) AS doc FROM quote_terms "
                    f"WHERE term IN ({placeholders}) GROUP BY term",
                    terms,
                )
            }
            counts.extend(found.get(term, 0) for term in terms)
        if last is not None:
            row = conn.execute(
                """
                SELECT sum(doc) AS doc FROM (
                    SELECT doc FROM quote_terms WHERE term >= ? AND term < ? LIMIT 500
                )
                """,
                (last, last + "\U0010ffff"),
            ).fetchone()
            counts.append(int(row["doc"] or 0))
        return min(counts)

    def quote(self, quote_row: int) -> ArchivedQuote | None:
        """The archived quote with archive number ``quote_row``."""
        with self.db.transaction(write=False) as conn:
            row = conn.execute(
                f"""
                SELECT {_QUOTE_COLUMNS} FROM quotes q
                JOIN articles a ON a.id = q.article_id
                LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.id = ?
                """,
                (quote_row,),
            ).fetchone()
        return None if row is None else _quote_from_row(row)

    def trace(
        self, text: str, *, threshold: float = TRACE_THRESHOLD, limit: int = 100
    ) -> list[Occurrence]:
        """Every archived quote with the same or nearly the same words as
        ``text``, earliest first, each with its word changes from the earliest.

        Candidates come from the index: quotes containing any of the
        :data:`TRACE_TERMS` rarest words of ``text`` (a few changed words
        leave the others), best ranked first; each is then aligned word by
        word (:func:`~newsreader.store.wording.similarity`).
        """
        wanted = words(text)
        terms = list(dict.fromkeys(fts_words(text)))
        if not wanted or not terms:
            return []
        with self.db.transaction(write=False) as conn:
            placeholders = ",".join("?" * len(terms))
            counts = {
                row["term"]: int(row["doc"])
                for row in conn.execute(
                    f"SELECT term, doc FROM quote_terms "
                    f"WHERE col = 'text' AND term IN ({placeholders})",
                    terms,
                )
            }
            rare = sorted((t for t in terms if counts.get(t)), key=lambda t: counts[t])
            if not rare:
                return []
            expression = (
                "text : (" + " OR ".join(f'"{t}"' for t in rare[:TRACE_TERMS]) + ")"
            )
            rows = conn.execute(
                f"""
                SELECT {_QUOTE_COLUMNS} FROM (
                    SELECT rowid, rank FROM quote_fts WHERE quote_fts MATCH ?
                    ORDER BY rank LIMIT ?
                ) f
                JOIN quotes q ON q.id = f.rowid
                JOIN articles a ON a.id = q.article_id
                LEFT JOIN speakers s ON s.id = q.speaker_id
                WHERE q.review != 'not-a-quote'
                """,
                (expression, TRACE_CANDIDATES),
            ).fetchall()
        found: list[tuple[ArchivedQuote, float]] = []
        for row in rows:
            score = similarity(wanted, words(row["text"]))
            if score >= threshold:
                found.append((_quote_from_row(row), score))
        found.sort(key=lambda item: _chronological(item[0]))
        found = found[:limit]
        if not found:
            return []
        earliest = found[0][0].text
        return [
            Occurrence(
                quote, score, tuple(word_diff(earliest, quote.text)) if i else ()
            )
            for i, (quote, score) in enumerate(found)
        ]

    def article(self, sha256: str) -> Article | None:
        """The archived article version, rebuilt as an :class:`Article`."""
        with self.db.transaction(write=False) as conn:
            row = conn.execute(
                """
                SELECT text, paragraphs, title, source, author, outlet, published, url
                FROM articles WHERE sha256 = ?
                """,
                (sha256,),
            ).fetchone()
        if row is None:
            return None
        try:
            paragraphs = tuple(
                Span(int(s), int(e)) for s, e in json.loads(row["paragraphs"])
            )
        except (ValueError, TypeError) as error:
            raise ArchiveError(
                f"Archive: the stored paragraphs of {row['title']!r} are damaged"
            ) from error
        return Article(
            text=row["text"],
            paragraphs=paragraphs,
            title=row["title"],
            source=row["source"],
            byline=row["author"],
            site=row["outlet"],
            published=row["published"],
            url=row["url"],
        )

    def counts(self) -> tuple[int, int, int]:
        """How many articles, quotes and speakers the archive holds."""
        with self.db.transaction(write=False) as conn:
            row = conn.execute(
                """
                SELECT (SELECT count(*) FROM articles) AS articles,
                       (SELECT count(*) FROM quotes) AS quotes,
                       (SELECT count(*) FROM speakers) AS speakers
                """
            ).fetchone()
        return int(row["articles"]), int(row["quotes"]), int(row["speakers"])


__all__ = [
    "DB_NAME",
    "REVIEW_STATES",
    "SCHEMA_VERSION",
    "SPEAKER_KINDS",
    "ArchiveError",
    "ArchivedArticle",
    "ArchivedQuote",
    "Occurrence",
    "QuoteArchive",
    "RecordResult",
    "ReviewState",
    "SearchQuery",
    "SpeakerSummary",
    "default_db_path",
    "fts_expression",
    "iso_date",
]
