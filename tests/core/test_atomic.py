"""The one atomic writer: regular files replaced whole, special files never."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import pytest

from newsreader.atomic import TargetExistsError, WriteError, write_atomic


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_new_file_is_written_with_the_default_mode(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "sub" / "a.txt", "héllo\n")
    assert path.read_bytes() == "héllo\n".encode()
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert names(tmp_path / "sub") == ["a.txt"]


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "a.bin", b"\x00\xff\r\n")
    assert path.read_bytes() == b"\x00\xff\r\n"


def test_existing_file_needs_overwrite_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    with pytest.raises(TargetExistsError) as caught:
        write_atomic(path, "new")
    assert caught.value.path == path
    assert str(caught.value) == f"{path} already exists"
    assert path.read_text(encoding="utf-8") == "old"
    write_atomic(path, "new", overwrite=True)
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert names(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_symlink_is_never_replaced_nor_followed(
    tmp_path: Path, overwrite: bool
) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(WriteError) as caught:
        write_atomic(link, "new", overwrite=overwrite)
    assert str(caught.value) == f"{link} is a symbolic link: not replaced"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "keep"
    assert names(tmp_path) == ["link.txt", "target.txt"]


def test_dangling_symlink_is_not_replaced(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(WriteError, match="symbolic link"):
        write_atomic(link, "new", overwrite=True)
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("overwrite", [False, True])
def test_fifo_is_not_replaced(tmp_path: Path, overwrite: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteError) as caught:
        write_atomic(fifo, "new", overwrite=overwrite)
    assert str(caught.value) == f"{fifo} is a FIFO (named pipe): not replaced"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert names(tmp_path) == ["pipe"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_directory_is_not_replaced(tmp_path: Path, overwrite: bool) -> None:
    directory = tmp_path / "d"
    directory.mkdir()
    with pytest.raises(WriteError, match="is a directory: not replaced"):
        write_atomic(directory, "new", overwrite=overwrite)
    assert directory.is_dir() and names(directory) == []


def test_character_device_is_written_to_not_replaced() -> None:
    before = os.stat("/dev/null")
    assert write_atomic(Path("/dev/null"), "text", overwrite=False) == Path("/dev/null")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_own_descriptor_is_written_to(tmp_path: Path) -> None:
    """``/dev/fd/N`` (like ``/dev/stdout`` on a pipe) receives the text."""
    read_end, write_end = os.pipe()
    try:
        write_atomic(Path(f"/dev/fd/{write_end}"), "through the pipe")
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            assert reader.read() == b"through the pipe"
    finally:
        for fd in (read_end, write_end):
            with contextlib.suppress(OSError):
                os.close(fd)
    assert names(tmp_path) == []


def test_unwritable_directory_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores directory modes, so there the kernel's refusal is simulated."""
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    if os.access(directory, os.W_OK):
        real_open = os.open

        def guarded_open(path: str, flags: int, *args: int) -> int:
            if Path(path).parent == directory and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", path)
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", guarded_open)
    try:
        with pytest.raises(WriteError) as caught:
            write_atomic(directory / "a.txt", "text")
        assert str(caught.value) == f"cannot write to {directory}: Permission denied"
        assert names(directory) == []
    finally:
        directory.chmod(0o700)


def test_failure_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(WriteError) as caught:
        write_atomic(path, "new", overwrite=True)
    assert str(caught.value) == f"cannot write {path}: No space left on device"
    assert path.read_text(encoding="utf-8") == "old"
    assert names(tmp_path) == ["a.txt"]


def test_text_that_cannot_be_encoded_is_refused_before_writing(
    tmp_path: Path,
) -> None:
    with pytest.raises(WriteError, match="surrogates not allowed"):
        write_atomic(tmp_path / "a.txt", "bad \ud800")
    assert names(tmp_path) == []
