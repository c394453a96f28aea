"""Hostile and odd input through the real command: a diagnostic or a one-line error, never
a traceback, in bounded time and memory."""

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

OCLINT = str(Path(sys.executable).with_name("oclint"))


def oclint(*args, timeout=120):
    proc = subprocess.run([OCLINT, "--output-format", "concise", *args], capture_output=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1"})
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out, out[-2000:]
    return proc.returncode, out


def error_line(out):
    lines = [l for l in out.splitlines() if l.startswith("oclint: error:")]
    assert len(lines) == 1, out
    return lines[0]


@pytest.mark.parametrize("name,data,code", [
    ("empty", b"", "OC101"),
    ("whitespace", b"  \n\t\r\n ", "OC101"),
    ("nul", b'{"a": "\x00"}', "OC104"),
    ("binary", bytes(range(256)) * 4, "OC104"),
    ("invalid-utf8", b'{"name": "caf\xe9"}', "OC104"),
    ("utf16-bom", b"\xff\xfe{\x00}\x00", "OC104"),
])
def test_odd_content_is_a_diagnostic(tmp_path, name, data, code):
    f = tmp_path / "opencode.json"
    f.write_bytes(data)
    status, out = oclint(str(f))
    assert status == 1 and f"{code} " in out


def test_deep_nesting_and_wide_arrays(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    status, out = oclint(str(deep))
    assert status == 1 and "NestingTooDeep" in out
    wide = tmp_path / "wide.json"
    wide.write_text('{"instructions": [' + ",".join(['"a.md"'] * 1_000_000) + "]}")
    status, out = oclint(str(wide), "--select", "OC1")
    assert status == 0, out


def test_large_files_in_bounded_memory(tmp_path):
    line = tmp_path / "line.json"                        # a 10 MB single line
    line.write_text('{"username": "' + "x" * 10_000_000 + '"}')
    status, out = oclint(str(line), "--select", "OC1")
    assert status == 0, out
    big = tmp_path / "big.json"                          # 50 MB of members
    with open(big, "w") as handle:
        handle.write("{\n")
        member = '  "k%d": {"name": "%s", "list": [1, 2, 3, true, null]},\n'
        i, size = 0, 0
        while size < 50_000_000:
            text = member % (i, "v" * 40)
            handle.write(text)
            size += len(text)
            i += 1
        handle.write('  "end": 0\n}\n')
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    status, out = oclint(str(big), "--select", "OC10", timeout=600)
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    assert status == 0, out[-500:]
    assert peak_kb < 4_000_000            # well under 4 GB for a 50 MB file (a blow-up guard)


def test_paths_that_are_not_readable_files(tmp_path):
    status, out = oclint(str(tmp_path))       # a folder holding no config file
    assert status == 0 and "no OpenCode config files found under" in out
    status, out = oclint(str(tmp_path / "missing.json"))
    assert status == 2 and "no such file" in error_line(out)
    link = tmp_path / "opencode.json"
    link.symlink_to(tmp_path / "gone.json")
    status, out = oclint(str(link))
    assert status == 2 and "broken symbolic link" in error_line(out)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    status, out = oclint(str(fifo), timeout=20)
    assert status == 2 and "not a regular file" in error_line(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permission bits; "
                                                "tests/test_cli.py covers the error path by denying the open")
def test_file_without_read_permission(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text("{}")
    f.chmod(0)
    status, out = oclint(str(f))
    assert status == 2 and "permission denied" in error_line(out)


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab"])
def test_lone_surrogate_escapes_print_in_every_format(tmp_path, fmt):
    f = tmp_path / "opencode.json"
    f.write_text('{\n  "share": "\\ud800",\n  "model": "x\\ud83d\\ude00/y"\n}\n')
    proc = subprocess.run([OCLINT, "--isolated", "--output-format", fmt, str(f)], capture_output=True,
                          env={**os.environ, "NO_COLOR": "1"})
    out = proc.stdout.decode("utf-8")           # valid UTF-8: the lone surrogate is written as an escape
    assert proc.returncode == 1 and "Traceback" not in out + proc.stderr.decode("utf-8", "replace")
    assert "OC203" in out and "ud800" in out and "\ud800" not in out
    assert "x\U0001F600" in out or "x\\ud83d\\ude00" in out.replace("\\\\", "\\")
    report = tmp_path / "report.txt"
    proc = subprocess.run([OCLINT, "--isolated", "--output-format", fmt, "-o", str(report), str(f)],
                          capture_output=True)
    assert proc.returncode == 1 and "OC203" in report.read_text(encoding="utf-8")


def test_fixes_never_write_a_raw_surrogate(tmp_path):
    f = tmp_path / "opencode.json"
    f.write_text("{'a': '\\ud800', 'b': '\\ud83d\\ude00'}\n")
    status, out = oclint("--isolated", "--fix", "--select", "OC102", str(f))
    assert status == 0, out
    assert f.read_text(encoding="utf-8") == '{"a": "\\ud800", "b": "\U0001F600"}\n'


def test_many_findings_on_one_line_and_many_misspelt_references(tmp_path):
    """Work per finding must not grow with the file: 20,000 findings on one 400 KB line,
    and 600 references each a typo away from one of 600 providers."""
    import json
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({f"zzkey{i}": i for i in range(20_000)}))
    for fmt in ("full", "sarif", "gitlab"):
        status, out = oclint("--isolated", "--output-format", fmt, str(keys), timeout=60)
        assert status == 1 and out.count("zzkey19999") >= 1
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps({
        "provider": {f"provider{i:04d}x": {"npm": "@ai-sdk/openai-compatible", "models": {"m": {}}} for i in range(600)},
        "agent": {f"a{i}": {"model": f"provdier{i:04d}y/m"} for i in range(600)}}))
    status, out = oclint("--isolated", str(refs), timeout=60)
    assert status == 0 and out.count("OC302") == 600     # warnings: the providers may be elsewhere
