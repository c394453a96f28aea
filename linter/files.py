"""Reading config files into Documents, and writing fixes back atomically."""

from __future__ import annotations

from linter.i18n import _
import os
import stat

from linter.source import Document

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "UTF-16 (little-endian)", b"\xfe\xff": "UTF-16 (big-endian)"}


class FileError(Exception):
    """A file that cannot be read or written: reported in one line, exit status 2."""


def decode(path: str, data: bytes) -> Document:
    """Bytes to a Document. Undecodable bytes give a Document with ``encoding_error`` set."""
    if data.startswith(UTF8_BOM):
        data, bom = data[3:], True
    else:
        bom = False
    for mark, name in _UTF16_BOMS.items():
        if data.startswith(mark):
            return Document(path, data.decode("utf-8", "replace"), bom,
                            _("the file is {name}; OpenCode reads config as UTF-8").format(name=name))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", "replace")
        return Document(path, text, bom, _("invalid UTF-8 byte 0x{byte:02x} on line {line}").format(byte=data[exc.start], line=line),
                        max(text.find("\ufffd"), 0))
    if "\x00" in text:
        return Document(path, text, bom, _("the file holds NUL bytes: it is binary, not JSONC"),
                        text.find("\x00"))
    return Document(path, text, bom)


def read(path: str) -> tuple[Document, bytes]:
    """The Document for ``path`` and the exact bytes read (to detect a change before writing)."""
    try:
        if os.path.isdir(path):
            raise FileError(_("{path}: is a directory, not a config file").format(path=path))
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise FileError(_("{path}: not a regular file").format(path=path))
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileError(_("{path}: broken symbolic link (its target does not exist)").format(path=path)) from None
        raise FileError(_("{path}: no such file").format(path=path)) from None
    except PermissionError:
        raise FileError(_("{path}: permission denied").format(path=path)) from None
    except OSError as exc:
        raise FileError(_("{path}: cannot read: {strerror}").format(path=path, strerror=exc.strerror or exc)) from None
    return decode(path, data), data


def encode(doc: Document) -> bytes:
    return (UTF8_BOM if doc.bom else b"") + doc.text.encode("utf-8")


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file behind ``path`` (following symlinks) with ``data``.

    The new content goes to a temporary file in the same folder, is flushed to disk and
    renamed over the target, so a crash leaves either the old or the new file. Permission
    bits are kept. If ``expected`` is given and the file no longer holds it, nothing is
    written: someone changed it since it was read."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    tmp = None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        if expected is not None:
            with open(target, "rb") as handle:
                if handle.read() != expected:
                    raise FileError(_("{path}: changed on disk since it was read; not overwritten").format(path=path))
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=".oclint-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except FileError:
        raise
    except OSError as exc:
        raise FileError(_("{path}: cannot write: {strerror}").format(path=path, strerror=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def write_together(changes: list[tuple[str, bytes, bytes | None]]) -> None:
    """Write several files as one change: every one, or (on any failure) none.

    ``changes`` holds (path, data, expected): ``expected`` is the bytes the file held when
    read, or None for a file to create (it must still not exist). Each new content goes to
    a temporary file beside its target and is flushed to disk; a copy of each existing
    target is kept beside it the same way; only then are the temporary files renamed over
    the targets. If a rename fails, the targets already replaced get their copies back and
    the created ones are removed, so no file is left changed."""
    import tempfile

    if len(changes) == 1 and changes[0][2] is not None:
        write_atomic(*changes[0])
        return
    staged: list[tuple[str, str, str | None, bool]] = []   # target, temp, backup, existed

    def stage(folder: str, data: bytes, mode: int | None) -> str:
        fd, tmp = tempfile.mkstemp(prefix=".oclint-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        return tmp

    done: list[tuple[str, str | None, bool]] = []
    try:
        for path, data, expected in changes:
            target = os.path.realpath(path)
            folder = os.path.dirname(target) or "."
            if expected is None:
                if os.path.lexists(target):
                    raise FileError(_("{path}: appeared on disk since it was checked; nothing "
                                      "written").format(path=path))
                os.makedirs(folder, exist_ok=True)
                staged.append((target, stage(folder, data, None), None, False))
                continue
            with open(target, "rb") as handle:
                if handle.read() != expected:
                    raise FileError(_("{path}: changed on disk since it was read; nothing written").format(path=path))
            mode = stat.S_IMODE(os.stat(target).st_mode)
            staged.append((target, stage(folder, data, mode), None, True))
            staged[-1] = (target, staged[-1][1], stage(folder, expected, mode), True)
        for target, tmp, backup, existed in staged:
            os.replace(tmp, target)
            done.append((target, backup, existed))
    except FileError:
        _undo(done)
        _discard(staged)
        raise
    except OSError as exc:
        _undo(done)
        _discard(staged)
        raise FileError(_("{filename}: cannot write: {strerror}; nothing written").format(filename=exc.filename or 'a file', strerror=exc.strerror or exc)) from None
    for _path, _new, backup, _old in staged:      # all written: the copies go
        if backup is not None:
            try:
                os.unlink(backup)
            except OSError:
                pass


def _undo(done) -> None:
    for target, backup, existed in reversed(done):
        try:
            if existed:
                os.replace(backup, target)
            else:
                os.unlink(target)
        except OSError:
            pass


def _discard(staged) -> None:
    for _path, tmp, backup, _old in staged:
        for leftover in (tmp, backup):
            if leftover is not None:
                try:
                    os.unlink(leftover)
                except OSError:
                    pass


def repo_root(start: str) -> str:
    """The nearest folder at or above ``start`` holding `.git`, else ``start`` itself."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.abspath(start)
        folder = parent


def move(path: str, target: str) -> None:
    """Move the file ``path`` to ``target`` (creating its folder), never over an existing
    file: a link to the new name, then the old name removed, so either name holds it. A
    symbolic link moves as a link to the same file (a relative one is re-aimed from its new
    folder); across file systems the bytes are copied to a new file, then the old removed."""
    try:
        folder = os.path.dirname(os.path.abspath(target))
        try:
            os.makedirs(folder, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise FileError(_("{path}: not moved: a file stands where the folder {folder} would be").format(path=path, folder=folder)) from None
        if os.path.islink(path):
            aim = os.readlink(path)
            if not os.path.isabs(aim):
                where = os.path.normpath(os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(path))), aim))
                aim = os.path.relpath(where, os.path.realpath(folder))
            os.symlink(aim, target)         # fails if target exists: never clobbers
            os.unlink(path)
            return
        try:
            os.link(path, target, follow_symlinks=False)   # fails if target exists: never clobbers
        except FileExistsError:
            raise
        except OSError:                     # no hard links here (another file system)
            with open(path, "rb") as source:
                data = source.read()
            with open(target, "xb") as out:
                try:
                    out.write(data)
                    os.chmod(target, stat.S_IMODE(os.stat(path).st_mode))
                except OSError:
                    os.unlink(target)       # never leave half a copy
                    raise
        os.unlink(path)
    except FileError:
        raise
    except FileExistsError:
        raise FileError(_("{path}: not moved: {target} exists").format(path=path, target=target)) from None
    except OSError as exc:
        raise FileError(_("{path}: cannot move to {target}: {strerror}").format(path=path, target=target, strerror=exc.strerror or exc)) from None
