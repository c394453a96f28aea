"""What a file is to OpenCode, from its path: the document kind of each file oclint lints,
and which files of a config folder OpenCode reads.

One place serves discovery (``oclint DIR``, the files of a load context), the engine
(``Document.kind``, which selects the rules that run on a document) and the pre-commit
pattern tests. Kinds so far: ``config`` (opencode.json(c), and config.json in the global
folder); ``tui`` (tui.json(c)); ``agent``, ``mode``, ``command`` and ``skill`` (markdown with YAML frontmatter,
globbed by OpenCode 1.18.33 from each config folder as ``{agent,agents}/**/*.md``,
``{mode,modes}/*.md``, ``{command,commands}/**/*.md``, ``{skill,skills}/**/SKILL.md``,
recursive globs with dot files and symlinks [B33 @104052455, the scans in
``ConfigAgent.load``/``loadMode``/``ConfigCommand.load``], plus ``.claude/skills`` and
``.agents/skills`` of each project folder); ``skill-stray`` (a markdown file a skill
folder holds where OpenCode never looks for a skill: ``skills/x.md``, ``skills/x/skill.md``).
Each new surface adds its kind to ``kind_of`` and its files to ``folder_files``.
"""

from __future__ import annotations

from rules.i18n import _
import os

from linter import discovery

SURFACES = {"agent": "agent", "agents": "agent", "mode": "mode", "modes": "mode",
            "command": "command", "commands": "command", "skill": "skill", "skills": "skill"}
MARKDOWN_ORDER = (("command", "commands"), ("agent", "agents"), ("mode", "modes"))   # as 1.18.33 loads them
SKILL_FILE = "SKILL.md"
SKILL_HOMES = (".claude", ".agents")       # project (and home) folders whose skills/ OpenCode reads
CONFIG_DIR_NAMES = (".opencode", "opencode")


def _surface(path: str, strict: bool = False) -> tuple[str, list[str]] | None:
    """(surface folder name, the path's parts below it) for a markdown file, deciding by the
    part after the last config folder (``.opencode``, ``opencode``, ``.claude``,
    ``.agents``), else (unless ``strict``) by the first surface folder from the top."""
    parts = os.path.abspath(path).replace(os.sep, "/").split("/")
    folders = parts[:-1]
    marks = [i for i, p in enumerate(folders) if p in CONFIG_DIR_NAMES + SKILL_HOMES]
    candidates = [marks[-1] + 1] if marks and marks[-1] + 1 < len(folders) else []
    if not strict:
        candidates += [i for i, p in enumerate(folders) if p in SURFACES]
    for i in candidates:
        name = folders[i]
        if name not in SURFACES:
            continue
        if folders[i - 1:i] and folders[i - 1] in SKILL_HOMES and SURFACES[name] != "skill":
            continue
        return name, parts[i + 1:]
    return None


def markdown_kind(path: str, strict: bool = False) -> str | None:
    """The kind of a markdown file; ``strict``: only in a surface folder right below a
    config folder (what OpenCode reads), not any `agents/` or `commands/` folder."""
    found = _surface(path, strict)
    if found is None or not path.endswith(".md"):
        return None
    folder, below = found
    kind = SURFACES[folder]
    if kind == "mode" and len(below) != 1:
        return None
    if kind == "skill":
        if below[-1] == SKILL_FILE and len(below) >= 2:
            return "skill"
        if len(below) == 1 or below[-1].lower() == SKILL_FILE.lower():
            return "skill-stray"
        return None         # a skill's own resource file
    return kind


def entry_name(path: str) -> str | None:
    """An agent's, mode's or command's name from its path, as OpenCode gives it: the path
    below the surface folder without `.md` (`agent/sub/x.md` is `sub/x`)."""
    found = _surface(path)
    if found is None:
        return None
    below = "/".join(found[1])
    return below[:-3] if below.endswith(".md") else below


def skill_folder(path: str) -> str:
    """The name of the folder holding a SKILL.md (what its `name` is compared with)."""
    return os.path.basename(os.path.dirname(os.path.abspath(path)))

CONFIG_NAMES = ("opencode.json", "opencode.jsonc")     # within a folder .jsonc is applied last
GLOBAL_NAMES = ("config.json", "opencode.json", "opencode.jsonc")   # the global folder's order
TUI_NAMES = ("tui.json", "tui.jsonc")     # both are read, .jsonc applied last [B33 @104081484 `h`]


def kind_of(path: str) -> str | None:
    """The document kind of ``path`` (``unread``: a file OpenCode never reads that looks
    meant to be read; see ``unread``), or None when it is no config file at all."""
    if unread(path) is not None:
        return "unread"
    from rules.contexts import decoded
    path = decoded(path)
    name = os.path.basename(path)
    if name in CONFIG_NAMES:
        return "config"
    if name in TUI_NAMES:
        return "tui"
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    if name == "config.json" and folder == "opencode":
        return "config"
    if name.endswith(".md"):
        return markdown_kind(path)
    return None


def kind_or_config(path: str) -> str:
    """The kind for a file named on the command line: what ``kind_of`` says (the file
    ``OPENCODE_TUI_CONFIG`` names is tui, whatever its name), else config (a markdown
    file outside the folders OpenCode reads: an agent)."""
    custom = os.environ.get("OPENCODE_TUI_CONFIG")
    if custom and path != "-" and os.path.realpath(path) == os.path.realpath(custom):
        return "tui"
    kind = kind_of(path)
    if kind is None and path.endswith(".md"):
        return "agent"
    return kind or "config"


@discovery.per_run
def folder_files(folder: str, where: str) -> list[str]:
    """The files OpenCode reads from one folder, in the order it applies them.

    ``where`` is ``"global"`` (the global config folder), ``"project"`` (a folder from the
    worktree root down to the start folder) or ``"dir"`` (a ``.opencode`` folder, ``~/.opencode``,
    ``OPENCODE_CONFIG_DIR``). The TUI reads tui.json(c) from each of them too (global
    folder, project folders walking up, `.opencode` folders and ``OPENCODE_CONFIG_DIR``),
    after that folder's config files in this list; the two kinds merge separately. Then
    the folder's agent, mode, command and skill markdown (not in a project folder, which
    gives only its `.claude/skills` and `.agents/skills`)."""
    names = (GLOBAL_NAMES if where == "global" else CONFIG_NAMES) + TUI_NAMES
    out = [os.path.join(folder, n) for n in names if discovery.isfile(os.path.join(folder, n))]
    if where == "project":
        for home in SKILL_HOMES:
            out += skill_files(os.path.join(folder, home, "skills"))
        return out
    for names in MARKDOWN_ORDER:
        for name in names:
            out += _markdown(os.path.join(folder, name), recursive=names[0] != "mode")
    for name in ("skill", "skills"):
        out += skill_files(os.path.join(folder, name))
    return out


def home_files(home: str) -> list[str]:
    """The skills OpenCode reads from the home folder (``~/.claude/skills``, ``~/.agents/skills``)."""
    return [f for h in SKILL_HOMES for f in skill_files(os.path.join(home, h, "skills"))]


def skill_files(folder: str) -> list[str]:
    """``folder/**/SKILL.md``, and the strays oclint reports there (``x.md``, ``x/skill.md``)."""
    return [p for p in _markdown(folder, recursive=True) if markdown_kind(p) in ("skill", "skill-stray")]


def _markdown(folder: str, recursive: bool) -> list[str]:
    """The ``*.md`` files in ``folder`` (``**/*.md`` when recursive: dot folders included,
    symbolic links followed, each real folder once), sorted."""
    if not discovery.isdir(folder):
        return []
    out, seen, todo = [], set(), [folder]
    while todo:         # os.walk's order (top down, sorted), from the run's listings
        top = todo.pop()
        real = discovery.realpath(top)
        if real in seen:
            continue
        seen.add(real)
        table = discovery.entries(top) or {}
        names = sorted(table)
        out += [os.path.join(top, n) for n in names if n.endswith(".md") and discovery.is_file(table[n])]
        if recursive:
            todo += [os.path.join(top, n) for n in reversed(names) if discovery.is_dir(table[n])]
    return out


# -- files OpenCode never reads (the discovery rules, OC8xx) ---------------------------

CONFIG_FOLDER = ".opencode"


class Stray:
    """A file OpenCode never reads: which rule reports it, why, and where it belongs (a
    path to rename it to, when one target is obvious)."""

    def __init__(self, code: str, why: str, target: str | None = None):
        self.code, self.why, self.target = code, why, target


def _close(word: str, to: str) -> bool:
    from linter.suggest import distance
    return word != to and (word.lower() == to or distance(word.lower(), to, 2) <= (1 if len(to) <= 5 else 2))


def _real_target(real_path: str, decoded_path: str, decoded_target: str) -> str:
    """``decoded_target`` spelled in the source tree's names: the part it shares with the
    file keeps the file's real (chezmoi) spelling; below it, each folder or file that
    exists keeps its source name (`private_dot_config`), a new one is spelled the chezmoi
    way (`.config` -> `dot_config`: chezmoi never installs a source name that starts with
    a dot)."""
    if real_path == decoded_path:
        return decoded_target
    from rules.contexts import chezmoi_name
    real, dec, tgt = real_path.split(os.sep), decoded_path.split(os.sep), decoded_target.split(os.sep)
    out: list[str] = []
    for i, part in enumerate(tgt):
        if i < len(dec) and i < len(real) and dec[i] == part and (i == 0 or out[-1] == real[i - 1]):
            out.append(real[i])
            continue
        try:
            names = discovery.listdir(os.sep.join(out) or os.sep)
        except OSError:
            names = []
        match = next((n for n in names if n != part and chezmoi_name(n) == part), None)
        out.append(match or ("dot_" + part[1:] if part.startswith(".") else part))
    return os.sep.join(out)


def unread(path: str) -> Stray | None:
    """Why OpenCode never reads ``path``, if it does not (and it looks meant to be read)."""
    from rules import contexts
    from rules.data import load
    real = os.path.abspath(path)
    target = contexts.decoded(real)
    name = os.path.basename(target)
    folder = os.path.dirname(target)
    folder_name = os.path.basename(folder)
    data = load("layout")
    parts = target.split(os.sep)

    def belongs(decoded_target: str) -> str:
        return _real_target(real, target, decoded_target)

    # the Windows folder of a dotfiles repository: OpenCode reads ~/.config/opencode there too
    lowered = [p.lower() for p in parts]
    for i in range(len(parts) - 2):
        if lowered[i:i + 3] == ["appdata", "roaming", "opencode"]:
            home = os.sep.join(parts[:i]) or os.sep
            rest = parts[i + 3:]
            return Stray("OC804", _("OpenCode reads `~/.config/opencode` on Windows too, never "
                                    "`AppData/Roaming/opencode`"), belongs(os.path.join(home, ".config", "opencode", *rest)))
    if name in data["never-read"]:
        why = data["never-read"][name]
        if name in (".opencode.json", ".opencode.jsonc"):
            tree = real != target or any(discovery.isdir(os.path.join(os.path.dirname(real), n))
                       for n in (".config", "dot_config", "private_dot_config"))
            proper = name[1:]           # `.opencode.jsonc` -> `opencode.jsonc`
            place = os.path.join(folder, ".config", "opencode", proper) if tree else os.path.join(folder, proper)
            return Stray("OC801", why, belongs(place))
        if name == "opencode.json5":
            return Stray("OC801", why, belongs(os.path.join(folder, "opencode.jsonc")))
        return Stray("OC801", why)
    if name == "config.json" and folder_name == CONFIG_FOLDER:
        return Stray("OC801", _("only the global config folder reads `config.json`; a `.opencode` "
                                "folder reads `opencode.json` and `opencode.jsonc`"),
                     belongs(os.path.join(folder, "opencode.json")))
    if name in CONFIG_NAMES and folder_name == ".config":
        return Stray("OC801", _("the global config lives in the `opencode` folder of `~/.config`"),
                     belongs(os.path.join(folder, "opencode", name)))
    if name in CONFIG_NAMES or name == "config.json":
        grand = os.path.basename(os.path.dirname(folder))
        if grand == ".config" and folder_name not in ("opencode", CONFIG_FOLDER):
            if _close(folder_name, "opencode"):
                return Stray("OC802", _("the global config folder is `~/.config/opencode`, not "
                                        "`~/.config/{folder_name}`").format(folder_name=folder_name),
                             belongs(os.path.join(os.path.dirname(folder), "opencode", name)))
            return None
        if _close(folder_name, CONFIG_FOLDER) and folder_name != "opencode":
            return Stray("OC802", _("OpenCode reads `{folder}/`, not `{folder_name}/`").format(folder=CONFIG_FOLDER, folder_name=folder_name),
                         belongs(os.path.join(os.path.dirname(folder), CONFIG_FOLDER, name)))
        return None
    # a misspelt sub-folder of a config folder: `.opencode/agnet/x.md`
    for i in range(len(parts) - 2, 0, -1):
        owner, sub = parts[i - 1], parts[i]
        is_config = owner == CONFIG_FOLDER or (owner == "opencode" and i >= 2 and parts[i - 2] in (".config", "config")) \
            or (owner == "opencode" and contexts.dotfiles_tree(os.sep.join(parts[:i])) is not None)
        if not is_config:
            continue
        if sub in data["subfolders"]:
            return None
        close = [known for known in data["subfolders"] if _close(sub, known)]
        if close:
            best = min(close, key=lambda k: (_distance(sub, k), k[-1] != sub[-1], k))
            return Stray("OC803", _("OpenCode reads `{data}` from a config folder, never `{sub}/`").format(data=data['subfolders'][best], sub=sub), belongs(os.sep.join([*parts[:i], best, *parts[i + 1:]])))
        return None
    return None


def _distance(a: str, b: str) -> int:
    from linter.suggest import distance
    return distance(a.lower(), b)


def walk(folder: str) -> list[str]:
    """The files below ``folder`` that OpenCode reads as config, or that look meant to be
    read and are not (kind ``unread``)."""
    from linter.discovery import files_under
    from rules.contexts import decoded
    found = []
    for path in files_under(folder):
        kind = kind_of(path)
        if kind is None:
            continue
        # a named file may be judged by any `agents/` folder it is in; a walk takes only the
        # markdown of a config folder (docs/commands/*.md is documentation, not commands)
        if (kind in SURFACES.values() or kind == "skill-stray") and markdown_kind(decoded(path), strict=True) is None:
            continue
        found.append(path)
    return found
