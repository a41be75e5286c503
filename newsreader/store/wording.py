"""How two wordings of a quote differ, word by word.

Quotes change as they travel. Some changes are marked by the writer — words
in square brackets ("[the council] will pay") and ellipses for cuts ("…",
"...") — and some are silent. :func:`word_diff` aligns two wordings on their
words (case, diacritics and punctuation ignored) and lists each insertion,
deletion and replacement, saying whether it was marked. :func:`similarity`
scores how nearly two wordings agree. Standard library only.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Final, Literal

from newsreader.store.speakers import fold

_TOKEN: Final = re.compile(r"\[[^\]]*\]|…|\.\.\.|[\w'’]+", re.UNICODE)

ChangeKind = Literal["insert", "delete", "replace"]
Marking = Literal["bracket", "ellipsis"]


@dataclass(frozen=True, slots=True)
class Token:
    """A word (or a bracketed insertion, or an ellipsis) of a wording."""

    text: str
    """As written."""
    key: str
    """Compared form: folded, curly apostrophes straightened."""

    @property
    def bracketed(self) -> bool:
        """Whether the token is an editor's ``[...]`` insertion."""
        return self.text.startswith("[")

    @property
    def ellipsis(self) -> bool:
        """Whether the token marks a cut."""
        return self.text in ("…", "...")


def tokens(text: str) -> list[Token]:
    """The words of ``text`` in order; brackets and ellipses are one token each."""
    return [
        Token(m.group(), fold(m.group()).replace("’", "'"))
        for m in _TOKEN.finditer(text)
    ]


def words(text: str) -> list[str]:
    """The compared forms of the plain words of ``text`` (no marks)."""
    return [t.key for t in tokens(text) if not t.bracketed and not t.ellipsis]


@dataclass(frozen=True, slots=True)
class WordChange:
    """One difference between the earlier and the later wording."""

    kind: ChangeKind
    before: str
    """The earlier words (empty for an insertion)."""
    after: str
    """The later words (empty for a deletion)."""
    marked: Marking | None
    """How the writer marked the change, or None for a silent change."""

    def describe(self) -> str:
        """One line: ``changed "a" → "b" (silent)``."""
        mark = f"marked {self.marked}" if self.marked else "silent"
        if self.kind == "insert":
            return f'inserted "{self.after}" ({mark})'
        if self.kind == "delete":
            return f'deleted "{self.before}" ({mark})'
        return f'changed "{self.before}" → "{self.after}" ({mark})'


@dataclass(frozen=True, slots=True)
class DiffPiece:
    """A run of the later wording for inline display."""

    kind: Literal["equal", "insert", "delete", "replace"]
    before: str
    after: str
    marked: Marking | None = None


def _marking(old: list[Token], new: list[Token]) -> Marking | None:
    """How a change from ``old`` to ``new`` words was marked, if it was."""
    if new and all(t.bracketed for t in new):
        return "bracket"
    if new and old and all(t.ellipsis for t in new):
        return "ellipsis"
    return None


def diff_pieces(earlier: str, later: str) -> list[DiffPiece]:
    """``later`` as runs of equal, inserted, deleted and replaced words."""
    old = tokens(earlier)
    new = tokens(later)
    matcher = difflib.SequenceMatcher(
        None, [t.key for t in old], [t.key for t in new], autojunk=False
    )
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before = " ".join(t.text for t in old[i1:i2])
        after = " ".join(t.text for t in new[j1:j2])
        if op == "equal":
            pieces.append(DiffPiece("equal", before, after))
        elif op == "insert":
            pieces.append(DiffPiece("insert", "", after, _marking([], new[j1:j2])))
        elif op == "delete":
            pieces.append(DiffPiece("delete", before, ""))
        else:
            pieces.append(
                DiffPiece("replace", before, after, _marking(old[i1:i2], new[j1:j2]))
            )
    return pieces


def word_diff(earlier: str, later: str) -> list[WordChange]:
    """Every difference between two wordings, in the order of the text.

    An ellipsis standing where words were is a marked cut; bracketed words
    standing where words were (or added) are a marked insertion; anything
    else is silent.
    """
    return [
        WordChange(piece.kind, piece.before, piece.after, piece.marked)
        for piece in diff_pieces(earlier, later)
        if piece.kind != "equal"
    ]


def inline_diff(earlier: str, later: str) -> str:
    """``later`` with changes shown inline: ``[-old-]{+new+}``, marked changes
    as ``{~new~}``."""
    out: list[str] = []
    for piece in diff_pieces(earlier, later):
        if piece.kind == "equal":
            out.append(piece.after)
        elif piece.marked:
            if piece.before:
                out.append(f"[-{piece.before}-]")
            out.append(f"{{~{piece.after}~}}")
        else:
            if piece.before:
                out.append(f"[-{piece.before}-]")
            if piece.after:
                out.append(f"{{+{piece.after}+}}")
    return " ".join(out)


def similarity(a: list[str], b: list[str]) -> float:
    """How nearly two word lists agree, in [0, 1].

    The better of the overall match ratio and how much of the shorter
    wording appears in the longer one (an excerpt of a longer quote scores
    high); excerpts shorter than six words only count through the ratio.
    """
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    ratio = 2.0 * matched / (len(a) + len(b))
    shorter = min(len(a), len(b))
    if shorter >= 6:
        return max(ratio, matched / shorter * 0.95)
    return ratio


__all__ = [
    "DiffPiece",
    "Token",
    "WordChange",
    "diff_pieces",
    "inline_diff",
    "similarity",
    "tokens",
    "word_diff",
    "words",
]
