"""What the servers (`oclint server`, `oclint mcp`) share: documents linted one at a time
in their load contexts, where documents held in memory (an editor's open buffers, a text
an agent sends) stand for their files, with the settings that govern each file. The
linting itself is ``app.linter``'s, the command line's pipeline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from linter import app, discovery, engine, files
from linter.diagnostics import Diagnostic
from linter.source import Document


@dataclass
class Result:
    doc: Document
    diagnostics: list[Diagnostic]
    lint: object          # the lint closure the diagnostics came from (for "fix all")
    load: object
    secrets: set
    options: dict = field(default_factory=dict)     # the rule options it was linted with


@dataclass
class Linting:
    """The server's state: the open buffers, the settings found for them, the last result
    of each open document."""

    knowledge: object
    buffers: dict[str, Document] = field(default_factory=dict)     # path -> open text
    results: dict[str, Result] = field(default_factory=dict)       # path -> last lint
    settings: dict[str, object] = field(default_factory=dict)      # settings file -> Settings
    bad_settings: dict[str, str] = field(default_factory=dict)     # settings file -> its error
    secrets: set = field(default_factory=set)                      # every secret seen: for logs

    def options(self, path: str):
        """CheckOptions for ``path`` from the settings file that governs it."""
        from linter import settings as settings_
        from linter.main import options_from
        found = settings_.find(os.path.dirname(path))
        settings = settings_.Settings()
        if found:
            if found not in self.settings and found not in self.bad_settings:
                try:
                    self.settings[found] = settings_.load(found)
                except app.UsageError as exc:
                    self.bad_settings[found] = str(exc)
            settings = self.settings.get(found, settings)
        options = options_from(settings, paths=[path], with_global=True, color=False)
        try:
            app.selected(options)
        except app.UsageError as exc:       # a selector naming no rule: as a bad settings file
            self.bad_settings.setdefault(found or path, str(exc))
            options = options_from(settings_.Settings(), paths=[path], with_global=True, color=False)
        return options

    def reload_settings(self) -> None:
        self.settings.clear()
        self.bad_settings.clear()

    def document(self, path: str, text: str) -> Document:
        discovery.forget()      # the folders as they are now (files come and go while editing)
        doc = files.decode(path, text.encode("utf-8", "surrogatepass"))
        doc.kind = self.knowledge.kind(path)
        return doc

    def lint(self, path: str) -> Result | None:
        """One run (as ``app.check`` makes one): the file system seen afresh."""
        from linter.context import Views
        discovery.forget()
        doc = self.buffers.get(path)
        if doc is None:
            return None
        options = self.options(path)
        rules = app.selected(options)
        views = Views(self.knowledge.merge, self.knowledge.kind, self.knowledge.skip)
        for buffer in self.buffers.values():
            views.add(buffer)
        if self.knowledge.skip(doc) is not None:
            found, load = [], None
            lint = None
        else:
            load = self.knowledge.context(path, options) if self.knowledge.context else None
            lint = app.linter(options, self.knowledge, views, rules, engine.Run(options.rule_options))
            found = lint(doc, load)
        secrets = app.run_secrets(self.knowledge, [*views.documents.values(), doc])
        self.secrets |= secrets
        result = Result(doc, found, lint, load, secrets, options.rule_options)
        self.results[path] = result
        return result

    def related_doc(self, path: str) -> Document | None:
        if path in self.buffers:
            return self.buffers[path]
        try:
            return files.read(path)[0]
        except files.FileError:
            return None
