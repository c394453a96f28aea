"""Load contexts: what a tool loads together with a file, and the merged views of them.

Which files make up a file's context, and which folder ``~`` stands for there, is the
caller's knowledge (``rules``); this module reads each file once, merges each distinct
context once, and hands every document its own view. A document's diagnostics then depend
only on its own context, never on which other files a run names or in which order.
"""

from __future__ import annotations

from collections.abc import Callable

from linter.records import dataclass, field

from linter import discovery, files
from linter.source import Document


@dataclass
class LoadContext:
    """The files loaded together with one file, lowest precedence first (the file itself
    among them), and where its ``~`` points."""

    paths: list[str]
    home: str | None = None      # the folder `~` stands for; None: this machine's home
    aliases: dict = field(default_factory=dict)   # `~`-relative folder -> the folder standing for it
    homes: list = field(default_factory=list)     # other folders installed into `~` too (after ``home``)
    role: str = "project"        # how the file is loaded, in the caller's words
    note: str = ""               # why: shown by `--show-files` and `oclint config`
    layout: str = ""             # the dotfiles layout it was recognised in, if any
    missing: str = ""            # what the context leaves out, and how to include it


def key(path: str) -> str:
    """One name for a file however it is reached (relative, through symlinks)."""
    return discovery.realpath(path) if path not in ("-", "") else path


@dataclass
class Views:
    """Documents by real path (the run's own, then any context file read on demand) and
    the merged view of each distinct context."""

    merge: Callable[[list[Document]], object] | None
    kind: Callable[[str], str] = lambda path: "config"
    skip: Callable[[Document], str | None] = lambda doc: None   # files that count as absent
    documents: dict[str, Document] = field(default_factory=dict)
    _views: dict[tuple, object] = field(default_factory=dict)

    def add(self, doc: Document) -> None:
        self.documents[key(doc.path)] = doc

    def document(self, path: str) -> Document | None:
        """The run's document for ``path``, else the file as read (None if unreadable)."""
        name = key(path)
        if name not in self.documents:
            try:
                doc = files.read(path)[0]
            except files.FileError:
                doc = None
            if doc is not None:
                doc.kind = self.kind(path)
                if self.skip(doc) is not None:
                    doc = None
            self.documents[name] = doc
        return self.documents[name]

    def members(self, load: LoadContext, doc: Document) -> list[Document]:
        """The context's documents, ``doc`` standing for its own file."""
        own = key(doc.path)
        out = []
        for path in load.paths:
            other = doc if key(path) == own else self.document(path)
            if other is not None:
                out.append(other)
        if not any(d is doc for d in out):
            out.append(doc)
        return out

    def view(self, load: LoadContext, doc: Document):
        """The merged view of ``load`` with ``doc``'s text for its own file (a fix pass's
        text is merged afresh; a run's documents are merged once per distinct context)."""
        if self.merge is None:
            return None
        members = self.members(load, doc)
        if len(members) == 1 and members[0] is doc:
            return None             # alone: the document's own value is its view
        if self.documents.get(key(doc.path)) is not doc:
            return self.merge(members)
        cache_key = tuple(id(d) for d in members)
        if cache_key not in self._views:
            self._views[cache_key] = self.merge(members)
        return self._views[cache_key]
