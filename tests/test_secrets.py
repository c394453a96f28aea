"""Secrets: one definition (rules/secrets.py) for OC401, the masking of every output and
`oclint config`; and output that never carries a control character from the input."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import CORPUS
from linter.cli import main
from linter.redact import has_control, mask, printable, redact
from lintkit import fix_text, lint_text
from rules import secrets
from strategies import KEYS, SCALARS

FORMATS = ("full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab")
EXAMPLES = int(os.environ.get("OCLINT_SECRET_EXAMPLES", "12"))


def run(*args, env=None):
    result = CliRunner().invoke(main, [*args], env={"NO_COLOR": "1", **(env or {})})
    assert result.exit_code in (0, 1), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout + result.stderr


def every_output(folder, path, home) -> dict[str, str]:
    """What every output format, `oclint config` (both formats) and `--diff` print for ``path``."""
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    shown = {fmt: run("--isolated", str(path), "--output-format", fmt, "--color", "never", env=env)
             for fmt in FORMATS}
    shown["statistics"] = run("--isolated", str(path), "--statistics", env=env)
    shown["diff"] = run("--isolated", str(path), "--diff", "--unsafe-fixes", env=env)
    old = os.getcwd()
    try:
        os.chdir(folder)
        shown["config"] = run("config", str(folder), env=env)
        shown["config-json"] = run("config", str(folder), "--output-format", "json", env=env)
    finally:
        os.chdir(old)
    return shown


def leaks(secret: str, shown: dict[str, str]) -> list[tuple[str, str]]:
    """(where, run) for each output holding ``secret`` whole or a run of 8 of its characters."""
    runs = {secret[i:i + 8] for i in range(max(len(secret) - 7, 1))}
    return [(where, r) for where, text in shown.items() for r in runs if r in text]


@pytest.fixture
def project(tmp_path, isolated_env):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()
    return folder, isolated_env


# Each was printed whole by `oclint config` or the `full` source lines, and not reported by
# OC401, before rules/secrets.py knew every place: (config, the secret, where OC401 says it is).
MISSED = [
    ('{"provider": {"p": {"options": {"baseURL": "https://bob:S3cretPassw0rd99@host/v1"}, "models": {"m": {}}}}}',
     "S3cretPassw0rd99", "provider.p.options.baseURL"),
    ('{"mcp": {"r": {"type": "remote", "url": "https://mcp.example.com/sse?token=Qm9vYmFyQmF6MTIzNDU2"}}}',
     "Qm9vYmFyQmF6MTIzNDU2", "mcp.r.url"),
    ('{"mcp": {"r": {"type": "remote", "url": "https://maps.example.com/mcp?v=2&key=AbCdEfGh12345678ZyXw"}}}',
     "AbCdEfGh12345678ZyXw", "mcp.r.url"),
    ('{"mcp": {"c": {"type": "local", "command": ["npx", "-y", "c-mcp", "--api-key", "Zx9Q2mL7pR4tV8wB1nC6"]}}}',
     "Zx9Q2mL7pR4tV8wB1nC6", "mcp.c.command[4]"),
    ('{"mcp": {"c": {"type": "local", "command": ["c-mcp", "--token=Hq7Wm2Xp9Lr4Ts6Vb1Nc"]}}}',
     "Hq7Wm2Xp9Lr4Ts6Vb1Nc", "mcp.c.command[1]"),
    ('{"mcp": {"c": {"type": "local", "command": ["c-mcp"], "env": {"BRAVE_API_KEY": "BSAx7Kp2Lm9Qr4Wt6Yv8"}}}}',
     "BSAx7Kp2Lm9Qr4Wt6Yv8", "mcp.c.env.BRAVE_API_KEY"),
    ('{"mcp": {"db": {"type": "local", "command": ["pg-mcp"], "environment": '
     '{"DATABASE_URL": "postgresql://app:Pg5ecretW0rd77@db.internal:5432/app"}}}}',
     "Pg5ecretW0rd77", "mcp.db.environment.DATABASE_URL"),
    ('{"mcp": {"r": {"type": "remote", "url": "https://x.example.com/mcp", "headers": '
     '{"Cookie": "session=8f7e6d5c4b3a2918aabbccdd"}}}}',
     "session=8f7e6d5c4b3a2918aabbccdd", "mcp.r.headers.Cookie"),
    ('{"provider": {"p": {"options": {"apiKey": "correct-horse-battery-staple"}, "models": {"m": {}}}}}',
     "correct-horse-battery-staple", "provider.p.options.apiKey"),
    ('{"provider": {"p": {"apiKey": "k9Lm2Pq8Rs5Tu1Vw4Xy7", "models": {"m": {}}}}}',
     "k9Lm2Pq8Rs5Tu1Vw4Xy7", "provider.p.apiKey"),
    ('{"provider": {"p": {"options": {"api_key": "k9Lm2Pq8Rs5Tu1Vw4Xy7"}, "models": {"m": {}}}}}',
     "k9Lm2Pq8Rs5Tu1Vw4Xy7", "provider.p.options.api_key"),
]


@pytest.mark.parametrize("text,secret,where", MISSED)
def test_every_credential_place_is_reported_and_masked(project, text, secret, where):
    folder, home = project
    found = [d for d in lint_text(text, ["OC401"])]
    assert [d.message.rsplit("`", 2)[1] for d in found] == [where]
    assert found[0].fix is not None
    start = text.index(secret)
    assert (found[0].start, found[0].end) == (start, start + len(secret))
    (folder / "opencode.json").write_text(text)
    shown = every_output(folder, folder / "opencode.json", home)
    assert leaks(secret, shown) == []
    assert mask(secret) in shown["config"]          # masked, not dropped


def test_the_fix_moves_each_to_the_environment():
    fixed = [fix_text(text, ["OC401"], unsafe=True)[0] for text, _, _ in MISSED]
    assert [re.findall(r"\{env:([A-Z0-9_]+)\}", f) for f in fixed] == [
        ["P_PASSWORD"], ["R_TOKEN"], ["R_KEY"], ["C_API_KEY"], ["C_TOKEN"], ["BRAVE_API_KEY"], ["DB_PASSWORD"],
        ["R_COOKIE"], ["P_API_KEY"], ["P_API_KEY"], ["P_API_KEY"]]
    assert 'postgresql://app:{env:DB_PASSWORD}@db.internal:5432/app' in fixed[6]
    assert '"--token={env:C_TOKEN}"' in fixed[4]
    for text in fixed:
        assert lint_text(text, ["OC401"]) == []


def test_an_escaped_literal_gets_the_fix_unless_opencode_would_insert_it_broken():
    text = '{"provider": {"b": {"options": {"apiKey": "sk-proj\\/QQQQmmmmTTTTuuuu7777"}, "models": {"m": {}}}}}'
    [d] = lint_text(text, ["OC401"])
    assert d.fix is not None and text[d.start:d.end] == "sk-proj\\/QQQQmmmmTTTTuuuu7777"
    assert '"apiKey": "{env:B_API_KEY}"' in fix_text(text, ["OC401"], unsafe=True)[0]
    # part of an escaped string: the span still covers exactly the secret as written
    text = '{"mcp": {"r": {"type": "remote", "url": "https:\\/\\/x.io\\/s?token=Qm9v\\u0059mFyQmF6MTIz"}}}'
    [d] = lint_text(text, ["OC401"])
    assert text[d.start:d.end] == "Qm9v\\u0059mFyQmF6MTIz"
    assert "?token={env:R_TOKEN}" in fix_text(text, ["OC401"], unsafe=True)[0]
    # a quote or a backslash in the value: `{env:...}` would put it into the text raw
    text = '{"provider": {"b": {"options": {"apiKey": "p4ss\\"w0rd-Secret9"}, "models": {"m": {}}}}}'
    [d] = lint_text(text, ["OC401"])
    assert d.fix is None and "unescaped" in d.help


@pytest.mark.parametrize("value", ["EMPTY", "dummy", "local", "llama.cpp", "sk-xxxx", "sk-xxxxxxxxxxxxxxxx",
                                   "changeme", "{env:P_KEY}", "op://vault/item/field", "sk-no-key-required",
                                   "ollama", "lm-studio", "12345678901234", "not-needed", "${P_KEY}",
                                   "~/.secrets/p-key", "none"])
def test_placeholders_are_neither_reported_nor_masked(project, value):
    folder, home = project
    text = json.dumps({"provider": {"p": {"options": {"apiKey": value, "headers": {"Authorization": f"Bearer {value}"}},
                                          "models": {"m": {}}}},
                       "mcp": {"m": {"type": "local", "command": ["m", "--api-key", value],
                                     "environment": {"M_TOKEN": value}}}})
    assert lint_text(text, ["OC401"]) == []
    (folder / "opencode.json").write_text(text)
    assert run("config", str(folder), "--output-format", "json", env={"HOME": str(home)}).count(value) >= 4


def test_counts_and_names_are_not_credentials():
    text = json.dumps({"mcp": {"m": {"type": "local", "command": ["m", "--max-tokens", "100000000"],
                                     "environment": {"MAX_TOKENS": "100000000", "TOKEN_FILE": "/run/secrets/token-x",
                                                     "OPENAI_KEY_NAME": "production-key-2", "KEY": "12345678"}}},
                       "provider": {"p": {"options": {"promptCacheKey": "my-session-name-1"}, "models": {"m": {}}}}})
    assert lint_text(text, ["OC401"]) == []


def test_credential_names():
    yes = ["apiKey", "api_key", "X-Api-Key", "Authorization", "Cookie", "GITHUB_TOKEN", "clientSecret",
           "PGPASSWORD", "db-password", "token", "--api-key", "auth", "GITHUB_PAT"]
    no = ["MAX_TOKENS", "TOKEN_FILE", "tokenUrl", "keybinds", "author", "monkey_patch", "PATH", "compat",
          "promptCacheKey", "publicKey", "model", "KEY_NAME"]
    assert [n for n in yes if not secrets.credential_name(n)] == []
    assert [n for n in no if secrets.credential_name(n)] == []


def test_a_key_where_no_credential_goes_is_reported_without_a_fix():
    [d] = lint_text('{"instructions": ["ghp_16C7e42F292c6912E7710c838347Ae178B4a"]}', ["OC401"])
    assert d.fix is None and "remove it" in d.help


# -- the property: a secret planted anywhere never shows -------------------------------------

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
BODY = st.text(ALPHABET, min_size=20, max_size=44).filter(
    lambda s: secrets.literal(s) and any(c.isdigit() for c in s) and any(c.isalpha() for c in s))
SHAPES = ["sk-", "sk-proj-", "ghp_", "glpat-", "hf_", "gsk_", "nvapi-"]
PLACED = [("apiKey", "{}"), ("api_key", "{}"), ("Authorization", "Bearer {}"), ("Cookie", "sid={}"),
          ("GITHUB_TOKEN", "{}"), ("DB_PASSWORD", "{}"), ("clientSecret", "{}")]
FORMS = ["https://user:{}@example.com/v1", "https://example.com/x?token={}", "--api-key={}",
         "npx server --token {}"]


def corpus_files():
    return sorted(p for p in CORPUS.glob("*.json*")) if CORPUS.exists() else []


@st.composite
def planted(draw):
    """(text, secret): a corpus file with a secret put into a random string (a value, a key,
    a new credential member or a command flag), the rest of the file as it was."""
    from linter.files import decode
    path = draw(st.sampled_from(corpus_files()))
    text = path.read_text(encoding="utf-8")
    doc = decode(str(path), text.encode("utf-8"))
    assume(doc.root is not None and not doc.parse.errors)
    body = draw(BODY)
    how = draw(st.sampled_from(["value", "key", "member", "flag"]))
    strings = [n for n in doc.nodes if n.kind == "string"]
    if how == "value" and strings:
        node = draw(st.sampled_from(strings))
        secret = draw(st.sampled_from([shaped(draw, body), body]))
        new = draw(st.sampled_from(FORMS)).format(secret) if secret == body else secret
        return Planted(path.name, text[:node.start] + json.dumps(new) + text[node.end:], secret, new)
    objects = [n for n in doc.nodes if n.kind == "object"]
    if how == "key":
        keys = [m for n in objects for m in n.members()]
        assume(keys)
        member = draw(st.sampled_from(keys))
        secret = shaped(draw, body)
        return Planted(path.name, text[:member.key_start] + json.dumps(secret) + text[member.key_end:], secret,
                       f"key {secret}")
    if how == "member":
        obj = draw(st.sampled_from(objects))
        name, spelling = draw(st.sampled_from(PLACED))
        insert = f"{json.dumps(name)}: {json.dumps(spelling.format(body))}" + ("," if obj.children else "")
        return Planted(path.name, text[:obj.start + 1] + insert + text[obj.start + 1:], body, insert)
    arrays = [n for n in doc.nodes if n.kind == "array"]
    assume(arrays)
    arr = draw(st.sampled_from(arrays))
    flag = draw(st.sampled_from(["--api-key", "--token", "--password", "--auth-token"]))
    insert = f'"{flag}", {json.dumps(body)}' + ("," if arr.children else "")
    return Planted(path.name, text[:arr.start + 1] + insert + text[arr.start + 1:], body, insert)


def shaped(draw, body: str) -> str:
    """``body`` with a known key's prefix, long enough to be that key's shape."""
    secret = draw(st.sampled_from(SHAPES)) + body
    assume(secrets.STRONG_SHAPES.fullmatch(secret))
    return secret


@dataclass
class Planted:
    file: str
    text: str = field(repr=False)
    secret: str
    planted: str


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is not beside the checkout")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=planted())
def test_a_planted_secret_never_shows(tmp_path_factory, case):
    text, secret = case.text, case.secret
    home = tmp_path_factory.mktemp("home")
    folder = tmp_path_factory.mktemp("project")
    (folder / ".git").mkdir()
    path = folder / "opencode.jsonc"
    path.write_text(text, encoding="utf-8")
    shown = every_output(folder, path, home)
    assert leaks(secret, shown) == []


# -- output: control characters never reach a reader ------------------------------------------

NASTY = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["\x1b[31m", "\x00", "a\nb.json:1:1: OC999 forged", "\r", "\x85", "\u202e", "\u2028", "\ud800", "\x7f",
     "\ufffe", "\x0b\x0c"])


@st.composite
def hostile(draw):
    """A config whose keys and values come from the fuzzers' strings and known bad ones,
    written with and without escapes, with raw control characters in a comment."""
    keys = st.one_of(KEYS, NASTY)
    value = st.recursive(SCALARS | NASTY, lambda inner: st.dictionaries(keys, inner, max_size=3), max_leaves=8)
    data = draw(st.dictionaries(keys, value, min_size=1, max_size=4))
    data["provider"] = {draw(keys): {"options": {"baseURL": draw(NASTY)}, "models": {draw(keys): {}}}}
    body = json.dumps(data, ensure_ascii=draw(st.booleans()))
    comment = "".join(c for c in draw(NASTY) if c not in "\r\n\u2028\u2029")
    return "{ // " + comment + "\n" + body[1:]


def _check_formats(path):
    for fmt in ("full", "concise", "github", "junit"):
        out = run("--isolated", str(path), "--output-format", fmt, "--color", "never")
        for line in out.split("\n"):
            assert not has_control(line), (fmt, line)
    concise = run("--isolated", str(path), "--output-format", "concise", "-q", "--color", "never")
    count = len(json.loads(run("--isolated", str(path), "--output-format", "json")))
    lines = concise.splitlines()
    assert len(lines) == count and all(line.startswith(printable(str(path)) + ":") for line in lines)
    junit = run("--isolated", str(path), "--output-format", "junit")
    assert len(ET.fromstring(junit.encode("utf-8", "surrogatepass")).findall(".//failure")) == count
    for fmt in ("sarif", "gitlab"):
        json.loads(run("--isolated", str(path), "--output-format", fmt))
    for line in run("--isolated", str(path), "--output-format", "json-lines").splitlines():
        json.loads(line)


@settings(max_examples=max(EXAMPLES * 2, 20), deadline=None, suppress_health_check=list(HealthCheck))
@given(text=hostile())
def test_every_format_stays_valid_and_shows_no_control_character(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("hostile") / "opencode.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check_formats(path)


def test_a_key_cannot_forge_a_line_and_a_file_name_cannot_either(tmp_path):
    path = tmp_path / "a\x1b[2Jb\nc.json"
    path.write_text('{"x\\nopencode.json:1:1: OC101 forged": 1, "\\u001b]0;pwned\\u0007": 2, "\\u0000": 3}\n'
                    '// \x1b[31m raw in a comment \x07\n')
    _check_formats(path)
    out = run("--isolated", str(path), "--output-format", "full", "--color", "never")
    assert "`x\\u000aopencode.json:1:1: OC101 forged`" in out and "\\u001b]0;pwned\\u0007" in out
    assert "// \\u001b[31m raw in a comment \\u0007" in out


def test_a_caret_stays_under_its_span_when_escapes_widen_the_line(tmp_path):
    path = tmp_path / "opencode.json"
    path.write_text('{/* \x1b\x1b\x07 */ "$schema": "https://opencode.ai/config.json", "bad key": 2}\n')
    out = run("--isolated", str(path), "--select", "OC201", "--output-format", "full", "--color", "never")
    source, caret = [line for line in out.splitlines() if line.startswith(("1 |", "  |"))][1:3]
    begin = caret.index("^")
    assert source[begin:begin + len('"bad key"')] == '"bad key"' and caret.count("^") == len('"bad key"')


def test_a_cut_off_end_is_masked_only_when_asked():
    secret = "sk-live-Zx9Q2mL7pR4tV8wB1nC6"
    text = f"whole {secret}, cut `{secret[:12]}`, end `{secret[-9:]}`"
    assert redact(text, [secret]) == "whole sk-…nC6, cut `sk-…nC6`, end `sk-…nC6`".replace("nC6", "1nC6")
    assert redact(text, [secret], cut=False) == f"whole sk-…1nC6, cut `{secret[:12]}`, end `{secret[-9:]}`"


def test_a_file_s_report_does_not_depend_on_the_files_named_with_it(project):
    """A cut-off match is masked only in what is shown about the file (and the files it is
    loaded with) it was found in: before, one file's secret ending in `-api-key` masked the
    end of another file's `{file:...-api-key}` in its OC307 message when both were named."""
    folder, home = project
    secret = "Zx9Q2mL7pR4tV8wB1nC6-api-key"
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    a, b = folder / "a" / "opencode.json", folder / "b" / "opencode.json"
    a.write_text('{"provider": {"p": {"options": {"apiKey": "%s"}, "models": {"m": {}}}}}\n' % secret)
    b.write_text('{"provider": {"q": {"options": {"apiKey": "{file:~/keys/minimax-api-key}"},'
                 ' "models": {"m": {}}}}}\n')
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    for fmt in FORMATS:
        together = run("--isolated", str(a), str(b), "--output-format", fmt, "--color", "never", env=env)
        alone = run("--isolated", str(b), "--output-format", fmt, "--color", "never", env=env)
        assert "minimax-api-key" in alone and "minimax-api-key" in together, (fmt, together)
        assert not leaks(secret[:-8], {fmt: together}), fmt     # its end is the other file's text too


@pytest.mark.parametrize("text,args", [
    # OC310's fix decodes the query: the key it writes is the secret's two ends around a `+`
    ('{"provider": {"p": {"options": {"baseURL": "https://gw.example.com/v1?key=AbCdEfGh12%2BIjKlMnOp3456"},'
     ' "models": {"m": {}}}}}', ("--output-format", "json", "--unsafe-fixes")),
    # a line continuation splits the key over two lines of the diff
    ('{"provider": {"p": {"options": {"apiKey": "AbCdEfGh12\\\nIjKlMnOp3456"}, "models": {"m": {}}}}}',
     ("--diff", "--unsafe-fixes")),
])
def test_a_fix_s_text_and_a_diff_mask_what_they_cut_or_decode(project, text, args):
    folder, home = project
    path = folder / "opencode.json"
    path.write_text(text + "\n")
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    shown = run("--isolated", str(path), *args, env=env)
    assert "AbC…3456" in shown
    assert not leaks("AbCdEfGh12+IjKlMnOp3456", {"out": shown})
    assert not leaks("AbCdEfGh12IjKlMnOp3456", {"out": shown})


def test_masking_sees_a_secret_spelled_escaped():
    text = redact('shown: "a\\u001bZx9Q2mL7pR4tV8wB1nC6"', ["a\x1bZx9Q2mL7pR4tV8wB1nC6"])
    assert "Q2mL7pR4" not in text
    assert printable("ok\u202eevil\x00") == "ok\\u202eevil\\u0000"


def test_the_gitlab_fingerprint_is_not_a_hash_of_the_secret(tmp_path):
    import hashlib
    path = tmp_path / "opencode.json"
    secret = "correct-horse-battery-staple"
    path.write_text('{"provider": {"p": {"options": {"apiKey": "%s"}, "models": {"m": {}}}}}' % secret)
    [item] = [i for i in json.loads(run("--isolated", str(path), "--output-format", "gitlab", "--select", "OC401"))]
    base = "\0".join((str(path), "OC401", item["description"].split(" ", 1)[1], secret))
    assert item["fingerprint"] != hashlib.sha256(f"{base}\0{1}".encode()).hexdigest()
    again = json.loads(run("--isolated", str(path), "--output-format", "gitlab", "--select", "OC401"))
    assert again[0]["fingerprint"] == item["fingerprint"]         # still stable


def test_oclint_config_shows_keys_values_and_file_names_escaped(project):
    folder, home = project
    (folder / "opencode.json").write_text('{"username": "a\\u001b[2Jb\\u0085c", "\\u202ekey": 1}')
    for fmt in ("jsonc", "json"):
        out = run("config", str(folder), "--output-format", fmt, env={"HOME": str(home)})
        assert not has_control(out.replace("\n", "")) and "\\u001b[2Jb\\u0085c" in out
        if fmt == "json":
            assert json.loads(out)["config"]["username"] == "a\x1b[2Jb\x85c"
