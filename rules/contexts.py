"""Load contexts as OpenCode 1.18.33 builds them (opencode-facts.md section 5), and the
home trees of dotfiles repositories.

A linted file is judged with what OpenCode loads when started in that file's folder:

* a project file (``opencode.json(c)`` in a folder, or in a ``.opencode`` folder of it):
  the global config, the project files from the worktree root down to that folder, the
  ``.opencode`` folders on that path (closest first, as 1.18.33 lists them), the home
  ``.opencode`` folder;
* a global file (the global config folder of this machine or of a dotfiles tree): that
  folder's files and the home ``.opencode`` folder: what every start loads.

The global config is this machine's only with ``--with-global`` (and when oclint lints
what OpenCode would load here, with no path); then OpenCode's environment variables count
too. A project inside a dotfiles tree sees that tree's global folder instead.

A dotfiles tree is recognised by where its global folder sits: ``<home>/.config/opencode``
(plain, ``home/``, ``dotfiles/``, stow packages ``<pkg>/.config/opencode``), chezmoi names
(``dot_config``, ``private_dot_config``, ...), ``config/opencode`` and a bare ``opencode``
folder at the root of a repository or of a ``dotfiles`` folder. In such a tree ``~`` is the
tree's home folder, with chezmoi names decoded.
"""

from __future__ import annotations

from rules.i18n import _
import os

from linter import discovery, precompiled
from linter.context import LoadContext
from rules.layout import CONFIG_NAMES, GLOBAL_NAMES, TUI_NAMES, folder_files

MANAGED_DIRS = ("/etc/opencode", "/Library/Application Support/opencode")

# chezmoi source-state names: attribute prefixes (any order), then `dot_`; `literal_` ends
# the prefixes; `.tmpl` marks a template (https://www.chezmoi.io/reference/source-state-attributes/)
CHEZMOI_PREFIXES = ("after_", "before_", "create_", "empty_", "encrypted_", "exact_", "executable_",
                    "external_", "modify_", "once_", "onchange_", "private_", "readonly_", "remove_",
                    "run_", "symlink_")
CHEZMOI_NAME = precompiled.regex(r"^(?:(?:" + "|".join(p[:-1] for p in CHEZMOI_PREFIXES) + r")_)*(?:dot_|literal_)")
TEMPLATE_SUFFIX = ".tmpl"
BARE_PARENTS = ("dotfiles", ".dotfiles", "dots", ".dots", "dotconfig")


def chezmoi_name(name: str) -> str:
    """A chezmoi source name as the file it installs: `private_dot_config` -> `.config`,
    `opencode.json.tmpl` -> `opencode.json`."""
    while True:
        if name.startswith("literal_"):
            return name[len("literal_"):]
        if not name.startswith(CHEZMOI_PREFIXES):      # most names: one test, not sixteen
            break
        for prefix in CHEZMOI_PREFIXES:
            if name.startswith(prefix):
                name = name[len(prefix):]
                break
        else:
            break
    if name.startswith("dot_"):
        name = "." + name[len("dot_"):]
    if name.endswith(TEMPLATE_SUFFIX):
        name = name[:-len(TEMPLATE_SUFFIX)]
    return name


def stow_name(name: str) -> str:
    """GNU stow's `--dotfiles` spelling: `dot-config` -> `.config`."""
    return "." + name[4:] if name.startswith("dot-") else name


@discovery.per_run          # per run: a server's workspace may become a repository
def worktree(folder: str) -> str:
    return discovery.worktree(folder)


@discovery.per_run
def is_chezmoi(root: str, relative: str) -> bool:
    """Whether a path below ``root`` is in a chezmoi source tree: a component spelled the
    chezmoi way, or chezmoi's own files at the root."""
    if any(CHEZMOI_NAME.match(part) for part in relative.split(os.sep)):
        return True
    return any(discovery.exists(os.path.join(root, n)) for n in (".chezmoiroot", ".chezmoiignore"))


def decoded(path: str) -> str:
    """``path`` with the names of a chezmoi source tree decoded (else as it is)."""
    path = os.path.abspath(path)
    root = worktree(os.path.dirname(path))
    relative = os.path.relpath(path, root)
    if relative.startswith("..") or not is_chezmoi(root, relative):
        return path
    return os.path.join(root, *(chezmoi_name(p) for p in relative.split(os.sep)))


def template_action(path: str, text: str) -> bool:
    """Whether ``path`` is a chezmoi template that holds a template action."""
    return path.endswith(TEMPLATE_SUFFIX) and "{{" in text


def _name(part: str) -> str:
    return stow_name(chezmoi_name(part))


def machine_global_dir(env) -> str:
    base = env.get("XDG_CONFIG_HOME") or os.path.join(discovery.home(env), ".config")
    return os.path.join(base, "opencode")


class Tree:
    """A dotfiles tree's home: the folder that stands for `~`, and its global folder."""

    def __init__(self, home: str, global_dir: str, layout: str):
        self.home, self.global_dir, self.layout = home, global_dir, layout

    def context(self, paths: list[str], role: str, note: str) -> LoadContext:
        return LoadContext(_unique(paths), home=self.home, role=role, note=note, layout=self.layout,
                           aliases={".config/opencode": self.global_dir}, homes=self.packages())

    def packages(self) -> list[str]:
        """A stow package's sibling packages: stow links every package of the folder into
        the same home, so a `~` path may be in any of them."""
        if not self.layout.startswith("stow"):
            return []
        top = os.path.dirname(self.home)
        try:
            names = discovery.listdir(top)
        except OSError:
            return []
        return [os.path.join(top, n) for n in names if not n.startswith(".") and n not in discovery.SKIPPED_FOLDERS
                and os.path.join(top, n) != self.home and discovery.isdir(os.path.join(top, n))]


@discovery.per_run
def _installed_names(folder: str) -> dict[str, str]:
    """{the name an entry of ``folder`` installs as: the first entry, sorted, that does},
    worked out once per run (a run over many files in one folder decoded every name of
    it once per file)."""
    try:
        names = discovery.listdir(folder)
    except OSError:
        return {}
    table: dict[str, str] = {}
    for name in names:
        table.setdefault(_name(name), name)
    return table


def _find(base: str, parts: list[str]) -> tuple[str | None, str]:
    """Walk ``parts`` down from ``base``, each step matching a name as written or as a
    chezmoi/stow source name that installs it."""
    folder = base
    for i, part in enumerate(parts):
        here = os.path.join(folder, part)
        if discovery.lexists(here):
            folder = here
            continue
        match = _installed_names(folder).get(part)
        if match is None:
            return None, os.path.join(folder, *parts[i:])
        folder = os.path.join(folder, match)
    return (folder if discovery.exists(folder) else None), folder


def dotfiles_tree(folder: str, home: str | None = None) -> Tree | None:
    """The dotfiles tree whose global config folder is ``folder``, if it is one."""
    folder = os.path.abspath(folder)
    if home is not None:
        home = os.path.abspath(home)
        if _same(folder, _find(home, [".config", "opencode"])[0]):
            return Tree(home, folder, "--home")
    if _name(os.path.basename(folder)) != "opencode":
        return None
    parent = os.path.dirname(folder)
    grand = os.path.dirname(parent)
    parent_name = _name(os.path.basename(parent))
    root = worktree(folder)
    if parent_name == ".config":
        real = os.path.basename(parent)
        layout = "chezmoi" if real != parent_name and CHEZMOI_NAME.match(real) else (
            "stow --dotfiles" if real.startswith("dot-") else _plain_layout(grand, root))
        return Tree(grand, folder, layout)
    if parent_name == "config" and parent != root:
        return Tree(grand, folder, "config/opencode")
    if parent_name in BARE_PARENTS or (parent == root and root != os.path.dirname(root)
                                       and not discovery.existing(root, CONFIG_NAMES)):
        # a repository whose root holds opencode.json(c) is an OpenCode project: its
        # `opencode/` folder is one of the project's folders, not a dotfiles package
        return Tree(parent, folder, "bare opencode/")
    return None


def _plain_layout(home: str, root: str) -> str:
    if home == root:
        return ".config/opencode"
    name = os.path.basename(home)
    if name in ("home", "dotfiles"):
        return f"{name}/.config/opencode"
    return f"stow package {name}/"


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and os.path.realpath(a) == os.path.realpath(b)


def _tree_on_path(start: str, top: str, home: str | None) -> Tree | None:
    """A dotfiles tree whose home holds ``start`` (a project inside a dotfiles repo)."""
    if home is not None:
        found = _find(os.path.abspath(home), [".config", "opencode"])[0]
        return Tree(os.path.abspath(home), found or os.path.join(home, ".config", "opencode"), "--home")
    for folder in discovery.upward(start, top):
        candidate = _find(folder, [".config", "opencode"])[0]    # chezmoi names any way spelled
        if candidate is not None and discovery.isdir(candidate):
            return dotfiles_tree(candidate)
    return None


def global_files(folder: str) -> list[str]:
    """A global folder's config files in OpenCode's order, chezmoi names decoded."""
    found = folder_files(folder, "global")
    if found or not discovery.isdir(folder):
        return found
    by_name: dict[str, str] = {}
    for name in discovery.listdir(folder):
        by_name.setdefault(chezmoi_name(name), os.path.join(folder, name))
    return [by_name[n] for n in (*GLOBAL_NAMES, *TUI_NAMES) if n in by_name and discovery.isfile(by_name[n])]


def _home_dir_files(home: str) -> list[str]:
    found = _find(home, [".opencode"])[0]
    return folder_files(found, "dir") if found else []


def context_of(path: str, env, *, with_global: bool = False, home: str | None = None) -> LoadContext:
    """What OpenCode loads together with the file at ``path``."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    machine = machine_global_dir(env)
    tree = dotfiles_tree(folder, home)
    if tree is not None and not _same(folder, machine):
        return tree.context(global_files(folder) + _home_dir_files(tree.home), "global",
                            _("global config of the dotfiles tree at {home} ({layout})").format(home=tree.home, layout=tree.layout))
    if _same(folder, machine) or folder == machine:
        paths = global_files(folder) + _machine_extras(env)
        return LoadContext(_unique(paths), role="global", note=_("this machine's global config"))
    start = os.path.dirname(folder) if os.path.basename(folder) == ".opencode" else folder
    return project_context(start, env, with_global=with_global, home=home)


def project_context(start: str, env, *, with_global: bool = False, home: str | None = None,
                    trees: bool = True) -> LoadContext:
    """What OpenCode loads when started in the folder ``start`` (``trees=False``: this
    machine's view, even inside a dotfiles tree)."""
    start = os.path.abspath(start)
    top = worktree(start)
    folders = discovery.upward(start, top)
    tree = _tree_on_path(start, top, home) if trees else None
    use_env = with_global and tree is None
    paths: list[str] = []
    missing = ""
    global_: list[str] = []       # the global folder's files: its markdown comes later
    if tree is not None:
        global_ = global_files(tree.global_dir)
        paths += [p for p in global_ if not p.endswith(".md")]
        note = _("project in {start}, with the global config of the dotfiles tree at {home} "
                 "({layout})").format(start=start, home=tree.home, layout=tree.layout)
    elif with_global:
        global_ = global_files(machine_global_dir(env))
        paths += [p for p in global_ if not p.endswith(".md")]
        if env.get("OPENCODE_CONFIG"):
            paths.append(os.path.abspath(env["OPENCODE_CONFIG"]))
        if env.get("OPENCODE_TUI_CONFIG") and os.path.isfile(env["OPENCODE_TUI_CONFIG"]):
            paths.append(os.path.abspath(env["OPENCODE_TUI_CONFIG"]))
        note = _("project in {start}, with this machine's global config").format(start=start)
    else:
        note = _("project in {start} (this machine's global config not included; see --with-global)").format(start=start)
        missing = _("this machine's global config (add `--with-global`)")
    project = not (use_env and env.get("OPENCODE_DISABLE_PROJECT_CONFIG"))
    if project:
        for folder in reversed(folders):            # the farthest folder first
            paths += folder_files(folder, "project")
    # the global folder's agents, modes and commands come after the project's config files
    # and before its .opencode folders (1.18.33: a global agent file's key beats the project's
    # opencode.json, and .opencode/opencode.json beats the agent file)
    paths += [p for p in global_ if p.endswith(".md")]
    dirs = [os.path.join(f, ".opencode") for f in folders] if project else []   # closest first, as 1.18.33
    for folder in dirs:
        paths += folder_files(folder, "dir")
    if tree is not None:
        paths += _home_dir_files(tree.home)
    elif use_env:
        paths += _machine_extras(env)
    if tree is not None:
        return tree.context(paths, "project", note)
    return LoadContext(_unique(paths), role="project", note=note, missing=missing)


def _machine_extras(env) -> list[str]:
    """This machine's `~/.opencode`, `OPENCODE_CONFIG_DIR` and the managed folders."""
    paths = list(folder_files(os.path.join(discovery.home(env), ".opencode"), "dir"))
    if env.get("OPENCODE_CONFIG_DIR"):
        paths += folder_files(env["OPENCODE_CONFIG_DIR"], "dir")
    for folder in MANAGED_DIRS:
        paths += folder_files(folder, "project")
    return paths


def _unique(paths: list[str]) -> list[str]:
    return discovery.unique(paths)


def resolve_home(relative: str, load: LoadContext | None) -> tuple[str | None, str]:
    """``~/relative`` as OpenCode would read it in ``load``'s context: the file if it
    exists, and where it was looked for. Inside a dotfiles tree `~` is the tree's home
    (its global folder standing for `~/.config/opencode`, chezmoi names decoded); else
    this machine's home."""
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
    if load is None or not load.home:
        target = os.path.join(os.path.expanduser("~"), *parts)
        return (target if os.path.exists(target) else None), target
    base, rest = load.home, parts
    for prefix, folder in sorted(load.aliases.items(), key=lambda a: -len(a[0])):
        head = prefix.split("/")
        if parts[:len(head)] == head:
            base, rest = folder, parts[len(head):]
            break
    found, looked = _find(base, rest)
    for other in load.homes if found is None else ():     # the other packages of a stow folder
        if (found := _find(other, parts)[0]) is not None:
            return found, found
    return found, looked


def resolve_relative(base: str, relative: str, load: LoadContext | None) -> tuple[str | None, str]:
    """``relative`` to the folder ``base`` as OpenCode would read it: in a dotfiles tree the
    deployed names (chezmoi's `private_prompts/a.md.tmpl` is `prompts/a.md`)."""
    looked = os.path.join(base, relative)
    if os.path.exists(looked) or load is None or not load.home:
        return (looked if os.path.exists(looked) else None), looked
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
    return _find(base, parts)[0], looked


def folder_context(folder: str, env, *, home: str | None = None) -> LoadContext:
    """What OpenCode loads when started in ``folder`` on this machine; a global config
    folder (this machine's or a dotfiles tree's) gives what every start loads."""
    folder = os.path.abspath(folder)
    if dotfiles_tree(folder, home) is not None or _same(folder, machine_global_dir(env)):
        return context_of(os.path.join(folder, "opencode.json"), env, with_global=True, home=home)
    return project_context(folder, env, with_global=True, home=home)


def skip_reason(doc) -> str | None:
    """Why a file is not linted at all: a chezmoi template that holds template actions."""
    if doc.path not in ("-", "") and template_action(doc.path, doc.text):
        return _("a chezmoi template with template actions ({{ ... }}); oclint cannot know what it "
                 "renders to")
    return None
