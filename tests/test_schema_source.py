"""--schema: a path or a URL (fetched once, cached on disk, offline falls back and says so)."""

import http.server
import json
import threading

import pytest
from click.testing import CliRunner

from linter.cli import main
from rules import schema

CONFIG = '{"$schema": "https://opencode.ai/config.json", "newkey": 1}\n'
NEWER = {"type": "object", "properties": {"$schema": {"type": "string"}, "newkey": {"type": "integer"}},
         "additionalProperties": False}


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(schema, "_LOADED", {})
    f = tmp_path / "opencode.json"
    f.write_text(CONFIG)
    return f


def run(*args):
    return CliRunner().invoke(main, ["--output-format", "concise", "--select", "OC201", *args])


@pytest.fixture
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        hits = 0

        def do_GET(self):
            Handler.hits += 1
            body = json.dumps(NEWER).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/config.json", Handler, httpd
    httpd.shutdown()


def test_bundled_schema_reports_the_unknown_key(fresh):
    result = run(str(fresh))
    assert result.exit_code == 1 and "unknown key `newkey`" in result.stdout


def test_schema_from_a_path(fresh, tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(NEWER))
    result = run("--schema", str(newer), str(fresh))
    assert result.exit_code == 0, result.output


def test_schema_from_a_url_is_cached_and_used_offline(fresh, server, monkeypatch):
    url, handler, httpd = server
    assert run("--schema", url, str(fresh)).exit_code == 0
    assert handler.hits == 1
    assert list((fresh.parent / "cache" / "oclint").glob("schema-*.json"))
    httpd.shutdown()
    httpd.server_close()
    monkeypatch.setattr(schema, "_LOADED", {})
    result = run("--schema", url, str(fresh))
    assert result.exit_code == 0
    assert result.stderr.count("using the cached copy") == 1


def test_unreachable_url_without_cache_uses_the_bundled_schema(fresh):
    result = run("--schema", "http://127.0.0.1:9/config.json", str(fresh))
    assert result.stderr.count("using the bundled schema") == 1
    assert "unknown key `newkey`" in result.stdout


@pytest.mark.parametrize("content,message", [(None, "No such file"), ("{", "not JSON"),
                                             ('{"type": 5}', "not a valid JSON Schema")])
def test_bad_schema_is_a_usage_error(fresh, tmp_path, content, message):
    path = tmp_path / "s.json"
    if content is not None:
        path.write_text(content)
    result = run("--schema", str(path), str(fresh))
    assert result.exit_code == 2 and message in result.stderr


def test_bundled_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator
    Draft202012Validator.check_schema(schema.load(None))
