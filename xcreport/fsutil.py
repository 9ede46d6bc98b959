"""File-system helpers shared by every writer: outputs appear whole or not at all.

Every scratch file or folder a run makes carries ``xcreport-<kind>-<pid>-`` in its name
(:func:`scratch_prefix`): beside an output (``.xcreport-tmp-<pid>-…``) and in the system's
temporary folder (charts, PDF conversion, matplotlib's config).  A run killed outright (SIGKILL,
power cut) cannot remove them; the next run does (:func:`sweep_stale_scratch`): each one whose
process is gone and that belongs to this user.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: ``xcreport-<kind>-<pid>-``, with or without a leading dot.
_SCRATCH = re.compile(r"^\.?xcreport-[a-z]+-(\d+)-")


def scratch_prefix(kind: str) -> str:
    """The name prefix of this process's scratch files of ``kind`` (``mpl``, ``charts``, ``tmp``…)."""
    return f"xcreport-{kind}-{os.getpid()}-"


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def sweep_stale_scratch(folder: Path) -> list[Path]:
    """Remove the scratch files and folders in ``folder`` that dead runs left; return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _SCRATCH.match(entry.name)
        try:
            if not match or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            if not _process_gone(int(match.group(1))):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it onto ``target``.

    A crash or an exception leaves ``target`` as it was (absent or the previous version) and
    removes the temporary file.  The temporary name keeps the suffix, so libraries that look at
    it (python-docx) behave.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_scratch(target.parent)
    prefix = f".{scratch_prefix('tmp')}{target.stem}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(0o644)
        tmp_path.replace(target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    write_bytes_atomic(target, text.encode("utf-8"))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
