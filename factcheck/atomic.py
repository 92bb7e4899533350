"""Atomic file writes: a reader never sees a half-written report, lock or cache file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


def write_atomic_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, fsync, then rename."""
    write_atomic_chunks(path, [data], durable=durable)


def write_atomic_chunks(path: Path, chunks: Iterable[bytes], *, durable: bool = True,
                        keep_old: Callable[[], bool] | None = None) -> None:
    """Write ``chunks`` to ``path`` through a temp file in the same folder, fsync, rename.

    ``durable=False`` leaves out the fsync, for files that only save time (the market-data
    cache): the rename still means no reader ever sees a half-written file while the machine
    runs; a file a power cut leaves empty or cut short is no valid JSON, and its reader
    discards it and asks again. An fsync costs from a millisecond to tens of them a file.

    ``keep_old()``, asked once every chunk is written, True leaves ``path`` as it was (the
    temp file goes): for a caller that compares the old file with the chunks as they pass.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file readable by its owner only; the file it becomes gets the mode
        # a plain write would give it (an HTML report a web server must read, a shared lock).
        if hasattr(os, "fchmod"):  # pragma: no branch - POSIX
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if keep_old is not None and keep_old():
            Path(tmp).unlink()
            return
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file at ``path`` if there is one, else what ``open`` would create under
    the process's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


_UMASK_LOCK = threading.Lock()
_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask, read once: reading it means setting it, so it is read under a
    lock (cache files are written from several threads) and never again."""
    with _UMASK_LOCK:
        if not _UMASK:
            current = os.umask(0o077)
            os.umask(current)
            _UMASK.append(current)
        return _UMASK[0]


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends, atomically (see above)."""
    write_atomic_bytes(path, text.encode("utf-8"), durable=durable)
