"""oclint against check-jsonschema, side by side, on the same inputs.

    .venv/bin/pip install check-jsonschema
    .venv/bin/python tests/benchmark.py [--runs 7]

Prints, per input, the median wall time of each tool and their ratio, then where the time
of a typical oclint run goes. check-jsonschema runs with `--force-filetype json5` and
oclint's own schema, so both validate the same documents against the same schema.
Targets: a typical config in at most 0.3x check-jsonschema's time and 8x `python -c
pass`; 1 MB in under 0.5 s; 10x the input in at most 11x the time.
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
TYPICAL = ROOT.parent / "shared" / "corpus" / "011.jsonc"     # 2.7 KB, comments, agents, MCP


def typical_text() -> str:
    if TYPICAL.exists():
        return TYPICAL.read_text(encoding="utf-8")
    return (ROOT / "examples" / "opencode.jsonc").read_text(encoding="utf-8")


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


def median_time(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def oclint(paths) -> list[str]:
    return [str(BIN / "oclint"), "--output-format", "concise", "-q", "--exit-zero", *map(str, paths)]


def checker(paths) -> list[str]:
    return [str(BIN / "check-jsonschema"), "--force-filetype", "json5", "--schemafile", str(SCHEMA),
            *map(str, paths)]


def breakdown(path: Path) -> list[tuple[str, float]]:
    """Where a typical run's time goes: the imports of the real command by package (from
    ``-X importtime``, which adds a little of its own), then each step in one process."""
    out = subprocess.run([sys.executable, "-X", "importtime", *oclint([path])], capture_output=True,
                         text=True).stderr
    packages: dict[str, float] = {}
    for line in out.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        if self_us.isdigit():
            top = name.split(".")[0]
            top = top if top in ("linter", "rules", "click", "jsonschema", "referencing", "json5", "ruamel") \
                else "the standard library and site"
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
run = engine.Run({{}}, [doc])
schema.findings(engine.Context(doc, run))
t3 = time.perf_counter()
ds = engine.lint(doc, select(REGISTRY.values()), run, None, rules.knowledge().postprocess)
t4 = time.perf_counter()
output.render("concise", output.Report([output.FileResult(doc.path, doc, ds)]))
t5 = time.perf_counter()
print(json.dumps([t2 - t1, t3 - t2, t4 - t3, t5 - t4]))
"""
    measured = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                         cwd=ROOT).stdout)
    return steps + list(zip(["read + parse", "schema check", "the other rules", "output"], measured))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not (BIN / "check-jsonschema").exists():
        print("check-jsonschema is not installed in this environment: pip install check-jsonschema")
        return 2
    work = Path(tempfile.mkdtemp(prefix="oclint-bench-"))
    try:
        typical = work / "typical.jsonc"
        typical.write_text(typical_text())
        batch = work / "batch"
        batch.mkdir()
        for i in range(1000):
            (batch / f"c{i}.jsonc").write_text(typical_text())
        one_mb, ten_mb = work / "1mb.json", work / "10mb.json"
        one_mb.write_text(big_config(1_000_000))
        ten_mb.write_text(big_config(10_000_000))

        baseline = median_time([sys.executable, "-c", "pass"], args.runs)
        rows = []
        print(f"python -c pass: {baseline * 1000:.0f} ms (median of {args.runs})\n")
        print(f"{'input':34} {'oclint':>10} {'check-jsonschema':>17} {'ratio':>7}", flush=True)
        # check-jsonschema's pure-Python JSON5 reader needs minutes for 10 MB: it runs once there
        for label, paths, runs, their_runs in [
            (f"typical config ({typical.stat().st_size / 1000:.1f} KB)", [typical], args.runs, args.runs),
            ("1,000 configs, one invocation", sorted(batch.iterdir()), 3, 3),
            ("1 MB config", [one_mb], 3, 3),
            ("10 MB config", [ten_mb], 3, 1),
        ]:
            ours = median_time(oclint(paths), runs)
            theirs = median_time(checker(paths), their_runs)
            rows.append((label, ours, theirs))
            print(f"{label:34} {ours * 1000:>8.0f}ms {theirs * 1000:>15.0f}ms {ours / theirs:>6.2f}x", flush=True)
        typical_ours = rows[0][1]
        growth = rows[3][1] / rows[2][1]
        print()
        print(f"typical: {typical_ours / rows[0][2]:.2f}x check-jsonschema (target <= 0.3x), "
              f"{typical_ours / baseline:.1f}x python -c pass (target <= 8x)")
        print(f"1 MB: {rows[2][1]:.2f} s (target < 0.5 s); 10x the input: {growth:.1f}x the time (target <= 11x)")
        print(f"\nwhere a typical run's time goes (python -c pass: {baseline * 1000:.0f} ms):")
        for step, seconds in breakdown(typical):
            print(f"  {step:48} {seconds * 1000:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
