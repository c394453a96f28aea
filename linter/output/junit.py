"""JUnit XML: a test case per file, a failure per diagnostic."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from linter.output import Report


def render(report: Report) -> str:
    cases, failures = [], 0
    for result in report.results:
        body = []
        for d in result.diagnostics:
            failures += 1
            text = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
            body.append(f'      <failure type={quoteattr(d.code)} message={quoteattr(d.message)}>'
                        f"{escape(text)}</failure>\n")
        cases.append(f'    <testcase classname="oclint" name={quoteattr(result.path)}>\n'
                     + "".join(body) + "    </testcase>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="oclint" tests="{len(cases)}" failures="{failures}">\n'
            f'  <testsuite name="oclint" tests="{len(cases)}" failures="{failures}" errors="0">\n'
            + "".join(cases) + "  </testsuite>\n</testsuites>\n")
