"""oclint's knowledge of OpenCode and its gateways: one module per rule, plus data.

Importing this package declares every rule in ``linter.registry.REGISTRY`` from the rule
index (``index.json`` beside this file: code, name, severity, fix, kinds, module and
summary of each), without importing a rule module: a run imports only the rules it
selects, for the kinds of file it has. To add a rule, write its module anywhere under
``rules/`` (a family in a folder of its own; a folder's ``__init__`` must not import its
rules) and run ``python -m linter.docs``, which rewrites the index with the docs;
tests/test_rule_index.py fails while the index is stale.
"""

import json as _json
import os as _os

from linter.registry import declare as _declare

INDEX = _os.path.join(_os.path.dirname(__file__), "index.json")
try:
    with open(INDEX, "rb") as _index:
        _declare(_json.loads(_index.read()))
except FileNotFoundError:       # being regenerated: `python -m linter.docs` imports every rule
    pass


def knowledge():
    """What the engine needs to know from here beyond the rules themselves."""
    from linter.app import Knowledge
    from rules.secrets import values
    from rules.opencode_config import merged
    from rules.unused_suppression import postprocess
    from rules.layout import kind_or_config, walk
    from rules import contexts
    import os

    def context(path, options):
        return contexts.context_of(path, os.environ, with_global=options.with_global, home=options.home)

    def lintable(path):
        from rules.layout import kind_of
        return kind_of(path) is not None

    def editor():
        from rules import editor as editor_
        return editor_

    return Knowledge(secrets=values, postprocess=postprocess, merge=merged, kind=kind_or_config,
                     context=context, skip=contexts.skip_reason, walk=walk, lintable=lintable,
                     editor=editor)
