"""The rules' messages in the locale of the run (see ``linter.i18n``): the catalog is
``rules/locale/<locale>/messages.po``; the data files' messages (`message:` in
deprecated.yaml, foreign-keys.yaml and versions.yaml) are in it too, translated where a
rule uses them. Each rule's translated documentation is
``rules/locale/<locale>/rules/<CODE>.md``."""

import os

from linter.i18n import Catalog, N_, current  # noqa: F401  (N_ and current: for the rules)

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = Catalog(HERE, yaml={"data/deprecated.yaml": ["message"], "data/foreign-keys.yaml": ["message"],
                              "data/versions.yaml": ["message"], "data/providers.yaml": ["why"],
                              "data/markdown.yaml": ["note", "origin"]})
_ = CATALOG.gettext
ngettext = CATALOG.ngettext

# the kinds of markdown file, as a message names them
KINDS = {"agent": N_("agent"), "command": N_("command"), "mode": N_("mode"), "skill": N_("skill")}


def kind_name(kind: str) -> str:
    """How a message names a file kind (`agent`, `command`, ...) in the run's language."""
    return _(KINDS[kind]) if kind in KINDS else kind
