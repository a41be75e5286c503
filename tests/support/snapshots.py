"""syrupy extensions for golden text files: one file per snapshot, exact bytes.

The files are compared and written as UTF-8 bytes, so line endings (CSV's
``\\r\\n``) are kept exactly; a failing comparison shows a line diff of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class GoldenText(SingleFileSnapshotExtension):
    """A text snapshot stored byte for byte in ``__snapshots__/<module>/``."""

    _write_mode = WriteMode.BINARY

    def serialize(self, data: Any, **_options: Any) -> bytes:
        if isinstance(data, str):
            return data.encode("utf-8")
        return bytes(data)

    def diff_lines(self, serialized_data: Any, snapshot_data: Any) -> Iterator[str]:
        return super().diff_lines(_text(serialized_data), _text(snapshot_data))


def _text(data: Any) -> Any:
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


class MarkdownSnapshot(GoldenText):
    _file_extension = "md"


class JSONSnapshot(GoldenText):
    _file_extension = "json"


class CSVSnapshot(GoldenText):
    _file_extension = "csv"


BY_FORMAT: dict[str, type[GoldenText]] = {
    "md": MarkdownSnapshot,
    "json": JSONSnapshot,
    "csv": CSVSnapshot,
}
"""The snapshot extension for each export format."""
