from rules.i18n import N_, _
from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import Suggester
from rules import locations, schema, versions
from rules.data import load


def _index(name: str) -> dict:
    return {(entry["where"], entry["key"]): entry for entry in load(name)}


@rule("OC201", "unknown-key", "error", fix="unsafe")
def check(ctx):
    """A key OpenCode's schema does not know, reported at the key itself.

    ## What it does
    Validates the config against oclint's schema of OpenCode's config and reports every
    key that is not allowed where it is written, with the closest known key at that place
    ("did you mean `model`?"). Keys that come from other tools get their own explanation:
    `providers`, a provider-level `baseUrl` or
    `apiKey` (they belong in `options`), and OpenCode V2 names (`agents`, `permissions`, ...).
    Open places (`provider.*.options`, model `options`, agents) accept any key. MCP servers
    in Claude/Cursor's shape, and a top-level `mcpServers`, are OC701's.

    ## Why is this bad?
    What an unknown key costs depends on the release (rules/data/versions.yaml, checked
    by running the released binaries): up to 1.18.15 OpenCode refuses to start on an
    unknown top-level key (`Unrecognized key: modle`); from 1.18.16 it drops it without a
    word, so `"modle": "mixroute/gpt-5.2"` silently does nothing. Inside a provider entry
    1.2.15 to 1.3.2 refused, 1.14.34 onwards drops. OpenCode 2 keys in a 1.x file: up to
    1.18.23 they are unknown keys like any other; from 1.18.24 OpenCode converts `agents`,
    `commands`, `snapshots` and `media` (a warning), drops `providers`, `plugins`,
    `update`, `websearch` and `warming`, and refuses `permissions` ("V2 permissions are not
    supported by OpenCode V1"). Inside a model entry every release run (1.2.15 to 1.18.33)
    drops an unknown key (a model's `reasoning_options` loads). OpenCode 2's MCP block
    (`mcp.servers`, `mcp.timeout`) up to 1.18.23 is read as servers named `servers` and
    `timeout` and refused; from 1.18.24 each server is converted to `mcp.<name>` and the
    timeouts are dropped (checked with `debug config`): one finding per key instead of
    OC204's. Each message names the release it is about: the one in use
    when oclint ran it, else the nearest one it ran. Under OpenCode 2 (`opencode-version:
    2.x`, or a file in V2 spellings) the keys are those of OpenCode 2's schema, read from
    its source (`rules/schema/opencode2.schema.json` names the commits): whether OpenCode 2
    refuses or drops an unknown key is not known, and OpenCode 1 spellings get a hint
    naming the V2 key.

    ## Example
    ```jsonc
    { "modle": "mixroute/gpt-5.2" }
    ```
    reports `unknown key `modle` in the config; did you mean `model`?`.

    ## Fix safety
    Unsafe: renames the key when exactly one known key is close (or moves a provider-level
    `baseUrl`/`apiKey` into `options`). That changes what OpenCode does, which is the
    point, but check it is what you meant.
    """
    version = versions.for_doc(ctx)
    closest = Suggester()
    if version.v2:
        yield from _under_v2(ctx, version, closest)
        return
    foreign = _index("foreign-keys")
    moved = {(e["where"], e["key"]) for e in load("deprecated")}
    for finding in schema.findings(ctx):
        if finding.kind != "unknown-key":
            continue
        where = locations.kind(finding.path[:-1])
        if (where, finding.key) in moved:
            continue
        member = finding.target
        entry = foreign.get((where, finding.key))
        if entry is not None:
            yield _foreign(ctx, member, entry, version)
            continue
        yield _typo(ctx, finding, member, closest, version)
    for member in versions.v2_mcp_block(ctx.root):
        yield _v2_mcp(ctx, member, version)
    # agents are open (unknown agent keys become options), so V2 spellings there are not
    # schema errors; they still do nothing (and 1.18.24 onwards refuses `permissions`)
    agent_pairs = {v2: v1 for v1, v2 in versions.spellings("agent")["pairs"].items()}
    for path, where, node in locations.objects(ctx.root):
        if where != "agent":
            continue
        for key in versions.spellings("agent")["v2-only"]:
            member = node.get(key)
            if member is None or (path[0] == "agents" and key != "permissions"):
                continue        # what lowering does with the rest of a V2 `agents` entry is not known
            if key == "permissions":
                yield _foreign(ctx, member, foreign[("agent", "permissions")], version)
            else:
                yield _v2_agent_key(ctx, member, agent_pairs.get(key), version)


def _place(path) -> str:
    """The `unknown-keys` entry of versions.yaml for an object (its path, or its kind)."""
    kind = path if isinstance(path, str) else ("top" if path == () else locations.kind(path))
    return kind if kind in ("top", "model") else "nested"


def _behaviour(version, where: str) -> str:
    """What the release in use does with an unknown key here, as far as oclint checked."""
    behaviour, named = versions.unknown_keys(version, where)
    if behaviour == "refuses" and named:
        return _("OpenCode {named} refuses to start on it (`Unrecognized key`)").format(named=named)
    if behaviour == "drops" and named:
        return _("OpenCode {named} drops it without a word").format(named=named)
    return _("oclint has not checked what OpenCode {version} does with it").format(version=version)


def _v2_mcp(ctx, member, version):
    """`servers` (or its `timeout`) of OpenCode 2's MCP block, in a file judged as 1.x."""
    message = (_("`mcp.{key}` is an OpenCode 2 key (OpenCode 2's MCP block); OpenCode 1 lists each "
                 "server directly under `mcp`").format(key=member.key))
    behaviour, named = versions.v2_mcp(version)
    if behaviour == "lowering" and named:
        if member.key == "servers":
            return ctx.at(member, message + _(": OpenCode {named} converts it (`disabled` to "
                                              "`enabled`, a server's `timeout` dropped), releases "
                                              "before 1.18.24 refuse to start on it").format(named=named),
                          severity=Severity.WARNING)
        return ctx.at(member, message + _(": OpenCode {named} drops `mcp.timeout` (OpenCode 1 sets "
                                          "it in `experimental.mcp_timeout`)").format(named=named), severity=Severity.WARNING)
    if behaviour == "refuses" and named:
        return ctx.at(member, message + _(": OpenCode {named} reads `{key}` as a server and refuses "
                                          'to start ("Configuration is invalid")').format(named=named, key=member.key))
    return ctx.at(member, message + _(": oclint has not checked what OpenCode {version} does with it").format(version=version))


def _v2_agent_key(ctx, member, v1, version):
    message = _("`{key}` is an OpenCode 2 agent key").format(key=member.key)
    message += _("; OpenCode 1 spells it `{v1}`").format(v1=v1) if v1 else _("; OpenCode 1 has no such agent setting")
    message += _(": OpenCode 1 makes an agent's unknown keys its options, so under {version} it "
                 "does nothing").format(version=version)
    fix = None
    if v1 and member.parent.get(v1) is None:
        fix = edits.rename_fix(member, v1, Applicability.UNSAFE)
    return ctx.at(member, message, fix=fix)


def _under_v2(ctx, version, closest):
    """Unknown keys against OpenCode 2's schema: OpenCode 1 spellings get the V2 name."""
    pairs = {}
    for where in ("top", "agent", "provider"):
        pairs[where] = versions.spellings(where)["pairs"]
    v1_only = {where: set(versions.spellings(where)["v1-only"]) for where in pairs}
    for finding in schema.findings(ctx):
        if finding.kind != "unknown-key":
            continue
        where = _v2_place(finding.path[:-1])
        member = finding.target
        if where is not None and finding.key in v1_only[where]:
            v2 = pairs[where].get(finding.key)
            message = _("`{key}` is an OpenCode 1 key").format(key=finding.key)
            message += _("; OpenCode 2 spells it `{v2}`").format(v2=v2) if v2 else _("; OpenCode 2 has no such setting")
            fix = None
            if v2 and member.parent.get(v2) is None:
                fix = edits.rename_fix(member, v2, Applicability.UNSAFE)
            yield ctx.at(member, message, fix=fix, help=_(_V2_HELP))
            continue
        yield _typo(ctx, finding, member, closest, version)


_V2_HELP = (N_("Judged as OpenCode 2 (`oclint --show-settings` says why), against its schema read "
               "from OpenCode 2's source; whether OpenCode 2 refuses or drops an unknown key was not "
               "checked."))


def _v2_place(path: tuple) -> str | None:
    if path == ():
        return "top"
    if len(path) == 2 and path[0] == "agents":
        return "agent"
    if len(path) == 2 and path[0] == "providers":
        return "provider"
    return None


def _typo(ctx, finding, member, closest, version):
    obj = member.parent
    candidates = [c for c in finding.candidates if c != member.key]
    close = closest(member.key, candidates)
    if len(close) > 1 and _distance_tie(member.key, close):
        close = close[:2]
    else:
        close = close[:1]
    message = finding.message
    fix = None
    if close:
        message += _("; did you mean {names}?").format(names=_(" or ").join(f"`{c}`" for c in close))
        if len(close) == 1:
            if obj.get(close[0]) is None:
                fix = edits.rename_fix(member, close[0], Applicability.UNSAFE)
            else:
                line, _column = ctx.doc.position(obj.get(close[0]).key_start)
                message += _(" (`{close}` is already set on line {line})").format(close=close[0], line=line)
    if version.v2:
        help_ = _(_V2_HELP)
    else:
        help_ = _behaviour(version, _place(finding.path[:-1]))
        help_ = _("{sentence}.").format(sentence=help_[0].upper() + help_[1:])
    if not close and locations.kind(finding.path[:-1]) in ("provider", "model"):
        help_ += (_(" Settings for the provider's SDK go in `settings`, which takes any key.") if version.v2
                  else _(" Settings for the provider's SDK go in `options`, which takes any key."))
    return ctx.at(member, message, fix=fix, help=help_)


def _foreign(ctx, member, entry, version):
    obj, doc = member.parent, ctx.doc
    if entry.get("v2"):
        message, severity = _v2_message(member.key, entry, version, obj)
    else:
        message, severity = _(entry["message"]), Severity(entry["severity"])
        if entry["where"] == "top":
            message += "; " + _behaviour(version, "top")
        elif versions.unknown_keys(version, _place(entry["where"]))[0] == "refuses":
            message += "; " + _behaviour(version, _place(entry["where"]))
    fix = None
    if entry.get("rename") and obj.get(entry["rename"]) is None:
        fix = edits.rename_fix(member, entry["rename"], Applicability.UNSAFE)
    elif entry.get("move") and member.value is not None:
        path = tuple(entry["move"].split("."))
        if obj.find(path) is None:
            fix = Fix(_move(doc, obj, member, path), Applicability.UNSAFE, _("move into `{entry}`").format(entry=entry['move']),
                      isolation=("move-into", obj.start))
    return ctx.at(member, message, fix=fix, severity=severity)


def _v2_message(key, entry, version, obj) -> tuple[str, Severity]:
    """The message and severity for an OpenCode 2 key in a file judged as 1.x."""
    v1 = entry.get("rename")
    message = (_("`{key}` in an agent is an OpenCode 2 key") if entry["where"] == "agent"
               else _("`{key}` is an OpenCode 2 key")).format(key=key)
    message += _("; OpenCode 1 spells it `{v1}`").format(v1=v1) if v1 else _("; OpenCode 1 has no such setting")
    behaviour, named = versions.v2_keys(version)
    if behaviour == "lowering" and named and entry["lowering"] != "none":
        action = entry["lowering"]
        if action == "convert":
            return message + _(": OpenCode {named} converts it to `{v1}`, releases before 1.18.24 "
                               "do not").format(named=named, v1=v1), \
                Severity.WARNING
        if action == "refuse":
            return message + (_(': OpenCode {named} refuses to start ("V2 permissions are not '
                                'supported by OpenCode V1")').format(named=named)), Severity.ERROR
        return message + _(": OpenCode {named} drops it (it logs only a compatibility diagnostic)").format(named=named), Severity.ERROR
    if entry["where"] == "agent":
        return message + _(": OpenCode 1 makes an agent's unknown keys its options, where it does "
                           "nothing"), \
            Severity.ERROR
    return message + ": " + _behaviour(version, "top"), Severity.ERROR


def _move(doc, obj, member, path):
    """Move ``member``'s value to ``path`` inside ``obj`` (same object)."""
    value = member.value.to_python()
    head = obj.get(path[0])
    if head is None or head.value is None or head.value.kind != "object":
        nested = value
        for step in reversed(path[1:]):
            nested = {step: nested}
        indent = edits.indent_before(doc.text, member.start) or ""
        text = f"\"{path[0]}\": {edits.dump(nested, doc, indent, inline=edits.is_inline(doc, obj))}"
        return (edits.Edit(member.start, member.end, text),)
    return edits.remove_member(doc, member) + edits.set_path(doc, head.value, path[1:], value)


def _distance_tie(word, close) -> bool:
    """Whether the two best candidates are equally close (then neither is offered as a fix)."""
    from linter.suggest import distance
    return distance(word.lower(), close[0].lower()) == distance(word.lower(), close[1].lower()) and \
        abs(len(close[0]) - len(word)) == abs(len(close[1]) - len(word))
