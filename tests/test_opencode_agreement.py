"""Agreement with the real OpenCode 1.18.33 (an optional tier).

It fetches `opencode-linux-x64@1.18.33` with `npm pack`, checks the tarball's sha256, and
runs the binary with an isolated HOME and XDG folders:

* OC101's verdict matches OpenCode's on corpus files and on syntax mutants of them:
  OpenCode refuses a file as "not valid JSON(C)" exactly when oclint reports a syntax
  error (OC101, OC102 or OC104). By default every corpus file OpenCode refuses as syntax
  and a fixed draw of the others (`SYNTAX_SAMPLE`), and 12 mutants; `OCLINT_OPENCODE_ALL=1`
  runs every corpus file and 24 mutants;
* after `oclint --fix`, a Responses-only model's request reaches `/v1/responses` on a
  loopback HTTP server standing in for the gateway, and a chat model's reaches
  `/v1/chat/completions`; a model with the npm override alone (no `apiCompatibility`)
  reaches `/v1/responses` as it is, and MR103's default reports it as info only;
* after OC401's fix (`--fix --unsafe-fixes`), with the variables it names set, OpenCode
  resolves the same `opencode debug config` and sends the gateway the same `Authorization`,
  `Cookie` and `X-Api-Key` headers as with the secrets written in the file.
* on the agent, mode, command and skill files of ../shared/corpus-md, each placed where
  the oracle placed it: a file OpenCode refuses (`debug config` exits 1) gets an OC5xx
  error, one it loads with something silently lost (frontmatter ignored, keys moved into
  `options` or dropped, a skill not listed) an OC5xx finding, one it loads whole no error
  but a model reference's; and after `oclint --fix --unsafe-fixes` every refused file
  loads. A fixed sample of 16 files (8 for the fixes) by default; `OCLINT_OPENCODE_ALL=1`
  checks every file.

Skipped, with the reason, where node/npm, the registry or Linux x64 are missing.
`OCLINT_SKIP_OPENCODE=1` skips it on purpose.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tarfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import CORPUS, corpus_manifest
from lintkit import lint_text

SHA256 = "149a676b59224b196626abda2fdbd34c8329ac326b57c4891ba3de446f3ca3c1"
SYNTAX = {"OC101", "OC102", "OC104"}
OCLINT = str(Path(sys.executable).with_name("oclint"))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oclint-tests"


# the releases the version tier runs, by the sha256 of their tarball (`npm pack opencode-linux-x64@V`)
RELEASES = {
    "1.18.33": SHA256,
    "1.2.15": "fc56a1a5b0f7156ae137ea35612fd69f6cec710c409f16fdd8619e020bcbaf21",
    "1.3.2": "233fc6962d55e501f9acba32dec6d16f9adc379b4e500e96b8aa13b314caf586",
    "1.14.48": "b7eea97568d5f62ff73ee0fa487a4cc7730393a5b873efe8838f9fb2995327ce",
    "1.18.3": "e3a6bc3265eb691420ccd6393ad89af86c5998b739329413858350401807b9a6",
    "1.18.15": "f6526dcb05589b886c4ee2a5e68ce65edb665a07482b0a1da5c55d92ca3f1b71",
    "1.18.16": "0d33c8364a8ddcca52155e84c9e05173a79c05aa0c2a70271974e437f5c341c1",
    "1.18.23": "b987ad440e278a8d543ec99cbac11a14fb3d19ae7254fecfe825dba1f133729e",
    "1.18.24": "3862620ef10f1f6c536e36a278a36a02aab8081953a9df620180544bc316aeb2",
}


def fetch(version: str) -> str:
    """The `opencode` binary of a release, fetched once with npm and kept in the cache."""
    package = f"opencode-linux-x64@{version}"
    if os.environ.get("OCLINT_SKIP_OPENCODE"):
        pytest.skip("OCLINT_SKIP_OPENCODE is set")
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip(f"{package} runs on Linux x64 only, not {platform.system()} {platform.machine()}")
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: cannot fetch OpenCode")
    folder = cache_dir() / f"opencode-{version}"
    binary = folder / "package" / "bin" / "opencode"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run(["npm", "pack", package, "--silent"], cwd=folder, capture_output=True,
                                text=True, timeout=300)
        tarball = folder / f"opencode-linux-x64-{version}.tgz"
        if packed.returncode != 0 or not tarball.exists():
            pytest.skip(f"npm pack {package} failed (registry unreachable?): {packed.stderr.strip()[-200:]}")
        digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
        if digest != RELEASES[version]:
            tarball.unlink()
            pytest.fail(f"{package} has sha256 {digest}, expected {RELEASES[version]}")
        with tarfile.open(tarball) as archive:
            archive.extractall(folder, filter="data")
        tarball.unlink()
        binary.chmod(0o755)
    return str(binary)


@pytest.fixture(scope="module")
def opencode() -> str:
    return fetch("1.18.33")


def isolated_env(home: Path) -> dict:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "NO_COLOR": "1",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".local" / "state"),
           "OPENCODE_DISABLE_AUTOUPDATE": "1", "OPENCODE_DISABLE_MODELS_FETCH": "1",
           # no plugin installs or LSP downloads: they cost seconds per run and say nothing about config
           "OPENCODE_PURE": "1", "OPENCODE_DISABLE_DEFAULT_PLUGINS": "1", "OPENCODE_DISABLE_LSP_DOWNLOAD": "1"}
    return env


def _fresh_project(workdir: Path) -> tuple[Path, dict]:
    """A new git project and an isolated HOME under ``workdir``: (the project, its environment)."""
    workdir.mkdir(parents=True)
    (workdir / "home").mkdir()
    project = workdir / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return project, isolated_env(workdir / "home")


def _debug_config_of(binary: str, text: bytes, workdir: Path) -> subprocess.CompletedProcess:
    """`opencode debug config` in a fresh project whose only config is ``text``."""
    project, env = _fresh_project(workdir)
    (project / "opencode.json").write_bytes(text)
    return subprocess.run([binary, "debug", "config"], cwd=project, env=env, capture_output=True, timeout=180)


def opencode_refuses_syntax(binary: str, text: bytes, workdir: Path) -> bool:
    """Whether OpenCode, with this as its only project config, says it is not valid JSON(C)."""
    proc = _debug_config_of(binary, text, workdir)
    return b"is not valid JSON(C)" in proc.stdout + proc.stderr


def oclint_says_syntax(text: bytes) -> bool:
    return bool({d.code for d in lint_text(text, ["OC1"])} & SYNTAX)


def mutants(count: int = 24) -> list[bytes]:
    """Syntax mutants of corpus files: a comma, quote, brace or colon deleted or doubled."""
    rng = random.Random(1833)
    rows = [r for r in corpus_manifest() if r["opencode_loads"] == "loads"]
    out = []
    while len(out) < count and rows:
        text = (CORPUS / rng.choice(rows)["file"]).read_bytes()
        spots = [i for i, c in enumerate(text) if c in b',:{}"[]']
        if not spots:
            continue
        i = rng.choice(spots)
        out.append(text[:i] + text[i + 1:] if rng.random() < 0.5 else text[:i] + text[i:i + 1] + text[i:])
    return out


# the corpus files the syntax test runs by default, per OpenCode's recorded verdict
# (MANIFEST.tsv `opencode_loads`; None: every one); OCLINT_OPENCODE_ALL=1 runs all of them
# and 24 mutants instead of 12
SYNTAX_SAMPLE = {"syntax": None, "file-ref": 4, "loads": 24}


def syntax_corpus() -> list[dict]:
    rows = corpus_manifest()
    if os.environ.get("OCLINT_OPENCODE_ALL"):
        return rows
    rng = random.Random(1833)
    picked = [r for r in rows if r["opencode_loads"] not in SYNTAX_SAMPLE]     # a verdict not listed: all
    for verdict, count in SYNTAX_SAMPLE.items():
        group = [r for r in rows if r["opencode_loads"] == verdict]
        picked += group if count is None else rng.sample(group, min(count, len(group)))
    return picked


def test_syntax_verdicts_match_opencode(opencode, tmp_path):
    cases = [(r["file"], (CORPUS / r["file"]).read_bytes()) for r in syntax_corpus()]
    cases += [(f"mutant-{i}", text) for i, text in enumerate(mutants(24 if os.environ.get("OCLINT_OPENCODE_ALL")
                                                                    else 12))]
    # JSON5 that OC102 names (escapes, non-ASCII unquoted keys) and its fixed JSON spelling
    here = Path(__file__).parent / "fixtures" / "OC102"
    cases += [(f"oc102-{p.name}", p.read_bytes()) for p in sorted(here.glob("*.jsonc"))]
    if not cases:
        pytest.skip("../shared/corpus is not beside the checkout")

    def verdict(case):
        name, text = case
        return name, opencode_refuses_syntax(opencode, text, tmp_path / name), oclint_says_syntax(text)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(verdict, cases))
    disagreements = [(name, theirs, ours) for name, theirs, ours in results if theirs != ours]
    assert disagreements == []
    assert sum(theirs for _, theirs, _ in results) >= 4       # the corpus' own syntax failures


class Gateway(http.server.BaseHTTPRequestHandler):
    """Stands in for the gateway on 127.0.0.1: logs request paths, answers with an error."""

    paths: list[str] = []

    def do_POST(self):
        Gateway.paths.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.received(self.rfile.read(length))
        body = json.dumps({"error": {"message": "stand-in gateway", "type": "invalid_request_error"}}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def received(self, body: bytes) -> None:
        pass

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def gateway_and_project(tmp_path, handler):
    """A stand-in gateway on 127.0.0.1 with ``handler``, an isolated home and a git project."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        home = tmp_path / "home"
        home.mkdir()
        project = tmp_path / "project"
        project.mkdir()
        subprocess.run(["git", "init", "-q", str(project)], check=True)
        yield server, home, project
    finally:
        server.shutdown()
        server.server_close()


def ask(opencode: str, project: Path, env: dict, model: str) -> None:
    """One prompt to ``model`` (the stand-in gateway answers with an error; a run that hangs
    on it is cut after 90 s: the requests are what counts)."""
    try:
        subprocess.run([opencode, "run", "-m", model, "hi"], cwd=project, env=env, capture_output=True, timeout=90)
    except subprocess.TimeoutExpired:
        pass


def test_fixed_config_routes_models_to_the_right_api(opencode, tmp_path):
    with gateway_and_project(tmp_path, Gateway) as (server, home, project):
        config = project / "opencode.json"
        config.write_text(json.dumps({
            "$schema": "https://opencode.ai/config.json",
            "provider": {"mixroute": {
                "name": "mixroute", "npm": "@ai-sdk/openai-compatible",
                "options": {"baseURL": f"http://127.0.0.1:{server.server_port}/v1", "apiKey": "{env:MIXROUTE_API_KEY}"},
                "models": {"gpt-5.1-codex": {"name": "gpt-5.1-codex", "apiCompatibility": "responses"},
                           # the npm override alone, without the guide's key: MR103 passes it as is
                           "gpt-5.2-codex": {"name": "gpt-5.2-codex", "provider": {"npm": "@ai-sdk/openai"}},
                           "gpt-4o": {"name": "gpt-4o"}}}},
        }, indent=2))
        env = {**isolated_env(home), "MIXROUTE_API_KEY": "sk-test-0000000000000000"}

        def reaches(model: str) -> list[str]:
            Gateway.paths = []
            ask(opencode, project, env, f"mixroute/{model}")
            return Gateway.paths

        # the npm override alone reaches /v1/responses, and MR103's default calls it info only
        assert "/v1/responses" in reaches("gpt-5.2-codex"), Gateway.paths
        as_is = subprocess.run([OCLINT, "--isolated", "--select", "MR103", "--output-format", "json", str(config)],
                               capture_output=True, text=True)
        severities = {d["message"].split("`")[1]: d["severity"] for d in json.loads(as_is.stdout)}
        assert severities == {"gpt-5.1-codex": "error", "gpt-5.2-codex": "info"}, as_is.stdout
        fixed = subprocess.run([OCLINT, "--fix", "--select", "MR103", str(config)], capture_output=True, text=True)
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        routed = json.loads(config.read_text())["provider"]["mixroute"]["models"]
        assert routed["gpt-5.1-codex"]["provider"] == {"npm": "@ai-sdk/openai"}
        for model, expected in [("gpt-5.1-codex", "/v1/responses"), ("gpt-4o", "/v1/chat/completions")]:
            assert expected in reaches(model), (model, Gateway.paths)


def test_query_and_fragment_in_base_url_miss_the_api_until_fixed(opencode, tmp_path):
    """OC310: a query or fragment in baseURL swallows the endpoint OpenCode appends (the
    paths the stand-in gateway receives); after `oclint --fix --unsafe-fixes` the request
    reaches `/v1/chat/completions`, with the query as `options.queryParams`."""
    with gateway_and_project(tmp_path, Gateway) as (server, home, project):
        config = project / "opencode.json"
        env = {**isolated_env(home), "GW_KEY": "sk-test-0000000000000000"}

        def reaches(url: str, fix: bool) -> list[str]:
            config.write_text(json.dumps({"$schema": "https://opencode.ai/config.json", "provider": {"gw": {
                "npm": "@ai-sdk/openai-compatible", "options": {"baseURL": url, "apiKey": "{env:GW_KEY}"},
                "models": {"m": {"name": "m"}}}}}, indent=2))
            found = subprocess.run([OCLINT, "--isolated", "--select", "OC310", str(config)], capture_output=True, text=True)
            assert found.returncode == 1 and "OC310" in found.stdout, found.stdout
            if fix:
                subprocess.run([OCLINT, "--isolated", "--select", "OC310", "--fix", "--unsafe-fixes", str(config)],
                               capture_output=True, check=True)
            Gateway.paths = []
            ask(opencode, project, env, "gw/m")
            return sorted(set(Gateway.paths))

        base = f"http://127.0.0.1:{server.server_port}/v1"
        assert reaches(base + "?x=1", fix=False) == ["/v1?x=1/chat/completions"]
        assert reaches(base + "#main", fix=False) == ["/v1"]
        assert reaches(base + "?x=1", fix=True) == ["/v1/chat/completions?x=1"]
        assert reaches(base + "#main", fix=True) == ["/v1/chat/completions"]


# -- tui.json: the TUI's own verdict (it needs a terminal: run in a pseudo-terminal) ---------

TUI_SECONDS = 20.0
TUI_ALL = bool(os.environ.get("OCLINT_OPENCODE_ALL"))      # every corpus tui file, not a sample


def run_tui(binary: str, name: str, text: bytes, workdir: Path) -> str:
    """What OpenCode's TUI says about ``text`` as the project's tui file: "skipped" (the log
    line `skipping invalid tui config`), "exits" (`Unexpected error` at start) or "applied"."""
    (workdir / "home").mkdir(parents=True)
    project = workdir / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / name).write_bytes(text)
    out = tui_output(binary, project, workdir / "home")
    if b"skipping invalid tui config" in out:
        return "skipped"
    if b"Unexpected error" in out:
        return "exits"
    return "applied" if b"applying tui config" in out else "unknown"


def tui_output(binary: str, project: Path, home: Path) -> bytes:
    """What the TUI prints with `--print-logs` in a pseudo-terminal until it has applied its
    config and a few seconds more (or skips a file, or fails)."""
    import pty
    import select
    import signal
    import time
    env = isolated_env(home) | {"TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:        # the child: become OpenCode
        os.chdir(project)
        os.execve(binary, [binary, "--print-logs"], env)
    out, deadline = b"", time.monotonic() + TUI_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
            if b"skipping invalid tui config" in out or b"Unexpected error" in out:
                break
            if b"applying tui config" in out:     # the rest of startup: a few seconds more
                deadline = min(deadline, time.monotonic() + 12.0)
            if os.waitpid(pid, os.WNOHANG)[0]:
                pid = 0
                break
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    return out


def tui_cases() -> list[tuple[str, str, bytes]]:
    """(label, file name, text): fixtures of OC601/OC604 and clean ones, plus corpus files
    (a fixed sample by default; all with OCLINT_OPENCODE_ALL=1)."""
    fixtures = Path(__file__).parent / "fixtures"
    cases = [(p.name, "tui.jsonc" if p.suffix == ".jsonc" else "tui.json", p.read_bytes())
             for code in ("OC601", "OC604") for p in sorted((fixtures / code).glob("*.tui.json*"))
             if ".fixed." not in p.name]
    corpus = SHARED_MD = CORPUS.parent / "corpus-md"
    files = sorted(SHARED_MD.glob("tui-*.json*")) if corpus.exists() else []
    if not TUI_ALL:
        files = [f for f in files if f.name in ("tui-001.json", "tui-036.json", "tui-039.json")]
    return cases + [(f.name, "tui.jsonc" if f.suffix == ".jsonc" else "tui.json", f.read_bytes())
                    for f in files]


def test_tui_verdicts_match_opencode(opencode, tmp_path):
    """A tui file OpenCode skips or exits on gets an error from oclint (OC601, OC604); one it
    applies gets none."""
    def verdict(case):
        label, name, text = case
        theirs = run_tui(opencode, name, text, tmp_path / label)
        ours = {d.code for d in lint_text(text, path=name) if d.severity.value == "error"}
        return label, theirs, sorted(ours)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(verdict, tui_cases()))
    wrong = [(label, theirs, ours) for label, theirs, ours in results
             if theirs == "unknown" or (theirs == "applied") == bool(ours)]
    assert wrong == []
    assert {theirs for _, theirs, _ in results} == {"skipped", "exits", "applied"}


# -- MCP servers in Claude/Cursor's shape: refused or dropped before OC701's fix, loaded after --


def debug_config(binary: str, project: Path, home: Path) -> tuple[int, str]:
    """`opencode debug config` in ``project``: exit status and output (through a file: a
    pipe stops at 64 KiB)."""
    out = project.parent / "debug-config.out"
    with open(out, "wb") as handle:
        proc = subprocess.run([binary, "debug", "config"], cwd=project, env=isolated_env(home),
                              stdout=handle, stderr=subprocess.STDOUT, timeout=120)
    return proc.returncode, out.read_text(encoding="utf-8", errors="replace")


def test_mcp_servers_load_after_the_fix(opencode, tmp_path):
    fixtures = Path(__file__).parent / "fixtures" / "OC701"
    for name in ("claude.jsonc", "servers.jsonc"):
        home, project = tmp_path / name / "home", tmp_path / name / "project"
        home.mkdir(parents=True)
        project.mkdir()
        subprocess.run(["git", "init", "-q", str(project)], check=True)
        config = project / "opencode.jsonc"
        config.write_bytes((fixtures / name).read_bytes())
        before, text = debug_config(opencode, project, home)
        if name == "claude.jsonc":
            assert before != 0 and "Missing key mcp.github.enabled" in text, text[-2000:]
        else:       # mcpServers: dropped without a word
            assert before == 0 and '"fs"' not in text
        fixed = subprocess.run([OCLINT, "--fix", "--unsafe-fixes", "--select", "OC701", str(config)],
                               capture_output=True, text=True)
        assert "OC701" not in fixed.stdout, fixed.stdout
        after, text = debug_config(opencode, project, home)
        assert after == 0, text[-2000:]
        value = json.loads(text[text.index("{"):])
        servers = value["mcp"]
        if name == "claude.jsonc":
            assert servers["github"]["command"] == ["npx", "-y", "@modelcontextprotocol/server-github"]
            assert servers["docs"]["type"] == "remote" and servers["off"]["enabled"] is False
        else:
            assert set(servers) == {"fs", "cline"} and servers["fs"]["type"] == "local"


class RecordingGateway(Gateway):
    """The stand-in gateway, also keeping each request's headers and JSON body (what
    OpenCode asks the model)."""

    requests: list[tuple[str, dict]] = []
    bodies: list[dict] = []

    def do_POST(self):
        RecordingGateway.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        super().do_POST()

    do_GET = do_POST

    def received(self, body: bytes) -> None:
        try:
            RecordingGateway.bodies.append(json.loads(body or b"{}"))
        except ValueError:
            pass


def test_oc401_fix_leaves_what_opencode_sees_unchanged(opencode, tmp_path):
    """A secret in each place OC401 looks (options, headers with an escape, URL userinfo and
    query, command flags, MCP environment): fixed, and run with the variables set, OpenCode
    resolves the same config and sends the gateway the same headers."""
    from linter.files import decode
    from rules import secrets
    with gateway_and_project(tmp_path, RecordingGateway) as (server, home, project):
        config = project / "opencode.json"
        text = ('{"$schema": "https://opencode.ai/config.json",\n'
                ' "provider": {"gw": {"name": "gw", "npm": "@ai-sdk/openai-compatible", "options": {\n'
                f'   "baseURL": "http://bob:S3cretPassw0rd99@127.0.0.1:{server.server_port}/v1",\n'
                '   "apiKey": "k9Lm2Pq8Rs5Tu1Vw4Xy7",\n'
                '   "headers": {"Cookie": "session=8f7e6d5c4b3a2918aabbccdd", "X-Api-Key": "sk-proj\\/QQQQmmmmTTTTuuuu7777"}},\n'
                '  "models": {"m": {"name": "m"}}}},\n'
                ' "mcp": {"c": {"type": "local", "enabled": false,\n'
                '   "command": ["c-mcp", "--api-key", "Zx9Q2mL7pR4tV8wB1nC6", "--token=Hq7Wm2Xp9Lr4Ts6Vb1Nc"],\n'
                '   "environment": {"DATABASE_URL": "postgresql://app:Pg5ecretW0rd77@db/app", "BRAVE_API_KEY": "BSAx7Kp2Lm9Qr4Wt6Yv8"}},\n'
                '  "r": {"type": "remote", "enabled": false, "url": "https://mcp.example.com/sse?token=Qm9vYmFyQmF6MTIzNDU2"}}}\n')
        config.write_text(text)
        found = secrets.find(decode(str(config), text.encode()))
        variables = {s.env: s.value for s in found}
        assert len(variables) == 9

        def seen(env):
            shown = subprocess.run([opencode, "debug", "config"], cwd=project, env=env, capture_output=True,
                                   text=True, timeout=120)
            RecordingGateway.requests = []
            ask(opencode, project, env, "gw/m")
            sent = [(path, {k: v for k, v in headers.items() if k in ("authorization", "cookie", "x-api-key")})
                    for path, headers in RecordingGateway.requests]
            return json.loads(shown.stdout), sent

        before = seen(isolated_env(home))
        assert before[1] and before[1][0][1]["cookie"] == "session=8f7e6d5c4b3a2918aabbccdd"
        fixed = subprocess.run([OCLINT, "--isolated", "--fix", "--unsafe-fixes", "--select", "OC401", str(config)],
                               capture_output=True, text=True)
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        after_text = config.read_text()
        assert not any(value in after_text for value in variables.values())
        assert after_text.count("{env:") == 9
        after = seen({**isolated_env(home), **variables})
        assert after == before


# Where OpenCode never reads a config file (OC801-OC804), against where it does: each
# placement holds a marker agent; OpenCode's resolved config lists exactly the markers of
# the places it reads, and oclint reports exactly the others.
STRAYS = {
    "project/.opencode/config.json": "OC801", "home/.opencode.json": "OC801",
    "project/.opencode.jsonc": "OC801", "project/opencode.json5": "OC801", "project/opencode.yaml": "OC801",
    "home/.config/opencode.json": "OC801", "project/.opencod/opencode.json": "OC802",
    "project/.OpenCode/opencode.json": "OC802", "home/.config/opencde/opencode.json": "OC802",
    "project/.opencode/agnet/m_agnet.md": "OC803", "project/.opencode/comands/m_comands.md": "OC803",
}
READ = ["project/.opencode/opencode.json", "home/.opencode/opencode.json", "home/.config/opencode/config.json",
        "project/.opencode/agent/m_agent.md", "project/.opencode/command/m_command.md"]


def _marker(place: str) -> str:
    return "m_" + "".join(c if c.isalnum() else "_" for c in place)


def test_files_opencode_never_reads(opencode, tmp_path):
    home, project = tmp_path / "home", tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    for place in [*STRAYS, *READ]:
        path = tmp_path / place
        path.parent.mkdir(parents=True, exist_ok=True)
        if place.endswith(".md"):
            path.write_text("---\ndescription: marker\n---\nA marker.\n")
        elif place.endswith(".yaml"):
            path.write_text(f"agent:\n  {_marker(place)}:\n    description: marker\n")
        else:
            path.write_text(json.dumps({"agent": {_marker(place): {"description": "marker"}}}))
    status, out = debug_config(opencode, project, home)
    assert status == 0, out[-500:]
    loaded = json.loads(out)
    seen = set(loaded.get("agent", {})) | set(loaded.get("command", {}))
    names = {place: (Path(place).stem if place.endswith(".md") else _marker(place)) for place in [*STRAYS, *READ]}
    assert {p for p in READ if names[p] in seen} == set(READ)          # the controls load
    assert {p for p in STRAYS if names[p] in seen} == set()             # the strays never do
    proc = subprocess.run([OCLINT, "--isolated", "--select", "OC8", "--output-format", "json",
                           *(str(tmp_path / p) for p in [*STRAYS, *READ])], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "HOME": str(home)})
    reported = {os.path.relpath(d["filename"], tmp_path): d["code"] for d in json.loads(proc.stdout)}
    assert reported == STRAYS

# -- permissions: the last matching rule wins (OC711), misspelt keys stay misspelt (OC712) ----


def resolved_permissions(binary: str, project: Path, home: Path, agent: str = "build") -> list[dict]:
    out = project.parent / "debug-agent.out"
    with open(out, "wb") as handle:
        proc = subprocess.run([binary, "debug", "agent", agent], cwd=project, env=isolated_env(home),
                              stdout=handle, stderr=subprocess.STDOUT, timeout=120)
    text = out.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, text[-2000:]
    return json.loads(text[text.index("{"):])["permission"]


def decides(rules: list[dict], permission: str, call: str) -> str:
    """OpenCode's evaluate: the last rule whose permission and pattern match, else ask."""
    import re

    def match(text, glob):
        return re.fullmatch("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in glob),
                            text, re.S) is not None
    found = [r for r in rules if match(permission, r["permission"]) and match(call, r["pattern"])]
    return found[-1]["action"] if found else "ask"


def test_permission_order_after_the_fix(opencode, tmp_path):
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    config = project / "opencode.json"
    config.write_text(json.dumps({"$schema": "https://opencode.ai/config.json", "permission": {
        "bash": {"rm -rf *": "deny", "*": "allow"}, "web_fetch": "deny"}}))
    before = resolved_permissions(opencode, project, home)
    assert decides(before, "bash", "rm -rf /") == "allow"          # the deny never applies
    assert decides(before, "webfetch", "https://x") != "deny"      # web_fetch matches nothing
    found = subprocess.run([OCLINT, "--output-format", "concise", "--select", "OC711,OC712", str(config)],
                           capture_output=True, text=True).stdout
    assert "OC711" in found and "OC712" in found
    subprocess.run([OCLINT, "--fix", "--unsafe-fixes", "--select", "OC711,OC712", str(config)],
                   capture_output=True, text=True)
    after = resolved_permissions(opencode, project, home)
    assert decides(after, "bash", "rm -rf /") == "deny"
    assert decides(after, "bash", "ls") == "allow"
    assert decides(after, "webfetch", "https://x") == "deny"


MERGED_PERMISSIONS = [
    # (global bash rules, project bash rules, a call, what OpenCode decides, the project's OC711 rows)
    ({"git push *": "ask", "*": "ask"}, {"git push *": "allow"}, "git push origin", "ask", ["git push *"]),
    ({"rm -rf *": "deny"}, {"*": "allow"}, "rm -rf /", "allow", ["*"]),
    ({"*": "ask", "rm *": "ask"}, {"rm *": "deny", "*": "allow"}, "rm x", "deny", []),
]


@pytest.mark.parametrize("global_,project_rules,call,verdict,reported", MERGED_PERMISSIONS)
def test_permission_rules_merge_in_the_order_of_the_first_file(opencode, tmp_path, global_, project_rules,
                                                               call, verdict, reported):
    """OC711 across a global and a project config: a key keeps the place where the global
    file wrote it (with the project's value) and new keys come after, so a project rule can
    be shadowed by a global catch-all, override a global deny, or be rescued by the global
    order from what it would be alone."""
    home, project = tmp_path / "home", tmp_path / "project"
    (home / ".config" / "opencode").mkdir(parents=True)
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (home / ".config" / "opencode" / "opencode.json").write_text(json.dumps(
        {"$schema": "https://opencode.ai/config.json", "permission": {"bash": global_}}))
    config = project / "opencode.json"
    config.write_text(json.dumps({"$schema": "https://opencode.ai/config.json", "permission": {"bash": project_rules}},
                                 indent=2))
    assert decides(resolved_permissions(opencode, project, home), "bash", call) == verdict
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    found = json.loads(subprocess.run([OCLINT, "--with-global", "--select", "OC711", "--output-format", "json", str(config)],
                                      capture_output=True, text=True, cwd=project, env=env).stdout)
    lines = config.read_text().splitlines()
    rows = [json.loads("{" + lines[d["location"]["row"] - 1].strip().rstrip(",") + "}") for d in found]
    assert [next(iter(row)) for row in rows] == reported


@pytest.mark.parametrize("agent,refusal", [("build", None), ("explore", "is a subagent"),
                                           ("title", "is hidden"), ("nobody", "not found")])
def test_a_default_agent_opencode_refuses(opencode, tmp_path, agent, refusal):
    """OC507: `opencode run` without `--agent` fails when `default_agent` names a subagent,
    a hidden agent or no agent (its log names why); with a primary agent it goes on to
    the model (here a closed port, so it is stopped after a while)."""
    project, env = _fresh_project(tmp_path / "work")
    config = project / "opencode.json"
    config.write_text(json.dumps({"$schema": "https://opencode.ai/config.json", "default_agent": agent,
                                  "model": "x/m", "provider": {"x": {
                                      "npm": "@ai-sdk/openai-compatible", "models": {"m": {}},
                                      "options": {"baseURL": "http://127.0.0.1:9/v1", "apiKey": "k"}}}}))
    out = tmp_path / "run.out"
    with open(out, "wb") as handle:
        try:
            subprocess.run([opencode, "run", "--print-logs", "hi"], cwd=project, env=env, stdout=handle,
                           stderr=subprocess.STDOUT, timeout=20)
        except subprocess.TimeoutExpired:
            pass
    said = out.read_text(encoding="utf-8", errors="replace")
    if refusal is None:
        assert "default agent" not in said, said[-1500:]
    else:
        assert f'default agent \\"{agent}\\" {refusal}' in said, said[-1500:]
    found = json.loads(subprocess.run([OCLINT, "--isolated", "--select", "OC507", "--output-format", "json",
                                       str(config)], capture_output=True, text=True).stdout)
    assert [d["code"] for d in found] == ([] if refusal is None else ["OC507"])


def test_the_global_agent_folder_merges_between_the_project_files(opencode, tmp_path):
    """A global agent file's keys beat the project's opencode.json and lose to
    .opencode/opencode.json: `oclint config` merges in the order `opencode debug config` shows."""
    home, project = tmp_path / "home", tmp_path / "project"
    (home / ".config" / "opencode" / "agent").mkdir(parents=True)
    (project / ".opencode").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (home / ".config" / "opencode" / "agent" / "build.md").write_text(
        '---\ndescription: from-global-md\ncolor: "#111111"\ntemperature: 0.1\n---\nG\n')
    (home / ".config" / "opencode" / "opencode.json").write_text(
        '{"agent": {"build": {"description": "from-global-json", "top_p": 0.1}}}')
    (project / "opencode.json").write_text('{"agent": {"build": {"description": "from-root-json", "color": "#222222"}}}')
    (project / ".opencode" / "opencode.json").write_text('{"agent": {"build": {"temperature": 0.3}}}')
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    ours = json.loads(subprocess.run([OCLINT, "config", str(project), "--output-format", "json"], cwd=project,
                                     env=env, capture_output=True, text=True).stdout)["config"]["agent"]["build"]
    status, out = debug_config(opencode, project, home)
    assert status == 0, out[-500:]
    theirs = json.loads(out[out.index("{"):])["agent"]["build"]
    keys = ("description", "color", "temperature", "top_p", "prompt")
    assert {k: ours.get(k) for k in keys} == {k: theirs.get(k) for k in keys}
    assert theirs["description"] == "from-global-md" and theirs["temperature"] == 0.3


def test_theme_moved_into_tui_json_applies(opencode, tmp_path):
    """OC205's two-file fix: opencode.jsonc loses `theme`/`keybinds`, the new tui.json has
    them, and the TUI applies that file (its log: `applying tui config` with that path)."""
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    config = project / "opencode.jsonc"
    config.write_text('{\n  "$schema": "https://opencode.ai/config.json",\n  "theme": "nord",\n'
                      '  "keybinds": { "app_exit": "ctrl+q" }\n}\n')
    fixed = subprocess.run([OCLINT, "--fix", "--select", "OC205", str(config)], capture_output=True, text=True)
    assert (project / "tui.json").exists(), fixed.stdout + fixed.stderr
    assert "theme" not in config.read_text()
    code, text = debug_config(opencode, project, home)
    assert code == 0, text[-2000:]
    out = tui_output(opencode, project, home)
    assert f'message="applying tui config" path={project / "tui.json"}'.encode() in out
    assert b"skipping invalid tui config" not in out
    assert not list(project.glob("*.tui-migration.bak"))      # nothing left for the TUI to migrate


# -- substitution: {env:X} unset becomes "" (OC731), {cred:x} stays as written (OC733) --------


def test_env_and_cred_substitution(opencode, tmp_path):
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    config = project / "opencode.json"
    config.write_text(json.dumps({"$schema": "https://opencode.ai/config.json", "provider": {"p": {
        "npm": "@ai-sdk/openai-compatible", "models": {"m": {}}, "name": "{cred:gateway}",
        "options": {"baseURL": "{env:OCLINT_SURELY_UNSET_VARIABLE}"}}}}))
    code, text = debug_config(opencode, project, home)
    assert code == 0, text[-2000:]
    provider = json.loads(text[text.index("{"):])["provider"]["p"]     # (debug config masks apiKey)
    assert provider["options"]["baseURL"] == "" and provider["name"] == "{cred:gateway}"
    found = subprocess.run([OCLINT, "--check-env", "--output-format", "concise", "--select", "OC731,OC733",
                            str(config)], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if k != "OCLINT_SURELY_UNSET_VARIABLE"})
    assert "OC731" in found.stdout and "OC733" in found.stdout



# -- agents, modes, commands and skills (../shared/corpus-md) -----------------------------

MD_CORPUS = CORPUS.parent / "corpus-md"
MD_SAMPLE = 16        # files checked by default; OCLINT_OPENCODE_ALL=1 checks every one


def _md_rows() -> list[dict]:
    import csv
    path = MD_CORPUS / "ORACLE.tsv"
    if not path.exists():
        return []
    with open(MD_CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        manifest = {r["file"]: r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["kind"] in ("agent", "mode", "command", "skill") and not r["file"].startswith("folders/")]
    for row in rows:
        import re
        row["placement"] = re.search(r"oracle placement: (\S+)", manifest[row["file"]]["notes"]).group(1)
        keys = re.search(r"fm-keys: ([^|;]*)", manifest[row["file"]]["notes"])
        row["written"] = set(keys.group(1).strip().split(",")) if keys else set()
    return rows


def md_sample() -> list[dict]:
    """Every refused and every lossy file first (they are few), then a fixed draw of the rest."""
    rows = _md_rows()
    if os.environ.get("OCLINT_OPENCODE_ALL"):
        return rows
    special = [r for r in rows if r["exit"] != "0" or r["frontmatter_applied"] == "no" or r["keys_in_options"]
               or r["loaded"] == "no"]
    rest = [r for r in rows if r not in special]
    random.Random(1833).shuffle(rest)
    picked = special[:MD_SAMPLE // 2] + rest
    return picked[:MD_SAMPLE]


def opencode_md_verdict(binary: str, placement: str, text: bytes, kind: str, workdir: Path) -> dict:
    """What OpenCode does with one markdown file placed in a fresh project: exit status,
    and for agents, modes and commands their printed entries (for skills, the names listed)."""
    project, env = _fresh_project(workdir)
    target = project / placement
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    out = workdir / "out.json"
    with open(out, "wb") as handle:       # a pipe would cut the output at 64 KB
        proc = subprocess.run([binary, "debug", "skill" if kind == "skill" else "config"], cwd=project,
                              env=env, stdout=handle, stderr=subprocess.PIPE, timeout=120)
    printed = out.read_text(encoding="utf-8", errors="replace")
    verdict = {"exit": proc.returncode, "entries": {}, "skills": []}
    if proc.returncode == 0:
        value = json.loads(printed[printed.find("[" if kind == "skill" else "{"):])
        if kind == "skill":
            verdict["skills"] = [s["name"] for s in value if s.get("location") != "<built-in>"]
        else:
            section = value.get("command" if kind == "command" else "agent") or {}
            verdict["entries"] = {k: v for k, v in section.items()
                                  if kind == "command" or k not in ("build", "plan", "general", "explore", "title",
                                                                    "summary", "compaction")}
    return verdict


# -- versions: each release's verdict against oclint's under that `opencode-version` --------
#
# A release's verdict on a file is whether `opencode debug config` refuses it ("Configuration
# is invalid"). oclint's verdict under the same `opencode-version`: a type, value or missing-
# key error (OC202-OC204: refused by every release), or an OC201 finding whose message says
# the release refuses to start. So this checks the version facts of rules/data/versions.yaml
# and the words of the messages, release by release. By default: every case on 1.18.33 and
# a fixed sample on 1.18.15 (the last release refusing unknown keys) and 1.18.23 (the last
# before OpenCode 2 keys were lowered); OCLINT_OPENCODE_VERSIONS=all runs every case on
# every release in RELEASES.

VERSION_PROBES = {
    "typo": '{"modle": "anthropic/claude-sonnet-4-5"}',
    "provider-level-key": '{"provider": {"p": {"baseUrl": "http://127.0.0.1:9/v1", "models": {"m": {}}}}}',
    "v2-permissions": '{"permissions": [{"action": "bash", "resource": "*", "effect": "ask"}]}',
    "v2-skills-array": '{"skills": ["./skills"]}',
    "v2-agents": '{"agents": {"review": {"description": "Reviews"}}}',
    "v2-providers": '{"providers": {"p": {"package": "@ai-sdk/openai-compatible"}}}',
    "shell": '{"shell": "/bin/sh"}',
    "theme": '{"theme": "opencode"}',
    "wrong-type": '{"share": "yes"}',
    "model-reasoning-options": '{"provider": {"p": {"models": {"m": {"reasoning_options": [{"type": "toggle"}]}}}}}',
    "v2-mcp-servers": '{"mcp": {"servers": {"fs": {"type": "local", "command": ["npx", "fs"], "disabled": true}}}}',
}
V2_CONFIGS = Path(__file__).parent / "fixtures_v2"
SAMPLE = {"1.18.15": ["typo", "v2-agents", "v2-skills-array"], "1.18.23": ["v2-permissions", "v2-skills-array", "typo"]}


def version_cases() -> list[tuple[str, str, bytes]]:
    cases = {name: text.encode() for name, text in VERSION_PROBES.items()}
    cases.update({f"v2-{p.stem}": p.read_bytes() for p in sorted(V2_CONFIGS.glob("*.jsonc"))})
    if os.environ.get("OCLINT_OPENCODE_VERSIONS") == "all":
        return [(v, name, text) for v in RELEASES for name, text in cases.items()]
    return [("1.18.33", name, text) for name, text in cases.items()] + \
        [(v, name, cases[name]) for v, names in SAMPLE.items() for name in names]


def opencode_refuses(binary: str, text: bytes, workdir: Path) -> tuple[bool, str]:
    """Whether a release refuses ``text`` as its only project config ("Configuration is
    invalid"), and the end of what it printed."""
    proc = _debug_config_of(binary, text, workdir)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    return proc.returncode != 0 and "Configuration is invalid" in out, out[-300:]


def _md_lost(kind: str, verdict: dict, written: set) -> bool:
    """Whether OpenCode loaded the file with something silently lost."""
    if kind == "skill":
        return not verdict["skills"]
    if not verdict["entries"]:
        return True                                           # not loaded at all
    entry = next(iter(verdict["entries"].values()))
    body = entry.get("template" if kind == "command" else "prompt") or ""
    if body.startswith("---"):
        return True                                           # frontmatter ignored: the file is the body
    if kind == "command":
        return bool(written - set(entry) - {"name"})
    return bool(entry.get("options"))


def test_markdown_verdicts_match_opencode(opencode, tmp_path):
    rows = md_sample()
    if not rows:
        pytest.skip("../shared/corpus-md is not beside the checkout")

    def compare(row):
        text = (MD_CORPUS / row["file"]).read_bytes()
        verdict = opencode_md_verdict(opencode, row["placement"], text, row["kind"], tmp_path / row["file"])
        found = lint_text(text, ["ALL"], {"opencode-version": "1.18.33"}, path="/project/" + row["placement"])
        ours = [d for d in found if d.code.startswith("OC5")]
        if verdict["exit"] != 0:
            ok = any(d.severity.value == "error" for d in ours)
        elif _md_lost(row["kind"], verdict, row["written"]):
            ok = bool(ours)
        else:
            ok = not [d for d in found if d.severity.value == "error" and not d.code.startswith("OC3")]
        return row["file"], ok, verdict["exit"], sorted({d.code for d in found})

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(compare, rows))
    assert [r for r in results if not r[1]] == []
    assert any(r[2] != 0 for r in results)          # the sample holds refused files


V2_AGENT = (b"---\ndescription: Reviews code\nsystem: You review code.\ndisabled: true\nrequest:\n"
            b"  body: {reasoningEffort: high}\npermissions:\n  - {action: bash, resource: '*', effect: deny}\n"
            b"cache: {}\n---\nYou review the diff.\n")


def test_v2_agent_keys_are_what_1_18_33_moves_into_options(opencode, tmp_path):
    """An agent file in OpenCode 2 keys: 1.18.33 loads it (no error from OC503) and moves
    exactly the keys OC502 calls OpenCode 2 keys into the agent's `options`."""
    verdict = opencode_md_verdict(opencode, ".opencode/agent/review.md", V2_AGENT, "agent", tmp_path / "v2")
    assert verdict["exit"] == 0
    moved = set(verdict["entries"]["review"]["options"])
    found = lint_text(V2_AGENT, ["OC5"], {"opencode-version": "1.18.33"}, path="/project/.opencode/agent/review.md")
    hinted = {d.message.split("`")[1] for d in found if d.code == "OC502" and "is an OpenCode 2 key" in d.message}
    assert moved == hinted == {"system", "disabled", "request", "permissions", "cache"}
    assert not [d for d in found if d.severity.value == "error"]


def test_refused_markdown_loads_after_unsafe_fixes(opencode, tmp_path):
    rows = [r for r in _md_rows() if r["exit"] != "0"]
    if not rows:
        pytest.skip("../shared/corpus-md is not beside the checkout")
    if not os.environ.get("OCLINT_OPENCODE_ALL"):
        rows = rows[:MD_SAMPLE // 2]

    def fixed_loads(row):
        work = tmp_path / ("fix-" + row["file"].replace("/", "_"))
        work.mkdir()
        target = work / row["placement"]
        target.parent.mkdir(parents=True)
        target.write_bytes((MD_CORPUS / row["file"]).read_bytes())
        subprocess.run([OCLINT, "--fix", "--unsafe-fixes", "--exit-zero", "--opencode-version", "1.18.33",
                        str(target)], capture_output=True, timeout=120)
        verdict = opencode_md_verdict(opencode, row["placement"], target.read_bytes(), row["kind"], work / "run")
        return row["file"], verdict["exit"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(fixed_loads, rows))
    assert [r for r in results if r[1] != 0] == []


def oclint_says_refused(text: bytes, version: str) -> bool:
    found = lint_text(text, ["OC201", "OC202", "OC203", "OC204"], {"opencode-version": version})
    return any(d.code in ("OC202", "OC203", "OC204") or "refuses to start" in (d.message + (d.help or ""))
               for d in found)


def test_each_release_refuses_exactly_what_oclint_says_it_refuses(tmp_path):
    cases = version_cases()
    binaries = {v: fetch(v) for v in dict.fromkeys(v for v, _, _ in cases)}

    def verdict(case):
        version, name, text = case
        theirs, output = opencode_refuses(binaries[version], text, tmp_path / f"{version}-{name}")
        return version, name, theirs, oclint_says_refused(text, version), output

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(verdict, cases))
    disagreements = [(v, name, theirs, ours, out) for v, name, theirs, ours, out in results if theirs != ours]
    assert disagreements == []
    # the releases differ: the same probes are refused by one and loaded by another
    by_release: dict[str, set] = {}
    for version, name, theirs, _, _ in results:
        if theirs:
            by_release.setdefault(version, set()).add(name)
    assert "typo" in by_release.get("1.18.15", set()) and "typo" not in by_release.get("1.18.33", set())


MCP_TOOLS = ("lint", "fix", "explain_rule", "show_config", "scaffold_gateway")


def test_opencode_connects_to_oclint_mcp(opencode, tmp_path):
    """The opencode.json snippet in the README (`"mcp": {"oclint": {"type": "local",
    "command": [<oclint>, "mcp"]}}`) is one OpenCode 1.18.33 loads and connects to:
    `opencode mcp list` shows the server connected, and a session offers the model every
    oclint tool (the tools of the request OpenCode sends to a stand-in gateway, named
    `oclint_<tool>`; 1.18.33's CLI and HTTP API list only built-in tools)."""
    import re
    pytest.importorskip("mcp")
    with gateway_and_project(tmp_path, RecordingGateway) as (server, home, project):
        (project / "opencode.json").write_text(json.dumps({
            "$schema": "https://opencode.ai/config.json",
            "mcp": {"oclint": {"type": "local", "command": [OCLINT, "mcp"]}},
            "provider": {"gw": {"npm": "@ai-sdk/openai-compatible",
                                "options": {"baseURL": f"http://127.0.0.1:{server.server_port}/v1",
                                            "apiKey": "{env:GW_KEY}"},
                                "models": {"m": {"name": "m"}}}}}))
        assert subprocess.run([OCLINT, str(project / "opencode.json")], capture_output=True).returncode == 0
        listed = subprocess.run([opencode, "mcp", "list"], cwd=project, env=isolated_env(home),
                                capture_output=True, text=True, timeout=120)
        out = re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout + listed.stderr)
        assert re.search(r"oclint\s+connected", out), out[-2000:]
        assert f"{OCLINT} mcp" in out
        RecordingGateway.bodies = []
        ask(opencode, project, {**isolated_env(home), "GW_KEY": "sk-test-0000000000000000"}, "gw/m")
        offered = {t.get("function", {}).get("name") for b in RecordingGateway.bodies for t in b.get("tools") or ()}
        assert {f"oclint_{name}" for name in MCP_TOOLS} <= offered, sorted(n for n in offered if n)


def test_agent_entry_keys_opencode_does_not_read(opencode, tmp_path):
    """OC513: a near-miss or another version's key in an opencode.json agent entry is copied
    into the agent's `options` (sent with every request), a provider option such as
    `reasoningEffort` too (which OC513 leaves alone); after the unsafe fix OpenCode reads
    `temperature` and `disable`."""
    text = json.dumps({"$schema": "https://opencode.ai/config.json", "agent": {"review": {
        "description": "Reviews", "mode": "subagent", "temprature": 0.2, "disabled": True,
        "reasoningEffort": "high"}}}, indent=2)

    def review(raw: bytes, name: str) -> dict | None:
        proc = _debug_config_of(opencode, raw, tmp_path / name)
        out = proc.stdout.decode("utf-8", "replace")
        return json.loads(out[out.find("{"):]).get("agent", {}).get("review")

    before = review(text.encode(), "before")
    assert before["options"] == {"temprature": 0.2, "disabled": True, "reasoningEffort": "high"}
    assert "temperature" not in before and "disable" not in before
    path = tmp_path / "opencode.json"
    path.write_text(text)
    found = subprocess.run([OCLINT, "--isolated", "--select", "OC513", "--output-format", "json", str(path)],
                           capture_output=True, text=True)
    assert sorted(d["message"].split("`")[1] for d in json.loads(found.stdout)) == ["disabled", "temprature"]
    subprocess.run([OCLINT, "--isolated", "--select", "OC513", "--fix", "--unsafe-fixes", str(path)],
                   capture_output=True, check=True)
    after = review(path.read_bytes(), "after")
    assert after["temperature"] == 0.2 and after["disable"] is True
    assert after["options"] == {"reasoningEffort": "high"}
