"""Gateway base URLs: the `gateways` entries that name a server, and MR102's fix, which
must only ever write a URL that MR102, OC308 and OC402 accept, keeping the query and
fragment, or else give no fix and say why."""

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from lintkit import fix_text, lint_text
from rules import urls

URL_RULES = ["MR102", "OC308", "OC402"]


def config(url: str, where: str = "baseURL", pid: str = "mixroute") -> str:
    provider = {"npm": "@ai-sdk/openai-compatible", "models": {"gpt-4o": {}}}
    if where == "baseURL":
        provider["options"] = {"baseURL": url}
    elif where == "api":
        provider["api"] = url
    else:
        provider["models"]["gpt-4o"] = {"provider": {"api": url}}
    return json.dumps({"provider": {pid: provider}}, indent=2)


@pytest.mark.parametrize("entry, url, named", [
    ("http://your-server:3003/v1", "http://your-server:3003", True),        # the README's example
    ("http://your-server:3003/v1", "https://your-server:3003/v1/", True),
    ("http://your-server:3003/v1", "your-server:3003/v1/chat/completions", True),
    ("http://your-server:3003/v1", "http://YOUR-SERVER:3003/v2", True),
    ("http://your-server:3003/v1", "http://your-server:4000/v1", False),
    ("http://your-server:3003/v1", "http://your-server/v1", False),
    ("http://your-server:3003/v1", "http://other:3003/v1", False),
    ("your-server", "http://your-server:4000/v1", True),                     # no port: any port
    ("your-server:3003", "http://your-server:3003", True),
    ("https://gw.corp/openai/v1", "https://gw.corp/openai", True),           # a path prefix
    ("https://gw.corp/openai/v1", "https://gw.corp/openai/v1/responses", True),
    ("https://gw.corp/openai/v1", "https://gw.corp/anthropic/v1", False),
    ("https://gw.corp/openai/v1", "https://gw.corp/openaix", False),
    ("https://gw.corp:443/v1", "https://gw.corp", True),                     # the scheme's port
])
def test_gateway_entry_names_the_server(entry, url, named):
    assert urls.entry_matches(entry, url) is named


def test_readme_gateways_example_switches_mr102_and_mr103_on():
    text = json.dumps({"provider": {"company": {
        "npm": "@ai-sdk/openai-compatible", "options": {"baseURL": "http://your-server:3003"},
        "models": {"gpt-5.1-codex": {}}}}})
    found = {d.code for d in lint_text(text, ["MR"], {"gateways": ["http://your-server:3003/v1"]})}
    assert {"MR102", "MR103"} <= found


# -- MR102's fix, as a property over generated URLs ------------------------------------

HOSTS = st.sampled_from(["console.mixroute.io", "api.mixroute.io", "your-server", "gw.example.com",
                         "127.0.0.1", "10.0.0.7", "[::1]"])
SEGMENT = st.sampled_from(["v1", "V1", "v2", "v1beta", "api", "openai", "chat", "completions",
                           "responses", "chat/completions", "", "x y"])


@st.composite
def gateway_urls(draw):
    scheme = draw(st.sampled_from(["https://", "http://", "HTTPS://", "", "//"]))
    host = draw(HOSTS)
    port = draw(st.sampled_from(["", ":3003", ":443"]))
    path = "".join("/" + s for s in draw(st.lists(SEGMENT, max_size=3)))
    slash = draw(st.sampled_from(["", "/", "//"]))
    query = draw(st.sampled_from(["", "?x=1", "?api-version=2024-10-01&a=b", "?"]))
    fragment = draw(st.sampled_from(["", "#frag", "#"]))
    pad = draw(st.sampled_from([("", ""), (" ", ""), ("", " "), ("\t", " ")]))
    return pad[0] + scheme + host + port + path + slash + query + fragment + pad[1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gateway_urls(), st.sampled_from(["baseURL", "api", "model"]), st.sampled_from(["mixroute", "company"]))
def test_mr102_fix_writes_only_urls_the_url_rules_accept(url, where, pid):
    options = {"gateways": ["company"]}
    text = config(url, where, pid)
    found = [d for d in lint_text(text, ["MR102"], options) if d.code == "MR102"]
    fixed, _ = fix_text(text, ["MR102"], options, unsafe=True)
    if not found:
        assert fixed == text
        return
    (diagnostic,) = found
    if diagnostic.fix is None:
        assert "(no fix: " in diagnostic.message
        assert fixed == text
        return
    assert fixed != text
    assert [d.code for d in lint_text(fixed, URL_RULES, options)] == []
    data = json.loads(fixed)["provider"][pid]
    new = data["options"]["baseURL"] if where == "baseURL" else \
        data["api"] if where == "api" else data["models"]["gpt-4o"]["provider"]["api"]
    before, after = urls.split(url.strip()), urls.split(new)
    assert (after.query, after.fragment) == (before.query, before.fragment)
    assert after.netloc == before.netloc
    assert after.path.endswith("/v1")


@pytest.mark.parametrize("url, fixed", [
    ("https://console.mixroute.io/v1?x=1", None),           # accepted as it is
    ("https://console.mixroute.io?x=1", "https://console.mixroute.io/v1?x=1"),
    ("https://console.mixroute.io/#frag", "https://console.mixroute.io/v1#frag"),
    ("https://console.mixroute.io/v1 ", "https://console.mixroute.io/v1"),
    ("https://console.mixroute.io/V1", "https://console.mixroute.io/v1"),
    ("console.mixroute.io/v1", "https://console.mixroute.io/v1"),
    ("http://console.mixroute.io", "https://console.mixroute.io/v1"),
])
def test_mr102_fix_examples_from_issue_15(url, fixed):
    text = config(url)
    out, _ = fix_text(text, ["MR102"], {}, unsafe=True)
    assert json.loads(out)["provider"]["mixroute"]["options"]["baseURL"] == (fixed or url)


@pytest.mark.parametrize("url", ["https://console.mixroute.io/v2", "https://console.mixroute.io/v1beta"])
def test_mr102_no_fix_for_another_version_and_says_why(url):
    (d,) = lint_text(config(url), ["MR102"])
    assert d.fix is None and "another API version" in d.message and "no fix" in d.message
