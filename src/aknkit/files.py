"""Writing files so that a reader never sees half of one.

Data goes to a temporary file in the target's folder, is flushed to disk, and
only then renamed over the target; on any failure the temporary file is removed
and the target keeps its previous content.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# A local file or folder, or (in the distributed build) the URL of one in an
# object store such as s3://bucket/acts, kept as text.
Place = Path | str

# The facts of an act (country, date, number, ...) in its source folder, beside <lang>.txt.
FACTS_FILE = "act.toml"


def replace_with(target: Path, make: Callable[[Path], None]) -> None:
    """Replace ``target`` in one step with a file that ``make(path)`` creates
    at a temporary path beside it (for writers that need a path, not a
    stream, such as SQLite); the temporary file is removed if anything fails."""
    target = Path(target)
    temporary = _temporary_beside(target)
    try:
        make(temporary)
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _temporary_beside(target: Path) -> Path:
    """A new empty file beside ``target``, with the mode a plain open() gives."""
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        # mkstemp makes the file private; give it the target's mode, or the
        # usual one for a new file, as a plain open() would.
        os.chmod(temporary, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_temporary(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Run ``write(stream)`` into a new temporary file beside ``target``, flushed
    to disk; the file is removed again if anything fails. Returns its path."""
    temporary = _temporary_beside(Path(target))
    try:
        with open(temporary, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomically(target: Path, data: bytes | str) -> None:
    """Replace ``target`` with ``data`` (text is written as UTF-8) in one step."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    os.replace(write_temporary(target, lambda stream: stream.write(payload)), target)
