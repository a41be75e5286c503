"""A small article with quotes of every review-relevant sort, for the review tests."""

from __future__ import annotations

from newsreader.model import Annotations, Article, Entity, Quote, Span
from tests.support import builders

PARAGRAPHS = (
    "Council backs the bridge",
    "By Ana Ruiz",
    'Mayor Maria Lopez spoke first. "We cannot wait any longer," she said.',
    "The vote was 7-4 after a long debate about the cost.",
    '"This is a waste of money," a source close to the council said.',
    "The agency quoted Baker as saying the plan was dead.",
    "Officials said that the bridge would open in May.",
    '"It is so-called progress," the report said.',
)


def make_article(paragraphs: tuple[str, ...] = PARAGRAPHS) -> Article:
    """The review article (or one of other ``paragraphs``) with full metadata."""
    return builders.make_article(
        paragraphs, source="bridge.txt", site="Example Gazette"
    )


def find(article: Article, needle: str) -> Span:
    """The span of the first ``needle`` in the article."""
    start = article.text.index(needle)
    return Span(start, start + len(needle))


def make_annotations(article: Article) -> Annotations:
    """Hand-made engine output: a pronoun quote, an anonymous one, a relayed
    paraphrase, an organisation's paraphrase and a document's quote."""
    lopez = find(article, "Maria Lopez")
    quotes = (
        Quote(
            "q-lopez",
            find(article, '"We cannot wait any longer,"'),
            "direct",
            "Maria Lopez",
            "she",
            find(article, "she"),
            "said",
            None,
            0.62,
            "pronoun",
        ),
        Quote(
            "q-source",
            find(article, '"This is a waste of money,"'),
            "direct",
            None,
            "a source close to the council",
            find(article, "a source close to the council"),
            "said",
            None,
            0.3,
            "unresolved",
        ),
        Quote(
            "q-baker",
            find(article, "the plan was dead"),
            "indirect",
            "Baker",
            "Baker",
            find(article, "Baker"),
            "saying",
            None,
            0.8,
            "named",
        ),
        Quote(
            "q-officials",
            find(article, "that the bridge would open in May"),
            "indirect",
            None,
            "Officials",
            find(article, "Officials"),
            "said",
            None,
            0.4,
            "unresolved",
        ),
        Quote(
            "q-report",
            find(article, '"It is so-called progress,"'),
            "direct",
            None,
            "the report",
            find(article, "the report"),
            "said",
            None,
            0.5,
            "unresolved",
        ),
    )
    entities = (
        Entity("Maria Lopez", "PERSON", (lopez,), quote_count=1),
        Entity("Baker", "PERSON", (find(article, "Baker"),), quote_count=1),
        Entity("Council", "ORG", (find(article, "Council"),)),
    )
    return Annotations(article.sha256, "test-engine", quotes, entities)
