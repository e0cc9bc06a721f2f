"""A network folder as a unit: one writer at a time, and every write all or nothing.

Locking
    A command that writes a folder (``import``, ``pull``, ``generate``) holds the lock
    file ``.netgraph.lock`` inside it (through the ``filelock`` package) for the whole
    read-merge-write, so a second one waits for the first instead of reading a folder
    that is being written. Within one process the lock is re-entrant.
Switching all files at once
    The new files are first written in full beside the old ones, as hidden temporary
    files, and synced. Then a journal, ``.netgraph-journal``, is put in place by one
    rename: from that moment the write counts as done. The temporary files are then
    renamed over the old ones and the journal is removed. A run killed before the journal
    leaves the old folder (and hidden temporary files, removed by the next write); a run
    killed after it leaves a journal, and the next command that reads or writes the
    folder completes the switch before anything else. No hard links are made, so
    filesystems without them (FAT, exFAT) work too.
Reading
    A reader takes no lock. It completes a journal it finds (taking the lock to do so),
    and reads again when a contract file was replaced while it was reading, so it never
    builds a network from old and new files mixed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from ..model._errors import DataError, NetgraphError
from ..model._schema import SECTIONS

__all__ = [
    "JOURNAL_NAME",
    "LOCK_NAME",
    "LockError",
    "check_regular_file",
    "folder_lock",
    "leftovers",
    "recover",
    "refuse_to_overwrite",
    "switch_files",
]

LOCK_NAME = ".netgraph.lock"
JOURNAL_NAME = ".netgraph-journal"
LOCK_TIMEOUT = 600.0  # seconds a command waits for another one that writes the same folder

_CONTRACT = frozenset(s.file_name for s in SECTIONS)
# what a run of this or an earlier version leaves beside the files while it writes
_TEMPORARY = re.compile(
    r"\.(?P<target>[a-z_]+\.csv)\.[^/]+\.(?:tmp|bak)|\.\.netgraph-journal\.[^/]+\.tmp", re.ASCII
)
_LOCKS: dict[str, FileLock] = {}
_LOCKS_GUARD = threading.Lock()


class LockError(NetgraphError):
    """Another command kept a network folder locked for too long."""


def _lock_for(folder: Path) -> FileLock:
    key = os.path.realpath(folder)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = FileLock(os.path.join(key, LOCK_NAME))
        return lock


@contextlib.contextmanager
def folder_lock(
    folder: str | os.PathLike[str],
    *,
    on_wait: Callable[[], None] | None = None,
    timeout: float = LOCK_TIMEOUT,
) -> Iterator[None]:
    """Hold the folder's lock (making the folder if needed) for the ``with`` block.

    When the block fails, a folder this call made is removed again if it is empty.

    ``on_wait`` is called once when another command holds the lock, before waiting up
    to ``timeout`` seconds for it.

    Raises
    ------
    LockError
        When the lock is not free within ``timeout`` seconds.
    """
    path = Path(folder)
    new = not os.path.lexists(path)
    path.mkdir(parents=True, exist_ok=True)
    lock = _lock_for(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise LockError(
                f"{path}: another netgraph command has been writing this folder for "
                f"{timeout:.0f} s (it holds {LOCK_NAME}); try again when it is done"
            ) from None
    try:
        yield
    except BaseException:
        if new:  # leave no folder behind that this command made
            with contextlib.suppress(OSError):
                (path / LOCK_NAME).unlink(missing_ok=True)
                path.rmdir()
        raise
    finally:
        lock.release()


def leftovers(folder: Path) -> list[Path]:
    """Temporary files that a write into the folder left behind (killed, say)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    out = []
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match is not None and (match["target"] is None or match["target"] in _CONTRACT):
            out.append(folder / name)
    return out


def _journal_moves(folder: Path) -> list[tuple[str, str]]:
    journal = folder / JOURNAL_NAME
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        moves = [(str(a), str(b)) for a, b in data["moves"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError.single(
            str(journal), None, None, f"is not a journal netgraph can complete ({exc})"
        ) from None
    for temporary, target in moves:
        match = _TEMPORARY.fullmatch(temporary)
        if target not in _CONTRACT or match is None or match["target"] != target:
            raise DataError.single(
                str(journal), None, None, f"names a file netgraph does not write: {target!r}"
            )
    return moves


def recover(folder: str | os.PathLike[str]) -> bool:
    """Complete a write that was cut off after its journal, and remove what it left.

    Must be called with the folder's lock held. Returns whether there was anything to do.
    """
    path = Path(folder)
    journal = path / JOURNAL_NAME
    done = False
    if os.path.lexists(journal):
        for temporary, target in _journal_moves(path):
            if os.path.lexists(path / temporary):
                os.replace(path / temporary, path / target)
        _sync_folder(path)
        journal.unlink()
        _sync_folder(path)
        done = True
    for stale in leftovers(path):
        stale.unlink(missing_ok=True)
        done = True
    return done


def needs_recovery(folder: Path) -> bool:
    return os.path.lexists(folder / JOURNAL_NAME)


def switch_files(folder: Path, files: Sequence[tuple[str, str]]) -> None:
    """Replace files of the folder by new texts, all of them or none.

    ``files`` holds (file name, text) pairs. Must be called with the folder's lock held.
    """
    recover(folder)
    staged: list[tuple[str, str]] = []
    try:
        for name, text in files:
            staged.append((stage(folder / name, text).name, name))
        journal = json.dumps({"moves": staged}, indent=1)
        os.replace(stage(folder / JOURNAL_NAME, journal), folder / JOURNAL_NAME)
    except BaseException:
        for temporary, _ in staged:
            (folder / temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    # the write is done from here on: what a failure leaves, the next command completes
    recover(folder)


def stage(target: Path, text: str) -> Path:
    """Write ``text`` to a new hidden file beside ``target``, fully synced; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; a written network gets the usual mode
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)
    except OSError as exc:  # a full disk names no file by itself
        Path(name).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _sync_folder(folder: Path) -> None:
    """Make the renames in a folder durable (where the filesystem allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some filesystems cannot sync a folder
    finally:
        os.close(descriptor)


def check_regular_file(path: Path, shown: str) -> bool:
    """Whether a contract file is there; a DataError if it is there but not a plain file.

    A dangling or looping symbolic link, a folder, a FIFO or a device in place of a
    CSV file is refused rather than skipped or read (a FIFO would block for ever).
    """
    if not os.path.lexists(path):
        return False
    try:
        info = path.stat()
    except OSError as exc:
        if path.is_symlink():
            target = os.readlink(path)
            reason = "goes round in a loop" if exc.errno == errno.ELOOP else "points nowhere"
            raise DataError.single(
                shown, None, None, f"is a symbolic link that {reason} ({target!r})"
            ) from None
        raise DataError.single(shown, None, None, f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a FIFO (named pipe)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "not a regular file"
        )
        raise DataError.single(shown, None, None, f"is {kind}, not a regular file")
    return True


def refuse_to_overwrite(folder: str | os.PathLike[str], what: str) -> None:
    """A ConfigError when the folder holds files (not hidden ones) that ``what`` would replace.

    Commands that write a whole network (``pull``, ``generate``) call this unless given
    ``--force``.
    """
    from ..model._errors import ConfigError

    path = Path(folder)
    if not os.path.lexists(path):
        return
    if not path.is_dir():
        raise ConfigError(
            f"{path} already exists; {what} would replace it: give --force to do so, or "
            "choose a new name"
        )
    present = sorted(p.name for p in path.iterdir() if not p.name.startswith("."))
    if not present:
        return
    network = [name for name in present if name in _CONTRACT]
    shown = ", ".join((network or present)[:5]) + (", ..." if len(network or present) > 5 else "")
    held = "a network" if network else "other files"
    raise ConfigError(
        f"{path} already holds {held} ({shown}); {what} would replace the network's files "
        "in it: give --force to do so, or choose a new folder"
    )
