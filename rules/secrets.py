"""What a credential looks like in an OpenCode config, and where the literal ones are.

The one definition of "secret": OC401 reports and fixes what ``find`` returns, and
``values`` gives the same secrets (plus key-shaped tokens anywhere in the text, for files
whose tree cannot be trusted) to ``linter.redact``, which masks them in every output and
in `oclint config`.

A value is a secret when it is a literal (not a placeholder, a reference or a
substitution) and it sits in a credential's place:
- the value of a credential-named key anywhere (`apiKey`, `api_key`, `Authorization`,
  `Cookie`, `GITHUB_TOKEN`, `DB_PASSWORD`, `clientSecret`...), in `headers`, `environment`,
  a Claude-style `env` block, `options` or elsewhere; a `Bearer`/`Basic` value's token;
- the password of a URL's userinfo (`https://bob:PASSWORD@host`, `postgres://u:PASSWORD@db`);
- a URL query parameter named like a credential (`?key=`, `?token=`, `?sig=`, `?api_key=`);
- the argument of a credential-named command-line flag (`--api-key VALUE`, `--token=VALUE`),
  in a `command` array or in one string;
- any value in `headers`, `environment` or `env` that starts like a known key (`sk-`, `ghp_`...),
  and a well-known key shape (`STRONG_SHAPES`) in any string.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from linter import precompiled
from linter.records import dataclass

from linter.jsonc import Member, Node
from rules import providers as p

class _Lazy:
    """A pattern compiled the first time it is used: most files never need most of these,
    and compiling them all costs a clean run milliseconds."""

    def __init__(self, *args):
        self.args = args

    def __getattr__(self, name):        # the first match/search/finditer: compile, then go direct
        compiled = precompiled.regex(*self.args)
        for method in ("match", "fullmatch", "search", "finditer"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


# the last word of a key, header, variable or flag name that holds a credential
_CREDENTIAL_WORDS = {"key", "apikey", "token", "secret", "password", "passwd", "passphrase", "auth",
                     "authorization", "credential", "credentials", "cookie", "bearer", "pat", "sig",
                     "signature", "jwt", "dsn"}
_CREDENTIAL_ENDINGS = ("apikey", "token", "secret", "password", "passwd", "authorization")
# files and names that a credential-named key may hold without being the credential
_NOT_CREDENTIAL_AFTER = {"file", "path", "dir", "url", "uri", "endpoint", "name", "id", "type", "env",
                         "var", "header", "prefix", "command", "cmd", "helper", "length", "limit", "count",
                         "ttl", "expiry", "expires", "scope", "scopes", "mode", "format"}
# a key that is not a credential: `promptCacheKey`, `publicKey`, `max_tokens`
_NOT_CREDENTIAL_BEFORE = {"cache", "sort", "idempotency", "partition", "leader", "hot", "short", "shortcut",
                          "keyboard", "public", "max", "min"}
KEY_SHAPES = precompiled.regex(
    r"^(sk-|sk_|pk-|rk-|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abpr]-|AKIA|AIza|hf_|gsk_|"
    r"pplx-|csk-|r8_|fw_|nvapi-|ya29\.)", re.I)
# words that mark a value as a stand-in, not a key (local servers take any key)
PLACEHOLDER = precompiled.regex(r"local|anything|dummy|example|changeme|change[-_]me|placeholder|your[-_ ]|xxxx|"
                         r"\*\*\*|not[-_]?needed|no[-_]?key|required|unused|redacted|empty|llama\.cpp|"
                         r"ollama|lm-?studio|vllm|<|>|\.\.\.", re.I)
PLACEHOLDER_WORDS = _Lazy(r"(?:sk-)?(?:none|null|nil|test|secret|password|token|api[-_]?key|"
                               r"sk|key|x+|\*+|0+|1234+5?6?7?8?9?0?)", re.I)
# references to a secret store, not the secret
REFERENCE = precompiled.regex(r"^(env:|op://|vault:|secret:|keychain:|pass:|bw:|file:|awssm:|gcpsm:|azkv:)", re.I)
PATH_LIKE = _Lazy(r"^(~/|\.{1,2}/|/|[A-Za-z]:[\\/]|\$\{?HOME)")
BEARER = precompiled.regex(r"^(Bearer|Basic|Token)\s+(\S+)$", re.I)
# a URL's userinfo password, and its query parameters
USERINFO = _Lazy(r"\b[A-Za-z][A-Za-z0-9+.-]*://([^\s/?#@:\"'\\]*):([^\s/?#@\"'\\]+)@")
QUERY = _Lazy(r"[?&#;]([A-Za-z0-9_.-]+)=([^&#\s\"'\\]+)")
QUERY_NAMES = {"key", "token", "secret", "password", "sig", "signature", "code", "auth", "pass", "pwd"}
# a flag and its value in one string: `--api-key VALUE`, `--token=VALUE`
INLINE_FLAG = _Lazy(r"(?:^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)(?:=|\s+)(\S+)")
FLAG = _Lazy(r"^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$", re.S)
# the objects whose members are variables or headers: any value starting like a key there is one
_ENV_OBJECTS = ("environment", "env", "headers")


@dataclass
class Secret:
    node: Node          # the string holding it
    offset: int         # where the secret starts in the string's value
    value: str
    env: str            # the variable to hold it instead
    where: str          # a readable place: `provider.mixroute.options.apiKey`
    whole: bool = True  # the secret is the string's whole value
    placed: bool = True  # found by where it is (False: only by its shape, in a place not meant for keys)


def words(name: str) -> list[str]:
    """``name`` split into lower-case words: `apiKey`, `X-Api-Key`, `API_KEY` all give api, key."""
    spaced = _CAMEL.sub(r"\1 \2", name)
    spaced = _CAPITALS.sub(r"\1 \2", spaced)
    return [w for w in _NOT_ALNUM.split(spaced.lower()) if w]


_CAMEL = precompiled.regex(r"([a-z0-9])([A-Z])")
_CAPITALS = precompiled.regex(r"([A-Z]+)([A-Z][a-z])")
_NOT_ALNUM = precompiled.regex(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=4096)      # a file repeats its keys (`name`, `options`) many times
def credential_name(name: str) -> bool:
    """Whether a key, header, variable, query parameter or flag named ``name`` holds a
    credential: its last word is one (`API_KEY`, `clientSecret`, `X-Auth-Token`, `Cookie`,
    `PGPASSWORD`), not a count or a file of one (`MAX_TOKENS`, `PASSWORD_FILE`, `tokenUrl`)."""
    ws = words(name)
    if not ws:
        return False
    last = ws[-1]
    if last in _NOT_CREDENTIAL_AFTER and len(ws) > 1 or _NOT_CREDENTIAL_BEFORE.intersection(ws[:-1]):
        return False
    return last in _CREDENTIAL_WORDS or last.endswith(_CREDENTIAL_ENDINGS)


def placeholder(value: str) -> bool:
    """Whether ``value`` stands in for a key (`EMPTY`, `dummy`, `llama.cpp`, `sk-xxxx`,
    `changeme`) or points at one (`{env:X}`, `op://...`, a file path)."""
    value = value.strip()
    return bool(p.SUBSTITUTION.search(value) or REFERENCE.match(value) or PLACEHOLDER.search(value)
                or PLACEHOLDER_WORDS.fullmatch(value) or PATH_LIKE.match(value))


def literal(value: str) -> bool:
    """Whether ``value``, found in a credential's place, is a real credential written out:
    at least 8 characters, not a placeholder, not only digits (a port, a count), not a URL
    (whose parts are looked at on their own)."""
    value = value.strip()
    return (len(value) >= 8 and not value.isdigit() and "://" not in value and not placeholder(value)
            and not _REPEATED.fullmatch(value))


_REPEATED = precompiled.regex(r"(.)\1*")


_NOT_NAME = precompiled.regex(r"[^A-Z0-9_]+")


def env_name(*parts: str) -> str:
    """An environment variable name from ``parts``: upper case, `-` and other characters to
    `_`, never starting with a digit (a shell could not `export` it)."""
    name = _NOT_NAME.sub("_", "_".join(parts).upper()).strip("_")
    return "_" + name if name[:1].isdigit() else name


def header_env(owner: str, header: str) -> str:
    """The variable for a header's (or option's, flag's) secret: `Authorization` gives
    `<OWNER>_TOKEN`, `X-Api-Key` and `apiKey` give `<OWNER>_API_KEY`, and a name already
    starting with its owner's (`CONTEXT7_API_KEY` under `context7`) is kept."""
    name = env_name("_".join(words(header))) or "SECRET"
    if name.startswith("X_"):
        name = name[2:]
    if name in ("AUTHORIZATION", "PROXY_AUTHORIZATION", "AUTH"):
        name = "TOKEN"
    if name == "APIKEY":
        name = "API_KEY"
    own = env_name(owner)
    mine = own.lstrip("_")
    return name if name == mine or name.startswith(mine + "_") else f"{own}_{name}"


STRONG_SHAPES = precompiled.regex(  # the lookahead lets the engine skip most positions at once
    r"(?=[sgxAhcn])(?<![A-Za-z])(?:sk-[A-Za-z0-9_-]{16,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|"
    r"github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|"
    r"AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|gsk_[A-Za-z0-9]{30,}|"
    r"ctx7sk-[A-Za-z0-9-]{16,}|nvapi-[A-Za-z0-9_-]{30,})")


def _owner(path: tuple) -> str:
    """Whose secret a path holds: `provider.<id>` (a model's: `<id>_<model>`), `mcp.<name>`,
    `formatter.<name>`...; else the top-level key."""
    keys = [s for s in path if isinstance(s, str)]
    if len(keys) >= 4 and keys[0] == "provider" and keys[2] == "models":
        return f"{keys[1]}_{keys[3]}"
    if len(keys) >= 3:
        return keys[1]
    return keys[0] if keys else "CONFIG"


def _where(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


class _Place:
    """Where a string is, worked out only once a secret is found there."""

    def __init__(self, node: Node):
        self.node = node

    @cached_property
    def path(self) -> tuple:
        return self.node.path()

    @cached_property
    def where(self) -> str:
        return _where(self.path)

    def env(self, name: str) -> str:
        return header_env(_owner(self.path), name)


def _in_string(node: Node) -> list[Secret]:
    """The secrets in one string: by its key's name, then inside URLs and flags, then by shape."""
    value = node.value
    member = node.parent if isinstance(node.parent, Member) else None
    key = container = None
    if member is not None:
        key = member.key
        holder = member.parent.parent
        container = holder.key if isinstance(holder, Member) else None
    in_env = container in _ENV_OBJECTS
    here = _Place(node)
    found: list[Secret] = []
    if key is not None and (credential_name(key) or in_env and KEY_SHAPES.match(value)
                            or container == "headers" and BEARER.match(value)):
        bearer = BEARER.match(value)
        if bearer:
            token = bearer.group(2)
            if literal(token):
                kind = "BASIC_AUTH" if bearer.group(1).lower() == "basic" else "TOKEN"
                found.append(Secret(node, value.index(token, len(bearer.group(1))), token, here.env(kind),
                                    here.where, False))
        elif literal(value):
            name = env_name(key) if container in ("environment", "env") else here.env(key)
            found.append(Secret(node, len(value) - len(value.lstrip()), value.strip(), name, here.where,
                                value.strip() == value))
    if "://" in value:
        for m in USERINFO.finditer(value) if "@" in value else ():
            password = m.group(2)
            if literal(password) and password != m.group(1):
                found.append(Secret(node, m.start(2), password, here.env("PASSWORD"), here.where, False))
        for m in QUERY.finditer(value) if "=" in value else ():
            name = m.group(1)
            if (name.lower() in QUERY_NAMES or credential_name(name)) and literal(m.group(2)):
                found.append(Secret(node, m.start(2), m.group(2), here.env(name), here.where, False))
    if not found and "-" in value:
        flag = FLAG.match(value) if value[0] == "-" else None
        if flag and flag.group(2) is not None:
            if credential_name(flag.group(1)) and literal(flag.group(2)):
                found.append(Secret(node, value.index("=") + 1, flag.group(2), here.env(flag.group(1)),
                                    here.where, False))
        elif " -" in value or "\t-" in value or value[0] == "-":
            for m in INLINE_FLAG.finditer(value):
                if credential_name(m.group(1).lstrip("-")) and literal(m.group(2)):
                    found.append(Secret(node, m.start(2), m.group(2), here.env(m.group(1)), here.where, False))
    if not found and STRONG_SHAPES.search(value):
        for m in STRONG_SHAPES.finditer(value):
            if not placeholder(m.group(0)):
                found.append(Secret(node, m.start(), m.group(0), here.env("API_KEY"), here.where,
                                    m.group(0) == value, placed=False))
    return found


def _after_flag(node: Node, before: Node) -> list[Secret]:
    """The argument that follows a credential-named flag in an array (`"--api-key", "sk-..."`)."""
    flag = FLAG.match(before.value)
    if flag and flag.group(2) is None and credential_name(flag.group(1)) and literal(node.value):
        here = _Place(node)
        return [Secret(node, 0, node.value, here.env(flag.group(1)), here.where)]
    return []


def find(doc) -> list[Secret]:
    """Every literal secret in the document (a ``linter.source.Document``), in document
    order (worked out once: OC401 and the masking both ask)."""
    return doc.once("secrets", lambda: _find(doc))


def _find(doc) -> list[Secret]:
    out: list[Secret] = []
    for node in doc.nodes:
        if node.kind == "string":
            if isinstance(node.value, str):
                out.extend(_in_string(node))
        elif node.kind == "array":      # a flag's argument: the element after it
            kids = node.children
            for before, arg in zip(kids, kids[1:]):
                if before.kind == "string" and arg.kind == "string" and before.value[:1] == "-" \
                        and isinstance(arg.value, str) and not _in_string(arg):
                    out.extend(_after_flag(arg, before))
    out.sort(key=lambda secret: (secret.node.start, secret.offset))
    return _distinct(out)


def _distinct(found: list[Secret]) -> list[Secret]:
    """One variable per secret: the same value keeps one name, another value that would get
    the same name gets a numbered one (`X_API_KEY_2`)."""
    names: dict[str, str] = {}        # variable -> value
    for secret in found:
        name, n = secret.env, 1
        while names.get(name, secret.value) != secret.value:
            n += 1
            name = f"{secret.env}_{n}"
        names[name] = secret.value
        secret.env = name
    return found


# in the raw text, for a file whose tree cannot be trusted (a syntax error, bad bytes)
_TEXT_USERINFO = _Lazy(r"://([^\s/?#@:\"'\\]{0,200}):([^\s/?#@\"'\\]{8,200})@")


def values(doc) -> list[str]:
    """The literal secret values of a document, for masking every output: those OC401
    reports (as decoded and as spelled in the file), and key-shaped tokens and URL
    passwords anywhere in the text."""
    return doc.once("secret values", lambda: _values(doc))


def _values(doc) -> list[str]:
    found: list[str] = []
    for secret in find(doc):
        found.append(secret.value)
        node = secret.node
        raw = doc.text[node.start + 1:node.end - 1]
        if raw != node.value and doc.text[node.start:node.start + 1] in ('"', "'"):
            # a quoted string with escapes: its spelling in the file differs
            found.append(raw if secret.whole else secret.value)
            span = raw_span(doc.text, node, secret)
            if span is not None:
                found.append(doc.text[span[0]:span[1]])
    found.extend(m.group(0) for m in STRONG_SHAPES.finditer(doc.text) if not placeholder(m.group(0)))
    if "://" in doc.text and "@" in doc.text:
        found.extend(m.group(2) for m in _TEXT_USERINFO.finditer(doc.text) if literal(m.group(2)))
    # as a message may show it: the id a key-shaped provider id would be renamed to (MR101)
    found.extend([variant for value in found for variant in (value.lower(), p.normalise_id(value))
                  if len(variant) >= 8 and variant != value])
    return list(dict.fromkeys(found))


def raw_span(text: str, node: Node, secret: Secret) -> tuple[int, int] | None:
    """The span of ``secret`` in the document text, escapes included; None when the
    string's spelling cannot be followed (its escapes do not decode to its value)."""
    from linter.jsonc import value_offsets
    offsets = value_offsets(text, node.start + 1, node.end - 1)
    if offsets is None or len(offsets) != len(node.value) + 1:
        return None
    return offsets[secret.offset], offsets[secret.offset + len(secret.value)]
