"""Safe outputs: checked paths, atomic files, folders that say when they are complete, inert CSV.

A table a run writes must never parse as complete when it is not, never
destroy what the run reads, and never run as a formula in the spreadsheet a
teacher opens it in.

* :func:`check_output` refuses, before any work, an output path that is an
  existing folder, sits under a regular file, or names one of the inputs.
* :func:`atomic_open` and :func:`atomic_path` write to a temporary file beside
  the target and rename it over the target only when writing finished: an
  interrupted or failed run leaves the old file (or none), never half a file.
* :class:`OutputFolder` does that for each file of a folder output and writes
  a completion marker (:data:`COMPLETE_MARKER`) last, listing the files; after
  an interruption it says which files were not written.
* :func:`neutralise_formulas` makes CSV text cells that a spreadsheet would
  read as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage
  return) start with an apostrophe. Only CSV gets this; JSONL and Parquet
  keep every text as it was, so only they keep ``raw[start:end] == text``.

Example:
    >>> import pandas as pd
    >>> neutralise_formulas(pd.DataFrame({"text": ["=1+1", "ok"], "certainty": [-0.33, 1.0]})).to_dict("list")
    {'text': ["'=1+1", 'ok'], 'certainty': [-0.33, 1.0]}
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = [
    "OutputError",
    "Interrupted",
    "COMPLETE_MARKER",
    "FORMULA_STARTS",
    "check_output",
    "atomic_open",
    "atomic_path",
    "OutputFolder",
    "neutralise_formulas",
]

#: Written last into a folder output; its absence means the folder is incomplete.
COMPLETE_MARKER = "COMPLETE"
#: A CSV cell starting with one of these runs as a formula in Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OutputError(ValueError):
    """An output cannot be written; the message names the path and the problem."""


class Interrupted(KeyboardInterrupt):
    """A run stopped (Ctrl-C) while writing; ``written`` and ``missing`` say what is on disk."""

    def __init__(self, where: str, written: list[str], missing: list[str]) -> None:
        super().__init__(where)
        self.where = where
        self.written = written
        self.missing = missing

    def message(self) -> str:
        missing = ", ".join(self.missing) if self.missing else "nothing"
        return f"{self.where}: interrupted; not written: {missing} (no {COMPLETE_MARKER} marker)"


def _describe(e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not allowed to write there"
    if e.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if e.errno == errno.EISDIR:
        return "is a folder; name a file"
    return e.strerror or str(e)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: str | Path, *, inputs: Iterable[str | Path] = (), folder: bool = False) -> Path:
    """Check an output path before any work is done.

    Args:
        path: the file (or, with ``folder``, the folder) to write.
        inputs: files the run reads; writing over one of them is refused.
        folder: the output is a folder (the corpus tables), not a file.

    Raises:
        OutputError: a file output that is an existing folder, a folder output
            that is an existing file, a path under a regular file, or a path
            that names one of the inputs.
    """
    p = Path(path)
    if folder:
        if p.exists() and not p.is_dir():
            raise OutputError(f"{p}: exists and is not a folder; -o needs a folder here")
    elif p.is_dir():
        raise OutputError(f"{p}: is a folder; -o needs a file name (such as {p / 'out.csv'})")
    for parent in p.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{p}: cannot write under {parent}, which is a file, not a folder")
            break
    for i in inputs:
        if _same_file(p, Path(i)):
            raise OutputError(f"{p}: -o names an input file; writing it would destroy it before it is read")
    return p


def _is_special(p: Path) -> bool:
    """A device, pipe or socket (``/dev/full``, ``/dev/stdout``): written in place, never renamed over."""
    try:
        return not stat.S_ISREG(os.stat(p).st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed over it if the block finishes.

    The temporary name keeps the suffix (writers such as ``chart.save`` pick
    the format from it) and starts with a dot, so folder readers skip it. On
    an exception, Ctrl-C included, it is removed and ``path`` is untouched.

    Raises:
        OutputError: the folder cannot be written, the disk is full.
    """
    target = Path(path)
    if _is_special(target):
        yield target
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent
        )
        os.close(fd)
    except OSError as e:
        raise OutputError(f"{target}: cannot write ({_describe(e)})") from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)
        os.replace(tmp_path, target)
    except OSError as e:
        tmp_path.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write ({_describe(e)})") from None
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = ""
):
    """``open()`` for writing, through :func:`atomic_path`: all of the file appears, or none of it.

    Raises:
        OutputError: the folder cannot be written, the disk is full (a file
            output of ``/dev/full`` reproduces that).
    """
    binary = "b" in mode
    with atomic_path(path) as tmp:
        try:
            with open(tmp, mode, **({} if binary else {"encoding": encoding, "newline": newline})) as fh:
                yield fh
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({_describe(e)})") from None


class OutputFolder:
    """A folder output written file by file, each atomically, with a completion marker last.

    Args:
        path: the folder (made if missing).
        planned: names (relative to the folder) of the files the run means to
            write, so that an interruption can say which were not written.

    Example:
        >>> import tempfile
        >>> d = OutputFolder(tempfile.mkdtemp(), ["a.csv"])
        >>> with d.open("a.csv") as fh:
        ...     _ = fh.write("x\\n")
        >>> d.finish().name
        'COMPLETE'
    """

    def __init__(self, path: str | Path, planned: Iterable[str] = ()) -> None:
        self.path = check_output(path, folder=True)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            (self.path / COMPLETE_MARKER).unlink(missing_ok=True)  # a stale marker would vouch for new files
        except OSError as e:
            raise OutputError(f"{self.path}: cannot write ({_describe(e)})") from None
        self.planned = list(planned)
        self.written: list[str] = []

    @contextlib.contextmanager
    def target(self, name: str) -> Iterator[Path]:
        """A temporary path for ``name``; the file appears under its name when the block ends."""
        with atomic_path(self.path / name) as tmp:
            yield tmp
        self.written.append(name)

    @contextlib.contextmanager
    def open(self, name: str, mode: str = "w", **kw):
        """Open ``name`` for writing, atomically."""
        with atomic_open(self.path / name, mode, **kw) as fh:
            yield fh
        self.written.append(name)

    def missing(self) -> list[str]:
        """Planned files not written (yet)."""
        done = set(self.written)
        return [n for n in self.planned if n not in done]

    def interrupted(self) -> Interrupted:
        """The exception to raise after Ctrl-C: it says what was written and what was not."""
        return Interrupted(str(self.path), list(self.written), self.missing())

    def finish(self) -> Path:
        """Write the completion marker, listing every file written."""
        with atomic_open(self.path / COMPLETE_MARKER) as fh:
            fh.write("".join(f"{n}\n" for n in self.written))
        return self.path / COMPLETE_MARKER


def neutralise_formulas(df):
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas (for CSV only).

    A string cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets an apostrophe in front, as spreadsheet exporters do; the
    spreadsheet shows the text and runs nothing. Numbers are left alone (a
    certainty of -0.33 stays a number), and so is every column that is not
    text.
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype != object and str(s.dtype) not in ("string", "str"):
            continue
        mask = s.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        if mask.any():
            out[col] = s.where(~mask, "'" + s[mask].astype(str))
    return out
