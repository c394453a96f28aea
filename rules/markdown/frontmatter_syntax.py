from rules.i18n import N_, _
import json

from linter.diagnostics import Applicability, Edit, Fix, Severity
from linter.markdown import NOT_A_MAPPING
from linter.registry import rule
from rules.markdown import frontmatter as fm

_CONSEQUENCE = {
    "ignored": N_("OpenCode ignores the frontmatter and the whole file, `---` block included, "
                  "becomes the {body}"),
    "sanitized": N_("OpenCode rewrites the line into a `|-` block and reads it as text"),
    "dropped": N_("OpenCode drops the file without a word"),
}


@rule("OC501", "frontmatter-syntax", "error", fix="safe", syntax=True, kinds=fm.ALL_KINDS)
def check(ctx):
    """Frontmatter that is not valid YAML, and what OpenCode then does with the file.

    ## What it does
    Reads the `---` block of an agent, mode, command or skill file as gray-matter (js-yaml)
    does and reports the first YAML error at its line and column (an indented key, an
    unterminated quote, `key: a: b`, a key given twice, a block that is not a mapping),
    with OpenCode 1.18.33's reaction, which depends on its fallback: it retries on a copy
    whose top-level `key: a: b` lines are rewritten into `|-` blocks.

    ## Why is this bad?
    OpenCode never reports broken frontmatter. Verified with 1.18.33 (`opencode debug
    config`, isolated HOME): for an indented key, `skill:true` or an unterminated quote,
    the agent still loads with no frontmatter applied, the whole file (`---` block
    included) as its prompt and mode `all`; for a skill, the skill is not listed. A value
    such as `description: Use for: reviews` is silently turned into text by the retry, and
    when the retry fails too the file is dropped (verified: `description: a: b` followed by
    `bad: [` leaves neither the agent nor the command in `debug config`).

    OpenCode 2, from its source only (not run): it calls gray-matter with options, which
    turns its cache off (anomalyco/opencode `packages/core/src/config/markdown.ts`@0598880),
    so frontmatter that the retry cannot mend drops the file instead of making it the body.

    ## Example
    ```markdown
    ---
    description: Reviews code
      mode: subagent
    ---
    ```
    reports the indented key; OpenCode would load the agent with the whole file as prompt.

    ## Fix safety
    Safe, for a top-level `key: a: b` line only: the value is quoted (`key: "a: b"`), the
    same text OpenCode's retry reads. Other errors need a person.
    """
    doc = ctx.doc
    p = doc.parse
    if not p.errors or getattr(p, "frontmatter", None) is None:
        return
    error = p.errors[0]
    view = fm.view(doc)
    body = "template" if doc.kind == "command" else "prompt"
    state = view.state
    if doc.kind == "skill":
        consequence = _("OpenCode drops the skill (`failed to load skill`)") if state != "sanitized" else \
            _CONSEQUENCE["sanitized"]
    elif state == "ignored" and fm.facts(ctx).get("unparsed_frontmatter") == "drops":
        # OpenCode 2 parses with gray-matter's cache off (`matter(content, {})`): no cached
        # unparsed file to fall back on, so the failed retry drops the file (from its source)
        consequence = _("OpenCode 2 drops the file without a word")
    else:
        consequence = _(_CONSEQUENCE[state]).format(body=body)
    what = _("the frontmatter is not a mapping of keys") if error.name == NOT_A_MAPPING else \
        _("the frontmatter is not valid YAML ({name})").format(name=error.name)
    severity = Severity.WARNING if state == "sanitized" else None
    yield ctx.at((error.start, max(error.end, error.start)), f"{what}: {consequence}",
                 fix=_quote_fix(doc) if state == "sanitized" else None, severity=severity)


def _quote_fix(doc):
    """Quote each top-level `key: a: b` value the way OpenCode's retry reads it."""
    start, end = doc.parse.frontmatter
    text = doc.text
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop].rstrip("\r")
        m = fm._SANITIZE_KEY.match(line)
        if m and line[:1] not in " \t#":
            value = m.group(2).strip()
            if value and value not in (">", "|") and not value.startswith(('"', "'")) and ":" in value:
                at = pos + line.index(m.group(2))
                out.append(Edit(at, pos + len(line), json.dumps(value, ensure_ascii=False)))
        pos = stop + 1
    return Fix(tuple(out), Applicability.SAFE, _("quote the value")) if out else None
