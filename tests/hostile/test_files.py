"""Legacy encodings: a file that is not UTF-8 is read as Western news usually is.

Charset detection on its own ranks lookalike code pages first on short Western
texts (cp775 turns "José Núñez" into "Josķ N·±ez", "€" into "Ć"). The decoder
prefers cp1252, then latin-1, unless the evidence for another encoding is
strong: a BOM, a declared charset, or a clearly better reading in another
script (Cyrillic, Greek, Japanese, Chinese).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from newsreader.sources import load_article
from newsreader.sources.decoding import decode_bytes

WINDOWS_1252_ARTICLE = (
    "Festival keeps its dates despite council row",
    "Zoë Müller, the festival’s director, said the programme “will not change” "
    "– whatever the council decides on Thursday.",
    "Tickets cost €12 this year. José Núñez, who runs the café on the square, "
    "called it “a fair price” for three days of music.",
    "Renée Lefèvre — a former deputy mayor — told reporters: “We’ve waited "
    "long enough… the town needs this.”",
    "Señora Peña said the Hôtel de Ville had approved the façade work, and "
    "that the €3.4m overrun was “nobody’s fault”.",
)
"""cp1252: accents, curly quotes (0x93/0x94), en and em dashes (0x96/0x97),
the euro sign (0x80) and an ellipsis (0x85)."""

LATIN_1_ARTICLE = (
    "Harbour strike enters its second week",
    "Björn Ødegård, 54, who has worked the Tromsø cranes since 1991, said: "
    '"Ça suffit. We want the contract signed."',
    "The union's spokeswoman, Inés Muñoz, put the losses at £2m a day; the "
    "port authority spoke of «irresponsible» demands.",
    "Straße closures around the terminal will stay until Jürgen Weiß, the "
    "mediator, reports on Friday.",
)
"""ISO-8859-1 proper: no byte in 0x80-0x9F, so no curly quotes or euro sign."""

CYRILLIC_ARTICLE = (
    "Мэр пообещал открыть мост к осени",
    "Мэр города Анна Смирнова заявила журналистам, что решение будет принято "
    "в среду. «Это важный день для всех нас», — сказала она.",
    "По её словам, ремонт обойдётся бюджету в 120 миллионов рублей.",
)


def _paragraph_sets(paragraphs: tuple[str, ...]) -> list[str]:
    """Each paragraph on its own, each pair, and the whole article."""
    singles = list(paragraphs)
    pairs = ["\n\n".join(pair) for pair in itertools.combinations(paragraphs, 2)]
    return [*singles, *pairs, "\n\n".join(paragraphs)]


@pytest.mark.parametrize("text", _paragraph_sets(WINDOWS_1252_ARTICLE))
def test_windows_1252_text_decodes_exactly(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "old.txt") == text


@pytest.mark.parametrize("text", _paragraph_sets(LATIN_1_ARTICLE))
def test_latin_1_text_decodes_exactly(text: str) -> None:
    assert decode_bytes(text.encode("latin-1"), "old.txt") == text


def test_windows_1252_file_reads_without_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "festival.txt"
    path.write_bytes("\n\n".join(WINDOWS_1252_ARTICLE[:3]).encode("cp1252"))
    article = load_article(str(path))
    assert "Zoë Müller" in article.text
    assert "Tickets cost €12 this year. José Núñez" in article.text
    assert "“will not change” – whatever" in article.text


def test_latin_1_with_a_byte_cp1252_leaves_undefined_still_reads() -> None:
    # 0x81 is undefined in cp1252; latin-1 takes over and the stray byte
    # becomes a visible stand-in instead of the file being misread.
    text = "Zoë Müller said the café was closed.\n\nJosé Núñez agreed."
    data = text.encode("latin-1").replace(b"closed", b"clo\x81sed")
    article_text = decode_bytes(data, "old.txt")
    assert article_text == text.replace("closed", "clo\x81sed")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "\n\n".join(CYRILLIC_ARTICLE)),
        ("cp1251", CYRILLIC_ARTICLE[1]),
        (
            "cp1253",
            "Ο πρωθυπουργός δήλωσε ότι η απόφαση θα ληφθεί την Τετάρτη, "
            "μετά τη συνεδρίαση του υπουργικού συμβουλίου.",
        ),
        (
            "shift_jis",
            "首相は水曜日に決定すると記者団に語った。「重要な日だ」と述べた。",
        ),
        ("gb18030", "总理对记者说，决定将在星期三作出。“这是重要的一天，”他说。"),
        # Latin script, but read as cp1252 it is a mess ("£ódŸ: ... powiedzia³a").
        (
            "cp1250",
            "Łódź: prezydent miasta Hanna Zdanowska powiedziała, że decyzja "
            "zapadnie w środę. „To ważny dzień” – dodała.",
        ),
    ],
)
def test_strong_evidence_for_another_encoding_wins(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding), "old.txt") == text


def test_utf_16_with_bom_still_decodes(tmp_path: Path) -> None:
    text = "\n\n".join((*WINDOWS_1252_ARTICLE[:2], CYRILLIC_ARTICLE[1]))
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode("utf-16"))  # with a byte-order mark
    assert load_article(str(path)).text == text


def test_declared_charset_wins_over_the_western_preference() -> None:
    text = "\n\n".join((CYRILLIC_ARTICLE[0], CYRILLIC_ARTICLE[2]))
    data = text.encode("koi8-r")
    assert decode_bytes(data, "page.html", declared="koi8-r") == text
