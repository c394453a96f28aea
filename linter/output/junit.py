"""JUnit XML: a test case per file, a failure per diagnostic."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from linter.output import Report
from linter.redact import printable


def render(report: Report) -> str:
    cases, failures = [], 0
    for result in report.results:
        body = []
        for d in result.diagnostics:
            failures += 1
            # control characters shown escaped: XML 1.0 has no spelling for most of them
            message = printable(d.message)
            text = f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {message}"
            body.append(f'      <failure type={quoteattr(d.code)} message={quoteattr(message)}>'
                        f"{escape(text)}</failure>\n")
        cases.append(f'    <testcase classname="oclint" name={quoteattr(printable(result.path))}>\n'
                     + "".join(body) + "    </testcase>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="oclint" tests="{len(cases)}" failures="{failures}">\n'
            f'  <testsuite name="oclint" tests="{len(cases)}" failures="{failures}" errors="0">\n'
            + "".join(cases) + "  </testsuite>\n</testsuites>\n")
