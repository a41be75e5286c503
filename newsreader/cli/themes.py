"""``newsreader themes``: list the themes and say where user themes go.

Prints one row per theme (name, dark or light, shipped or user, file) and the
user themes directory. Theme files that could not be loaded are listed on
standard error, and the exit code is then 1, so the command also checks a theme
file being written. Does not start the reader.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.ui.themes import ThemeCatalogue

from newsreader.safe_text import printable

PROG = "newsreader themes"


def _parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=PROG,
        description=(
            "List the themes (name, dark or light, shipped or user, file) and "
            "where your own theme files go. Exit code 1 when a theme file "
            "has problems (they are listed on standard error)."
        ),
    )


def format_table(catalogue: ThemeCatalogue, current: str | None) -> list[str]:
    """The rows printed by the command, header first."""
    rows = [("", "NAME", "MODE", "ORIGIN", "PATH")]
    for spec in catalogue.themes.values():
        origin: str = spec.origin
        if spec.replaces is not None:
            origin = "user (replaces shipped)"
        rows.append(
            (
                "*" if spec.name == current else "",
                spec.name,
                spec.mode,
                origin,
                str(spec.path),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return [
        "  ".join(
            cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)
        )
        + "  "
        + row[4]
        for row in rows
    ]


def print_themes(
    catalogue: ThemeCatalogue, current: str | None, out: IO[str], err: IO[str]
) -> int:
    """Write the listing to ``out`` and problems to ``err``; returns the exit code."""
    for line in format_table(catalogue, current):
        print(printable(line.rstrip()), file=out)
    print(file=out)
    if current in catalogue:
        print(f"* in use: {current} (change it with ctrl+p → Theme)", file=out)
    print(f"User themes go in: {printable(str(catalogue.user_dir))}", file=out)
    print(
        "  (one NAME.toml file per theme; a file named like a shipped theme\n"
        "  replaces it; try one with: newsreader --theme NAME)",
        file=out,
    )
    for error in catalogue.errors:
        problems = "; ".join(error.problems)
        print(printable(f"{PROG}: skipped {error.path}: {problems}"), file=err)
    return 1 if catalogue.errors else 0


def main(argv: list[str]) -> int:
    """Run ``newsreader themes``; returns the exit code."""
    from newsreader.store.settings import load_settings
    from newsreader.ui.themes import DEFAULT_THEME, load_themes

    _parser().parse_args(argv)
    catalogue = load_themes()
    settings = load_settings()
    current = settings.theme if settings.theme in catalogue else DEFAULT_THEME
    return print_themes(catalogue, current, sys.stdout, sys.stderr)
