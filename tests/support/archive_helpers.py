"""Building archived articles for the archive tests."""

from __future__ import annotations

from newsreader.model import Annotations, Article, Entity, Quote, Span
from newsreader.sources.text import split_paragraphs


def make_article(
    title: str,
    quotes: list[tuple[str, str | None]],
    *,
    outlet: str | None = "The Gazette",
    published: str | None = "2024-03-01",
    entities: tuple[str, ...] = (),
    extra: str = "",
) -> tuple[Article, Annotations]:
    """An article quoting each ``(words, speaker)`` in its own paragraph."""
    paragraphs = [title]
    for words, speaker in quotes:
        said = f" {speaker} said." if speaker else ""
        paragraphs.append(f"“{words},”{said}")
    if extra:
        paragraphs.append(extra)
    text = "\n\n".join(paragraphs)
    article = Article(
        text=text,
        paragraphs=split_paragraphs(text),
        title=title,
        source=f"{title}.txt",
        site=outlet,
        published=published,
    )
    found: list[Quote] = []
    cursor = 0
    for number, (words, speaker) in enumerate(quotes):
        start = text.index(f"“{words},”", cursor)
        end = start + len(words) + 3
        cursor = end
        found.append(
            Quote(
                id=f"q-{number}",
                span=Span(start, end),
                kind="direct",
                speaker=speaker,
                speaker_mention=speaker,
                cue="said" if speaker else None,
                confidence=0.9,
                reason="named" if speaker else "unattributed",
            )
        )
    people = {speaker for _, speaker in quotes if speaker}
    entity_list = [
        Entity(name, "PERSON", (Span(0, 1),), quote_count=1) for name in sorted(people)
    ]
    entity_list += [Entity(name, "ORG", (Span(0, 1),)) for name in entities]
    return article, Annotations(
        article.sha256, "test-engine", tuple(found), tuple(entity_list)
    )
