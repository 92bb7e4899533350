"""Atomic file writes: a reader never sees a half-written report, lock or cache file."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends, atomically (see above)."""
    write_atomic_bytes(path, text.encode("utf-8"), durable=durable)
