"""Plain data passed between rules, the engine and the reporters."""

from __future__ import annotations

from linter.records import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"                  # applied by --fix
    UNSAFE = "unsafe"              # applied with --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown, never applied


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (offsets into the document text)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True, slots=True)
class FileEdit:
    """Edits to a file other than the diagnostic's: on its text as the run last saw it
    (``Run.document``), or, when it does not exist, on ``create`` (the file is created)."""

    path: str
    edits: tuple[Edit, ...]
    create: str | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str = ""
    # fixes sharing an isolation key are applied in separate passes (for fixes that do not
    # overlap in text but would conflict in meaning, such as two creating the same key)
    isolation: object = None
    rename: str | None = None      # move the file to this path (after its edits, if any)
    # edits to other files, written together with this file's or not at all
    files: tuple[FileEdit, ...] = ()

    @property
    def start(self) -> int:
        return min((e.start for e in self.edits), default=0)

    @property
    def end(self) -> int:
        return max((e.end for e in self.edits), default=0)


@dataclass(slots=True)
class Diagnostic:
    """One finding. Offsets index the document text; the reporters turn them into lines."""

    code: str
    name: str
    message: str
    severity: Severity
    path: str
    start: int
    end: int
    help: str | None = None
    fix: Fix | None = None
    # filled by the engine from the document, so reporters need no document
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    column_utf16: int = 0
    end_column_utf16: int = 0
    notes: list[str] = field(default_factory=list)
    # other places the finding is about: (path, start, end, what is there), e.g. the key a
    # duplicate repeats, or the file that defines a provider (shown by the language server)
    related: list[tuple[str, int, int, str]] = field(default_factory=list)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability != Applicability.DISPLAY_ONLY
