"""`--output-format junit`: one <testsuite> per file, one failing <testcase> per finding.

A clean file is one passing testcase; a file that could not be checked is one testcase with an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from rectlint.diagnostics import Diagnostic
from rectlint.report.about import NAME
from rectlint.report.base import FileResult, ReportContext, Reporter

# Characters XML 1.0 cannot hold even escaped (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, path: str, name: str, line: int | None = None) -> ET.Element:
    attrs = {"name": _clean(name), "classname": _clean(path), "file": _clean(path)}
    if line is not None:
        attrs["line"] = str(line)
    return ET.SubElement(suite, "testcase", attrs)


class Junit(Reporter):
    reports_errors = True

    def __init__(self, context: ReportContext) -> None:
        super().__init__(context)
        self.root = ET.Element("testsuites", name=NAME)

    def file(self, result: FileResult) -> str:
        self.count(result)
        suite = ET.SubElement(self.root, "testsuite", name=_clean(result.path))
        failures = errors = 0
        if result.error:
            ET.SubElement(_case(suite, result.path, "check"), "error",
                          message=_clean(result.error), type="file-error").text = _clean(result.error)
            errors = 1
        elif not result.diagnostics:
            _case(suite, result.path, "check")
        for d in result.diagnostics:
            self.failure(suite, result.path, d)
            failures += 1
        suite.set("tests", str(max(1, failures + errors)))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        return ""

    def failure(self, suite: ET.Element, path: str, d: Diagnostic) -> None:
        case = _case(suite, path, f"{d.code} {d.name} ({d.line}:{d.column})", d.line)
        ET.SubElement(case, "failure", message=_clean(d.message), type=d.code).text = _clean(
            f"{path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")

    def finish(self) -> str:
        suites = self.root.findall("testsuite")
        for key in ("tests", "failures", "errors"):
            self.root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
        ET.indent(self.root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(self.root, encoding="unicode") + "\n"
