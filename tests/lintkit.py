"""Helpers the tests share: lint or fix a text with chosen rules, as the CLI would."""

from __future__ import annotations

import rules  # noqa: F401  (registers the rules)
from linter import engine, files
from linter.app import CheckOptions
from linter.registry import REGISTRY, select


def make_run(options=None, documents=()):
    """A run with these settings options (``documents``: kept for the callers' sake; each
    document's context comes from its load context, not from the run)."""
    return engine.Run(dict(options or {}))


def _decode(text, path, kind=None):
    """The Document, of ``kind`` (default: the kind its path gives)."""
    from rules.layout import kind_or_config
    doc = files.decode(path, text if isinstance(text, bytes) else text.encode("utf-8"))
    doc.kind = kind or kind_or_config(path)
    return doc


def _view(doc, context):
    """The merged view of the ``(path, text)`` files of ``context`` with ``doc`` last (as
    OpenCode merges them), or None without a context."""
    if not context:
        return None
    return rules.knowledge().merge([_decode(text, path) for path, text in context] + [doc])


def lint_text(text, selectors=("ALL",), options=None, path="opencode.jsonc", run=None, kind=None,
              context=()):
    """Diagnostics for ``text`` (str, or bytes as read from a file), in the load context of
    ``path`` without this machine's global config (the other files of the context are not
    merged: tests that need them go through the CLI, or name them in ``context``)."""
    doc = _decode(text, path, kind)
    chosen = select(REGISTRY.values(), selectors)
    knowledge = rules.knowledge()
    run = run or make_run(options, [doc])
    load = knowledge.context(path, CheckOptions())
    return engine.lint(doc, chosen, run, None, knowledge.postprocess, view=_view(doc, context), load=load)


def fix_text(text, selectors=("ALL",), options=None, unsafe=False, path="opencode.jsonc", run=None,
             kind=None, context=()):
    """The fixed text (bytes in, bytes out) and the diagnostics whose fixes were applied."""
    doc = _decode(text, path, kind)
    chosen = select(REGISTRY.values(), selectors)
    knowledge = rules.knowledge()
    run = run or make_run(options, [doc])
    fixed, applied = engine.fix(doc, lambda d: engine.lint(d, chosen, run, None, knowledge.postprocess,
                                                           view=_view(d, context)), unsafe)
    if fixed.text == doc.text:
        return text, applied
    return (files.encode(fixed) if isinstance(text, bytes) else fixed.text), applied
