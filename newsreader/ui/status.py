"""The text of the status line, built from the reader's state (no widgets).

Every string from the article (speaker names, cues, search text) is inserted as
plain text, never as markup.
"""

from __future__ import annotations

from textual.content import Content

from newsreader.ui.navigation import MentionCursor, QuoteCursor, SearchState
from newsreader.ui.text import one_line

SEPARATOR = Content("  │  ")
"""Between the parts of the left half."""


def match_count(search: SearchState | None) -> str:
    """``3 / 17``, ``no matches`` or an empty string without a search."""
    if search is None:
        return ""
    if not search.matches:
        return "no matches"
    return f"{search.current + 1} / {len(search.matches)}"


def quote_status(cursor: QuoteCursor) -> Content:
    """``Quote 3 / 18 · Speaker · 0.90 · cue`` (or ``… of 5 by Speaker (filter)``).

    Fields come in order of priority, so a narrow status line cuts the cue first.
    """
    position, total = cursor.position()
    speaker_filter = cursor.speaker_filter
    if total == 0 and speaker_filter is None:
        return Content("No quotes found")
    if speaker_filter is None:
        label = f"Quote {position} / {total}" if position else f"Quote – / {total}"
    else:
        label = f"Quote {position or '–'} of {total} by"
    pieces: list[tuple[str, str] | str] = [(label, "bold")]
    if speaker_filter is not None:
        pieces += [" ", (one_line(speaker_filter, 24), "bold"), (" (filter)", "dim")]
    quote = cursor.current_quote
    if quote is not None:
        if speaker_filter is None:
            speaker = quote.display_speaker
            pieces += [
                " · ",
                (one_line(speaker, 28) if speaker else "no speaker", "bold"),
            ]
        pieces.append(f" · {quote.confidence:.2f}")
        if quote.cue:
            pieces.append(f" · {one_line(quote.cue, 20)}")
    return Content.assemble(*pieces)


def marks_status(marked: int) -> Content:
    """``✓ 3 marked`` (the check mark keeps it readable without colour)."""
    return Content.assemble(("✓ ", "bold"), (f"{marked} marked", "bold"))


def position_status(
    cursor: QuoteCursor | None,
    mentions: MentionCursor | None,
    search: SearchState | None,
    *,
    marked: int = 0,
) -> Content:
    """The left half: selected entity, quote position, search, marks.

    Args:
        cursor: The quote cursor, or None before annotations are ready.
        mentions: The selected entity or topic, if any.
        search: The active search, if any.
        marked: How many quotes are marked for export (shown first, so a narrow
            status line never cuts it off).
    """
    parts: list[Content] = [marks_status(marked)] if marked else []
    if mentions is not None and mentions.current >= 0:
        parts.append(
            Content.assemble(
                ("◆ ", "bold"),
                (one_line(mentions.title, 30), "bold"),
                f" mention {mentions.current + 1} / {len(mentions.spans)}",
            )
        )
    if cursor is not None:
        parts.append(quote_status(cursor))
    if search is not None:
        parts.append(
            Content.assemble(
                ("/", "bold"), one_line(search.query, 20), "  ", match_count(search)
            )
        )
    return SEPARATOR.join(parts) if parts else Content("")


def model_status(
    *,
    state: str,
    progress: tuple[int, int],
    from_cache: bool,
    annotation_enabled: bool,
    fallback: bool,
    model_label: str,
) -> Content:
    """The right half: annotation progress or outcome, then the model in use.

    Args:
        state: ``idle``, ``running``, ``ready`` or ``failed``.
        progress: Paragraphs done and in all, while running.
        from_cache: The annotations came from the cache.
        annotation_enabled: Whether the reader annotates at all.
        fallback: The rules-only fallback is in use (always announced).
        model_label: Name of the model.
    """
    pieces: list[tuple[str, str] | str] = []
    if state == "running":
        done, total = progress
        percent = int(100 * done / total) if total else 0
        filled = percent // 20
        pieces.append(("⟳ annotating ", "bold $progress-fg"))
        pieces.append(("▰" * filled + "▱" * (5 - filled), "$progress-fg"))
        pieces.append(f" {percent:>3}%  ")
    elif state == "failed":
        pieces.append(("✗ annotation failed  ", "bold $error"))
    elif state == "ready" and from_cache:
        pieces.append(("cached  ", "dim"))
    elif not annotation_enabled and state != "ready":
        pieces.append(("annotation off  ", "dim"))
    if fallback:
        pieces.append(("⚠ rules-only fallback", "bold $fallback-fg"))
    else:
        pieces.append(one_line(model_label, 40))
    return Content.assemble(*pieces)
