"""Rules-only quote finding for a machine with no spaCy pipeline installed.

Direct quotes come from quotation marks; the speaker is taken from an
adjacent "X said" / "said X" pattern with a capitalised name. No parser means
no indirect quotes and no pronoun resolution: the UI says so.
"""

from __future__ import annotations

import re

from newsreader.nlp.marks import find_quoted_runs
from newsreader.nlp.quotes import Candidate, Mention

_CUE = (
    r"(?:said|says|told|added|asked|explained|insisted|argued|warned|wrote|noted|"
    r"claimed|replied|continued)"
)
_NAME = r"((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3}|he|she|they)"
_AFTER = re.compile(rf"^[\s,]*(?:{_NAME}\s+({_CUE})|({_CUE})\s+{_NAME})")
_BEFORE = re.compile(rf"{_NAME}\s+({_CUE})[\s,:]*$")


def fallback_candidates(text: str, offset: int, paragraph: int) -> list[Candidate]:
    """Direct-quote candidates of one paragraph, by pattern only."""
    candidates: list[Candidate] = []
    for run in find_quoted_runs(text):
        candidate = Candidate(offset + run.start, offset + run.end, "direct", paragraph)
        candidate.closed = run.closed
        candidate.at_paragraph_start = not text[: run.start].strip()
        after = _AFTER.match(text[run.end : run.end + 80])
        before = _BEFORE.search(text[max(0, run.start - 80) : run.start])
        if after:
            base = run.end
            if after.group(1):
                name_group, cue_group = 1, 2
            else:
                name_group, cue_group = 4, 3
        elif before:
            base = max(0, run.start - 80)
            name_group, cue_group = 1, 2
            after = before
        if after:
            name = after.group(name_group)
            cue = after.group(cue_group)
            kind = "pronoun" if name in {"he", "she", "they"} else "name"
            candidate.mention = Mention(
                name,
                offset + base + after.start(name_group),
                offset + base + after.end(name_group),
                kind,  # type: ignore[arg-type]
                label="PERSON" if kind == "name" else None,
                head_lemma=name.lower(),
            )
            candidate.cue = cue
            candidate.cue_start = offset + base + after.start(cue_group)
            candidate.cue_end = offset + base + after.end(cue_group)
        candidates.append(candidate)
    return candidates
