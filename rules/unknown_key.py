from linter import edits
from linter.diagnostics import Applicability, Fix, Severity
from linter.registry import rule
from linter.suggest import Suggester
from rules import locations, schema
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
    OpenCode 1.18.33 drops unknown keys without a word, so `"modle": "mixroute/gpt-5.2"`
    or a provider-level `"baseUrl"` silently does nothing; older releases refused to start
    on the same file, and V2 `permissions` still stops 1.18.33.

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
    foreign = _index("foreign-keys")
    moved = {(e["where"], e["key"]) for e in load("deprecated")}
    doc = ctx.doc
    closest = Suggester()
    for finding in schema.findings(ctx):
        if finding.kind != "unknown-key":
            continue
        where = locations.kind(finding.path[:-1])
        if (where, finding.key) in moved:
            continue
        member = finding.target
        entry = foreign.get((where, finding.key))
        if entry is not None:
            yield _foreign(ctx, member, entry)
            continue
        yield _typo(ctx, finding, member, closest)
    # agents are open (unknown agent keys become options), so V2 `permissions` there is
    # not a schema error; OpenCode 1.18.33 still refuses it
    for path, where, node in locations.objects(ctx.root):
        if where == "agent" and node.get("permissions") is not None:
            yield _foreign(ctx, node.get("permissions"), foreign[("agent", "permissions")])


def _typo(ctx, finding, member, closest):
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
        message += "; did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
        if len(close) == 1:
            if obj.get(close[0]) is None:
                fix = Fix((edits.rename_key(member, close[0]),), Applicability.UNSAFE,
                          f"rename to `{close[0]}`")
            else:
                line, _ = ctx.doc.position(obj.get(close[0]).key_start)
                message += f" (`{close[0]}` is already set on line {line})"
    help_ = "OpenCode 1.18.33 drops unknown keys silently; older releases refuse to start."
    if not close and locations.kind(finding.path[:-1]) in ("provider", "model"):
        help_ += " Settings for the provider's SDK go in `options`, which takes any key."
    return ctx.at(member, message, fix=fix, help=help_)


def _foreign(ctx, member, entry):
    obj, doc = member.parent, ctx.doc
    fix = None
    if entry.get("rename") and obj.get(entry["rename"]) is None:
        fix = Fix((edits.rename_key(member, entry["rename"]),), Applicability.UNSAFE,
                  f"rename to `{entry['rename']}`")
    elif entry.get("move") and member.value is not None:
        path = tuple(entry["move"].split("."))
        if obj.find(path) is None:
            fix = Fix(_move(doc, obj, member, path), Applicability.UNSAFE, f"move into `{entry['move']}`",
                      isolation=("move-into", obj.start))
    return ctx.at(member, entry["message"], fix=fix, severity=Severity(entry["severity"]))


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
