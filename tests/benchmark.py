"""oclint against agnix, check-jsonschema and `python -c pass`, side by side in one run.

    .venv/bin/pip install agnix check-jsonschema
    .venv/bin/python tests/benchmark.py [--runs 3] [--only per-file,batch,big,fix,fixes,memory,agents]

Every input is laid out as OpenCode finds it, `DIR/opencode.json`, and given to each tool
by path. oclint runs as an installed command would: from a bare virtual environment whose
only addition is a path file (no editable-install finder at startup), with its bytecode
compiled; `python -c pass` is that environment's interpreter. check-jsonschema runs with
`--force-filetype json5` and oclint's own schema, so it validates the same documents
against the same schema; agnix is the agent-config linter written in Rust.

Each process is timed by wall clock and by its own CPU time (user + system, from wait4):
on a shared machine the CPU time is the steadier of the two. The peak memory is the
process's maximum resident set (from /usr/bin/time). Rows:

- per real file: each file of ../shared/corpus in its own process, every tool on the same
  file in turn; the median over the files (of each file's fastest of --runs);
- a batch of 1,000 configs (the corpus repeated) in one invocation, as run by default (on
  every CPU: linter/parallel.py) and in one process (`OCLINT_JOBS=1`), and `--fix` on it
  (a fresh copy for each run; it runs in one process, so its CPU time is compared with
  the one-process lint's);
- a 1 MB and a 10 MB config (one provider with many models).

Targets (issue 17): per real file at most 4x `python -c pass`; 1,000 configs at most 2x
agnix; 1 MB at most 0.3 s, 10x the input in at most 10x the time; `--fix` on the batch at
most 2x linting it; peak memory for a typical file at most 20 MiB. `agents` (issue 12; it
needs neither agnix nor check-jsonschema): a `.opencode` folder with the typical config and
50 real agent files from ../shared/corpus-md against the config alone; each agent file adds
at most 1 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "rules" / "schema" / "opencode.schema.json"
CORPUS = ROOT.parent / "shared" / "corpus"
TYPICAL = CORPUS / "011.jsonc"      # 2.7 KB, comments, agents, MCP
MIB = 1024 * 1024


class Sample:
    def __init__(self, wall: float, cpu: float, rss: int, status: int):
        self.wall, self.cpu, self.rss, self.status = wall, cpu, rss, status


def measure(argv: list[str], cwd: Path | None = None, env: dict | None = None) -> Sample:
    """One process: wall time, CPU time (user + system, its workers' included) and peak
    resident memory."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                             env=None if env is None else {**os.environ, **env})
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, child.returncode)


def peak_memory(argv: list[str]) -> int:
    """A process's maximum resident set, in bytes: from /usr/bin/time where it exists (the
    rusage of a child forked from this interpreter counts this interpreter's pages too)."""
    if os.path.exists("/usr/bin/time"):
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).stderr.strip().splitlines()
        if out and out[-1].isdigit():
            return int(out[-1]) * 1024
    return measure(argv).rss


def best(argv: list[str], runs: int, prepare=None, env: dict | None = None) -> Sample:
    """The fastest of ``runs`` (by CPU time; wall time and memory of the same run)."""
    samples = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        samples.append(measure(argv, env=env))
    return min(samples, key=lambda s: s.cpu)


# -- the environment oclint runs in ------------------------------------------------------


def installed(work: Path) -> tuple[Path, Path]:
    """A bare virtual environment that finds oclint's source and its dependencies through a
    path file, as a regular install would (no import at startup), with bytecode compiled;
    its interpreter and an `oclint` script like the one pip writes."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "linter"), str(ROOT / "rules")],
                   check=True)
    env = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "oclint-benchmark.pth").write_text(f"{ROOT}\n{ours}\n")
    script = env / "bin" / "oclint"
    import tomllib      # the entry point pyproject.toml declares, in the script pip writes for it
    module, function = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["oclint"].split(":")
    script.write_text(f"#!{python}\nimport sys\nfrom {module} import {function}\n"
                      f"if __name__ == '__main__':\n    sys.exit({function}())\n")
    script.chmod(0o755)
    return python, script


# -- inputs ------------------------------------------------------------------------------


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.json*") if p.suffix in (".json", ".jsonc"))


def lay_out(folder: Path, texts: list[str]) -> list[Path]:
    """Each text as ``folder/NNNN/opencode.json``."""
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{i:04}" / "opencode.json"
        path.parent.mkdir(parents=True)
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        paths.append(path)
    return paths


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


def big_config(size: int) -> str:
    """A config of about ``size`` bytes: one provider with many models."""
    models, i = [], 0
    total = 200
    while total < size:
        entry = (f'      "model-{i}": {{"name": "Model {i}", "limit": {{"context": 128000, "output": 8192}}, '
                 f'"cost": {{"input": 1.5, "output": 6}}, "options": {{"temperature": 0.2}}}}')
        models.append(entry)
        total += len(entry) + 2
        i += 1
    return ('{\n  "$schema": "https://opencode.ai/config.json",\n  "model": "mixroute/model-0",\n'
            '  "provider": {\n    "mixroute": {\n      "npm": "@ai-sdk/openai-compatible",\n'
            '      "options": {"baseURL": "https://console.mixroute.io/v1", "apiKey": "{env:MIXROUTE_API_KEY}"},\n'
            '      "models": {\n' + ",\n".join(models) + "\n      }\n    }\n  }\n}\n")


# -- the tools ---------------------------------------------------------------------------


class Tools:
    def __init__(self, python: Path, oclint: Path):
        self.python, self.oclint_bin = python, oclint
        self.agnix_bin = shutil.which("agnix", path=str(BIN)) or shutil.which("agnix")
        self.checker_bin = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")

    def floor(self) -> list[str]:
        return [str(self.python), "-c", "pass"]

    def oclint(self, paths, *extra) -> list[str]:
        return [str(self.oclint_bin), "--isolated", "--output-format", "concise", "-q", "--exit-zero",
                *extra, *map(str, paths)]

    def agnix(self, paths, *extra) -> list[str]:
        return [self.agnix_bin, *extra, *map(str, paths)]

    def checker(self, paths) -> list[str]:
        return [self.checker_bin, "--force-filetype", "json5", "--schemafile", str(SCHEMA), *map(str, paths)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def per_file(tools: Tools, work: Path, runs: int) -> dict:
    paths = lay_out(work / "corpus", [read(p) for p in corpus_files()])
    rows: dict[str, list[Sample]] = {"python -c pass": [], "oclint": [], "agnix": [], "check-jsonschema": []}
    for path in paths:          # the tools in turn on each file: they share the machine's moods
        rows["python -c pass"].append(best(tools.floor(), runs))
        rows["oclint"].append(best(tools.oclint([path]), runs))
        rows["agnix"].append(best(tools.agnix([path]), runs))
        rows["check-jsonschema"].append(best(tools.checker([path]), 1))
    return {name: (statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples))
            for name, samples in rows.items()} | {"files": len(paths)}


AGENT_FILES = ROOT.parent / "shared" / "corpus-md"


def agent_folder(tools: Tools, work: Path, runs: int, count: int = 50) -> tuple[Sample, Sample]:
    """oclint on a config folder's opencode.jsonc alone, and with ``count`` agent files
    beside it (real ones, cycled), in one invocation as discovery would hand them over."""
    folder = work / "agents" / ".opencode"
    (folder / "agent").mkdir(parents=True)
    config = folder / "opencode.jsonc"
    config.write_text(read(TYPICAL))
    sources = sorted(AGENT_FILES.glob("agent-*.md"))
    agents = []
    for i in range(count):
        agents.append(folder / "agent" / f"agent-{i:02}.md")
        agents[-1].write_bytes(sources[i % len(sources)].read_bytes())
    return best(tools.oclint([config]), runs), best(tools.oclint([config, *agents]), runs)


def print_agent_folder(tools: Tools, work: Path, runs: int) -> None:
    alone, with_agents = agent_folder(tools, work, runs)
    each = (with_agents.cpu - alone.cpu) * 1000 / 50
    print("a config folder with 50 agent files (../shared/corpus-md), one invocation:")
    print(f"  config alone {ms(alone.wall)} ({ms(alone.cpu)}), with 50 agent files {ms(with_agents.wall)} "
          f"({ms(with_agents.cpu)})")
    print(f"  target: each agent file adds <= 1 ms: {each:.2f} ms by CPU "
          f"({(with_agents.wall - alone.wall) * 1000 / 50:.2f} ms by wall): {verdict(each <= 1)}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the fastest counts)")
    parser.add_argument("--only", default="per-file,batch,big,fix,fixes,memory,agents,server",
                        help="comma-separated: per-file, batch, big, fix, fixes, memory, agents, server")
    args = parser.parse_args()
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="oclint-bench-"))
    try:
        if "server" in only:
            server_latency(work, args.runs)
            if only == {"server"}:
                return 0
        python, script = installed(work)
        tools = Tools(python, script)
        if only == {"agents"}:
            print_agent_folder(tools, work, args.runs)
            return 0
        missing = [n for n, b in (("agnix", tools.agnix_bin), ("check-jsonschema", tools.checker_bin)) if not b]
        if missing:
            print(f"not installed here: {', '.join(missing)} (pip install agnix check-jsonschema)")
            return 2
        version = subprocess.run([tools.agnix_bin, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"oclint (this tree) vs {version}, check-jsonschema, python -c pass; {os.cpu_count()} CPUs, "
              f"load {os.getloadavg()[0]:.1f}; times: wall (CPU)\n")
        results = {}

        if "per-file" in only:
            r = per_file(tools, work, args.runs)
            floor_wall, floor_cpu = r["python -c pass"]
            print(f"per real file, median over {r['files']} corpus files (each file its own process):")
            for name in ("python -c pass", "oclint", "agnix", "check-jsonschema"):
                wall, cpu = r[name]
                print(f"  {name:18} {ms(wall):>10} ({ms(cpu)})   {wall / floor_wall:5.1f}x python -c pass "
                      f"({cpu / floor_cpu:.1f}x)")
            ratio = r["oclint"][1] / floor_cpu
            results["per-file"] = ratio
            results["per-file-oclint-cpu"] = r["oclint"][1]
            print(f"  target: oclint <= 4x python -c pass: {ratio:.1f}x by CPU, "
                  f"{r['oclint'][0] / floor_wall:.1f}x by wall: {verdict(ratio <= 4)}\n")

        texts = [read(p) for p in corpus_files()]
        batch = lay_out(work / "batch", [texts[i % len(texts)] for i in range(1000)])
        if "batch" in only or "fix" in only:
            ours = best(tools.oclint(batch), args.runs)
            one = best(tools.oclint(batch), args.runs, env={"OCLINT_JOBS": "1"})
            theirs = best(tools.agnix(batch), args.runs)
            checker = best(tools.checker(batch), 1)
            print("1,000 configs (the corpus repeated), one invocation:")
            print(f"  oclint {ms(ours.wall)} ({ms(ours.cpu)}; in one process, OCLINT_JOBS=1: {ms(one.wall)} "
                  f"({ms(one.cpu)})), agnix {ms(theirs.wall)} ({ms(theirs.cpu)}), "
                  f"check-jsonschema {ms(checker.wall)} ({ms(checker.cpu)})")
            print(f"  target: oclint <= 2x agnix: {ours.wall / theirs.wall:.1f}x by wall "
                  f"({ours.cpu / theirs.cpu:.1f}x by CPU): {verdict(ours.wall <= 2 * theirs.wall)}")
            if "per-file" in results:   # each file is still judged in its own load context
                alone = 1000 * results["per-file-oclint-cpu"]
                print(f"  one run against one process per file (1,000 x the per-file median): "
                      f"{ours.cpu / alone:.2f}x by CPU")
            print()
            results["batch"], results["batch-one"] = ours, one

        if "fix" in only:
            fixing = work / "fixing"

            def fresh():
                shutil.rmtree(fixing, ignore_errors=True)
                shutil.copytree(work / "batch", fixing)
            fixed_paths = [fixing / p.relative_to(work / "batch") for p in batch]
            ours_fix = best(tools.oclint(fixed_paths, "--fix"), args.runs, fresh)
            theirs_fix = best(tools.agnix(fixed_paths, "--fix"), args.runs, fresh)
            # --fix runs in one process: its CPU time is held to the one-process lint's (the
            # workers' start-up would flatter the ratio), its wall time to the default lint's
            lint, lint_one = results["batch"], results["batch-one"]
            print("--fix on the 1,000 configs (a fresh copy each run):")
            print(f"  oclint {ms(ours_fix.wall)} ({ms(ours_fix.cpu)}), agnix --fix {ms(theirs_fix.wall)} "
                  f"({ms(theirs_fix.cpu)})")
            print(f"  target: <= 2x linting them: {ours_fix.cpu / lint_one.cpu:.1f}x by CPU (against the lint "
                  f"in one process; {ours_fix.wall / lint.wall:.1f}x the default lint's wall time): "
                  f"{verdict(ours_fix.cpu <= 2 * lint_one.cpu)}\n")

        if "fixes" in only:
            fixes(tools, work, args.runs)

        if "big" in only:
            one, ten = lay_out(work / "big", [big_config(1_000_000), big_config(10_000_000)])
            ours1, ours10 = best(tools.oclint([one]), args.runs), best(tools.oclint([ten]), args.runs)
            agnix1, agnix10 = best(tools.agnix([one]), args.runs), best(tools.agnix([ten]), args.runs)
            checker1 = best(tools.checker([one]), 1)
            floor = best(tools.floor(), 5)
            print("big configs (one provider with many models):")
            print(f"  1 MB:  oclint {ms(ours1.wall)} ({ms(ours1.cpu)}), agnix {ms(agnix1.wall)}, "
                  f"check-jsonschema {ms(checker1.wall)}")
            print(f"  10 MB: oclint {ms(ours10.wall)} ({ms(ours10.cpu)}), agnix {ms(agnix10.wall)}, "
                  "check-jsonschema not run (minutes)")
            growth = (ours10.cpu - floor.cpu) / (ours1.cpu - floor.cpu)
            print(f"  target: 1 MB <= 0.3 s: {ours1.cpu:.2f} s by CPU ({ours1.wall:.2f} s wall): "
                  f"{verdict(ours1.cpu <= 0.3)}")
            print(f"  target: 10x the input in <= 10x the time: {ours10.cpu / ours1.cpu:.1f}x "
                  f"({growth:.1f}x without the interpreter's start): {verdict(ours10.cpu <= 10 * ours1.cpu)}\n")

        if "agents" in only:
            print_agent_folder(tools, work, args.runs)

        if "memory" in only:
            typical = lay_out(work / "typical", [read(TYPICAL)])[0]
            rows = [("python -c pass", tools.floor()), ("oclint", tools.oclint([typical])),
                    ("agnix", tools.agnix([typical])), ("check-jsonschema", tools.checker([typical]))]
            print(f"peak memory (max RSS), typical file (corpus {TYPICAL.name}, {TYPICAL.stat().st_size:,} bytes):")
            peaks = {name: max(peak_memory(argv) for _ in range(3)) for name, argv in rows}
            for name, peak in peaks.items():
                print(f"  {name:18} {peak / MIB:6.1f} MiB")
            print(f"  target: oclint <= 20 MiB: {verdict(peaks['oclint'] <= 20 * MIB)}\n")
            print("where a typical run's time goes:")
            for step, seconds in breakdown(python, script, typical):
                print(f"  {step:48} {seconds * 1000:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def many_fixes(count: int) -> str:
    """A config with ``count`` safe fixes (OC306: `${VAR}` that OpenCode never expands)."""
    items = ",\n    ".join(f'"${{DIR_{i}}}/notes-{i}.md"' for i in range(count))
    return ('{\n  "$schema": "https://opencode.ai/config.json",\n  "instructions": [\n    '
            + items + "\n  ]\n}\n")


def fixes(tools: Tools, work: Path, runs: int) -> None:
    """--fix cost in the number of fixes in one file: 1,600 and 16,000 (about 540 KB)."""
    rows = {}
    for count in (1600, 16000):
        source = lay_out(work / f"fixes-{count}", [many_fixes(count)])[0]
        target = work / f"fixing-{count}" / "opencode.json"

        def fresh(source=source, target=target):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
        fresh()
        lint = best(tools.oclint([target]), runs)
        fix = best(tools.oclint([target], "--fix"), runs, fresh)
        rows[count] = (lint, fix)
    print("--fix on one file with many fixes (OC306 ${VAR}, a fresh copy each run):")
    for count, (lint, fix) in rows.items():
        print(f"  {count:6,} fixes: lint {ms(lint.wall)} ({ms(lint.cpu)}), --fix {ms(fix.wall)} ({ms(fix.cpu)}),"
              f" {fix.cpu / lint.cpu:.1f}x the lint")
    growth = rows[16000][1].cpu / rows[1600][1].cpu
    print(f"  target: 10x the fixes in <= 11x the time: {growth:.1f}x by CPU: {verdict(growth <= 11)}\n")


def breakdown(python: Path, script: Path, path: Path) -> list[tuple[str, float]]:
    """The imports of the real command by package (from ``-X importtime``, which adds a
    little of its own), then each step in one process."""
    out = subprocess.run([str(python), "-X", "importtime", str(script), "--isolated", "-q", "--exit-zero",
                          str(path)], capture_output=True, text=True).stderr
    packages: dict[str, float] = {}
    for line in out.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        if self_us.isdigit():
            top = name.split(".")[0]
            top = top if top in ("linter", "rules", "click", "jsonschema", "referencing", "json5", "ruamel") \
                else "the standard library"
            packages[top] = packages.get(top, 0.0) + int(self_us) / 1e6
    steps = [(f"import {name}", t) for name, t in sorted(packages.items(), key=lambda kv: -kv[1])]
    code = f"""
import gc, json, time
gc.disable()
from linter import engine, files, output
from linter.registry import REGISTRY, select
import rules
from rules import schema
t1 = time.perf_counter()
doc, _ = files.read({str(path)!r})
doc.parse
t2 = time.perf_counter()
run = engine.Run({{}})
schema.findings(engine.Context(doc, run))
t3 = time.perf_counter()
ds = engine.lint(doc, select(REGISTRY.values()), run, None, rules.knowledge().postprocess)
t4 = time.perf_counter()
output.render("concise", output.Report([output.FileResult(doc.path, doc, ds)]))
t5 = time.perf_counter()
print(json.dumps([t2 - t1, t3 - t2, t4 - t3, t5 - t4]))
"""
    measured = json.loads(subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                                         cwd=ROOT).stdout)
    return steps + list(zip(["read + parse", "schema check", "the other rules (imports included)", "output"],
                            measured))


# -- `oclint server`: from a change to its diagnostics ------------------------------------

def server_latency(work: Path, runs: int) -> None:
    """Change-to-diagnostics latency of `oclint server` (issue 16): a real client's
    messages over stdio, the server's own debounce, one edit of a value at a time; the
    median over 20 edits of the typical file and over max(runs, 5) of a 1 MB one.
    Target: a typical file's diagnostics within 50 ms of the change."""
    print(f"oclint server, change to diagnostics (stdio, default debounce; load {os.getloadavg()[0]:.1f}):")
    for name, text, edits in (("typical file", read(TYPICAL) if TYPICAL.exists() else big_config(3_000), 20),
                              ("1 MB", big_config(1_000_000), max(runs, 5))):
        path = lay_out(work / "server" / name.replace(" ", "-"), [text])[0]
        server = _Lsp([str(BIN / "oclint"), "server"])
        try:
            server.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
            server.notify("initialized", {})
            uri = path.resolve().as_uri()
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "jsonc", "version": 0, "text": text}})
            server.diagnostics(uri, 0)
            times = []
            for version in range(1, edits + 1):
                edited = text.replace('"$schema"', f'"$schema{version % 2 or ""}"', 1)
                begin = time.perf_counter()
                server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"text": edited}]})
                server.diagnostics(uri, version)
                times.append(time.perf_counter() - begin)
        finally:
            server.close()
        median = statistics.median(times)
        target = f"; target <= 50 ms: {verdict(median <= 0.05)}" if name == "typical file" else ""
        print(f"  {name:13} ({len(text.encode()):,} bytes): median {ms(median)}, worst {ms(max(times))} "
              f"over {edits} edits{target}")
    print()


class _Lsp:
    """Just enough of an LSP client for the latency figures: framed JSON-RPC on pipes."""

    def __init__(self, argv: list[str]):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.ids = 0

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self) -> dict:
        length = 0
        while (line := self.proc.stdout.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        if not length:
            raise RuntimeError("the server closed its output")
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: dict) -> dict:
        self.ids += 1
        self.send({"id": self.ids, "method": method, "params": params})
        while (message := self.receive()).get("id") != self.ids:
            pass
        return message

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> list:
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri \
                    and params.get("version") == version:
                return params["diagnostics"]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


if __name__ == "__main__":
    sys.exit(main())
