"""Where OpenCode configs hold credentials, and which values there are literal secrets.

Used by OC401 and by the engine, which masks every secret found in every output format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from linter.jsonc import Member, Node
from rules import providers as p

SECRET_NAME = re.compile(r"(key|token|secret|password|passwd|auth|credential|bearer)", re.I)
KEY_SHAPES = re.compile(
    r"^(sk-|sk_|pk-|rk-|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abpr]-|AKIA|AIza|hf_|gsk_|"
    r"pplx-|csk-|r8_|fw_|nvapi-|ya29\.)", re.I)
# words that mark a value as a stand-in, not a key (local servers take any key)
PLACEHOLDER = re.compile(r"local|anything|dummy|example|changeme|change-me|placeholder|your[-_ ]|xxxx|"
                         r"not[-_]?needed|no[-_]?key|required|<|>|\.\.\.", re.I)
# references to a secret store, not the secret
REFERENCE = re.compile(r"^(env:|op://|vault:|secret:|keychain:|pass:|bw:)", re.I)
BEARER = re.compile(r"^(Bearer|Basic|Token)\s+(\S+)$", re.I)


@dataclass
class Secret:
    node: Node          # the string holding it
    start: int          # the secret's span inside the document
    end: int
    value: str
    env: str            # the variable to hold it instead
    where: str          # a readable place: `provider.mixroute.options.apiKey`


def env_name(*parts: str) -> str:
    """An environment variable name from ``parts``: upper case, `-` and other characters to
    `_`, never starting with a digit (a shell could not `export` it)."""
    name = re.sub(r"[^A-Z0-9_]+", "_", "_".join(parts).upper()).strip("_")
    return "_" + name if name[:1].isdigit() else name


def header_env(owner: str, header: str) -> str:
    """The variable for a header's secret: `Authorization` gives `<OWNER>_TOKEN`,
    `X-Api-Key` gives `<OWNER>_API_KEY`, and a header already named after its owner
    (`CONTEXT7_API_KEY` under `context7`) keeps its name."""
    name = env_name(header)
    if name.startswith("X_"):
        name = name[2:]
    if name in ("AUTHORIZATION", "PROXY_AUTHORIZATION", "AUTH"):
        name = "TOKEN"
    own = env_name(owner)
    return name if name.startswith(own.lstrip("_")) else f"{own}_{name}"


def _literal(value: str) -> bool:
    """Whether ``value`` looks like a real credential written out."""
    value = value.strip()
    if len(value) < 8 or p.SUBSTITUTION.search(value) or REFERENCE.match(value) \
            or PLACEHOLDER.search(value):
        return False
    if re.fullmatch(r"[A-Za-z]+(?:[-_ ][A-Za-z]+)*", value) and not (KEY_SHAPES.match(value) and len(value) >= 20):
        return False        # plain words such as `admin-api-key`: a name, not a key
    return True


def _in_string(node: Node, value: str, offset_in_value: int = 0) -> tuple[int, int]:
    """The document span of ``value`` at ``offset_in_value`` of a string node's value, when
    the string has no escapes; else the whole string's inside."""
    raw_inner_start = node.start + 1
    return raw_inner_start + offset_in_value, raw_inner_start + offset_in_value + len(value)


def _header_secret(node: Node, header: str, owner: str, where: str) -> Secret | None:
    value = node.value
    bearer = BEARER.match(value)
    if bearer and _literal(bearer.group(2)):
        token = bearer.group(2)
        start, end = _in_string(node, token, value.index(token))
        return Secret(node, start, end, token, header_env(owner, "TOKEN" if bearer.group(1).lower() != "basic"
                                                          else "BASIC_AUTH"), where)
    if SECRET_NAME.search(header) and _literal(value) and not value.lower().startswith(("basic ", "bearer ")):
        start, end = _in_string(node, value)
        return Secret(node, start, end, value, header_env(owner, header), where)
    return None


def _headers(obj: Node | None, owner: str, where: str) -> Iterator[Secret]:
    if obj is None or obj.kind != "object":
        return
    for member in obj.members():
        if member.value is not None and member.value.kind == "string":
            found = _header_secret(member.value, member.key, owner, f"{where}.{member.key}")
            if found:
                yield found


def find(root: Node | None) -> list[Secret]:
    """Every literal secret in the places OpenCode reads credentials from."""
    out: list[Secret] = []
    if root is None:
        return out
    for prov in p.providers(root):
        key = p.member_value(prov.options, "apiKey")
        if key is not None and key.kind == "string" and _literal(key.value):
            start, end = _in_string(key, key.value)
            out.append(Secret(key, start, end, key.value, env_name(prov.id, "API_KEY"),
                              f"provider.{prov.id}.options.apiKey"))
        out.extend(_headers(p.member_value(prov.options, "headers"), prov.id,
                            f"provider.{prov.id}.options.headers"))
        for model in prov.models():
            out.extend(_headers(p.member_value(model.node, "headers"), f"{prov.id}_{model.key}",
                                f"provider.{prov.id}.models.{model.key}.headers"))
    mcp = p.member_value(root, "mcp")
    if mcp is not None and mcp.kind == "object":
        for server in mcp.members():
            if server.value is None or server.value.kind != "object":
                continue
            out.extend(_headers(p.member_value(server.value, "headers"), server.key,
                                f"mcp.{server.key}.headers"))
            client_secret = p.member_value(p.member_value(server.value, "oauth"), "clientSecret")
            if client_secret is not None and client_secret.kind == "string" and _literal(client_secret.value):
                start, end = _in_string(client_secret, client_secret.value)
                out.append(Secret(client_secret, start, end, client_secret.value,
                                  env_name(server.key, "CLIENT_SECRET"), f"mcp.{server.key}.oauth.clientSecret"))
            env = p.member_value(server.value, "environment")
            if env is not None and env.kind == "object":
                for var in env.members():
                    node = var.value
                    if node is not None and node.kind == "string" and _literal(node.value) and \
                            (SECRET_NAME.search(var.key) or KEY_SHAPES.match(node.value)):
                        start, end = _in_string(node, node.value)
                        out.append(Secret(node, start, end, node.value, env_name(var.key),
                                          f"mcp.{server.key}.environment.{var.key}"))
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


# For masking only: credential-named keys anywhere (a misplaced `apiKey` is dropped by
# OpenCode, but its value is still a secret), and well-known key shapes anywhere in the text
# (a file that does not parse has no reliable tree to look in).
CREDENTIAL_KEY = re.compile(r"^(api[-_]?key|access[-_]?token|auth[-_]?token|token|secret|client[-_]?secret|"
                            r"password|authorization)$", re.I)
STRONG_SHAPES = re.compile(  # the lookahead lets the engine skip most positions at once
    r"(?=[sgxAhcn])(?<![A-Za-z])(?:sk-[A-Za-z0-9_-]{16,}|sk_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|"
    r"github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|"
    r"AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|gsk_[A-Za-z0-9]{30,}|"
    r"ctx7sk-[A-Za-z0-9-]{16,}|nvapi-[A-Za-z0-9_-]{30,})")


def values(doc) -> list[str]:
    """The literal secret values of a document, for masking every output: those OC401
    reports, other credential-named values, and key-shaped tokens anywhere in the text."""
    reported = find(doc.root)
    nodes = [s.node for s in reported]
    nodes += [node for node in doc.nodes if node.kind == "string" and isinstance(node.parent, Member)
              and CREDENTIAL_KEY.match(node.parent.key) and _literal(node.value)]
    found = [s.value for s in reported]
    for node in nodes:      # the value, and its spelling in the file when escapes differ
        found += [node.value, doc.text[node.start + 1:node.end - 1]]
    found.extend(m.group(0) for m in STRONG_SHAPES.finditer(doc.text))
    return list(dict.fromkeys(found))
