#!/usr/bin/env python3
"""Checks reglint's reports beyond the schemas, as CI consumers read them.

SARIF: Draft-04 and Draft-07 (with format checking, which also catches bad uri-references) against
the OASIS schema, then the GitHub code-scanning ingestion rules that no schema states (reports.md 4.2).
JUnit: the junit-10.xsd schema through lxml, then structure checks (reports.md 4.3): unique cases,
one result element per case with text and message, suite counts equal to the counted cases.
Usage: check_reports.py SCHEMA_DIR FILE...   (FILE ending in .sarif or .xml). Exit 1 on any problem.
"""
import json
import re
import sys

import jsonschema
from lxml import etree


def sarif_problems(path, schema):
    raw = open(path, "rb").read()
    log = json.loads(raw)
    problems = []
    for validator in (jsonschema.Draft4Validator, jsonschema.Draft7Validator):
        for error in validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(log):
            problems.append(f"{validator.__name__}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    if not re.search(r"sarif(-schema)?-2\.1\.0(\.json)?$", log.get("$schema", "")):
        problems.append("$schema must end in sarif-2.1.0[.json]")
    runs = log.get("runs") or []
    if len(runs) != 1:
        problems.append(f"{len(runs)} runs; reglint writes exactly one")
    for run in runs:
        driver = run["tool"]["driver"]
        rules = driver.get("rules") or []
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            problems.append("duplicate rule ids")
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                text = (rule.get(key) or {}).get("text", "")
                if not text:
                    problems.append(f"rule {rule['id']}: {key}.text missing")
                elif key != "help" and len(text) > 1024:
                    problems.append(f"rule {rule['id']}: {key}.text over 1024 characters")
            props = rule.get("properties", {})
            if len(props.get("tags", [])) > 10:
                problems.append(f"rule {rule['id']}: more than 10 tags")
            sev = props.get("security-severity")
            try:
                ok = isinstance(sev, str) and 0.0 < float(sev) <= 10.0 and float(sev) != 9.0
            except (TypeError, ValueError):
                ok = False
            if not ok:
                problems.append(f"rule {rule['id']}: security-severity {sev!r} must be a numeric string in (0,10], not 9.0")
            if not rule.get("helpUri", "").startswith("https://"):
                problems.append(f"rule {rule['id']}: helpUri must be absolute")
        results = run.get("results")
        if results is None:
            problems.append("results array missing")
            continue
        if results and run.get("columnKind") != "utf16CodeUnits":
            problems.append("columnKind must be utf16CodeUnits")
        if len({("suppressions" in r) for r in results}) > 1:
            problems.append("suppressions on some results only (SARIF 3.27.23)")
        for i, result in enumerate(results):
            where = f"results[{i}]"
            if result.get("ruleId") not in ids:
                problems.append(f"{where}: ruleId not in rules")
            if "ruleIndex" in result and ids[result["ruleIndex"]] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex does not match ruleId")
            if result.get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}: level must be set explicitly")
            if not (result.get("message") or {}).get("text", "").endswith("."):
                problems.append(f"{where}: message.text must be a sentence ending with a period")
            locations = result.get("locations") or []
            if not 1 <= len(locations) <= 10:
                problems.append(f"{where}: needs 1..10 locations")
            for location in locations[:1]:
                physical = location.get("physicalLocation") or {}
                uri = (physical.get("artifactLocation") or {}).get("uri", "")
                if not uri or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri) or uri.startswith("/") \
                        or ".." in uri.split("/") or "\\" in uri or " " in uri:
                    problems.append(f"{where}: uri {uri!r} must be a repo-relative, percent-encoded path")
                region = physical.get("region") or {}
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    if region.get(key, 0) < 1:
                        problems.append(f"{where}: region.{key} >= 1 required")
            if not (result.get("partialFingerprints") or {}).get("reglintFingerprint/v1"):
                problems.append(f"{where}: partialFingerprints['reglintFingerprint/v1'] missing")
            if "primaryLocationLineHash" in (result.get("partialFingerprints") or {}):
                problems.append(f"{where}: primaryLocationLineHash must be left to the upload action")
        for invocation in run.get("invocations") or []:
            if "executionSuccessful" not in invocation:
                problems.append("invocation without executionSuccessful")
    return problems


def junit_problems(path, schema):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    document = etree.parse(path, parser)
    problems = []
    if not schema.validate(document):
        problems += [f"junit-10.xsd: line {e.line}: {e.message}" for e in schema.error_log]
    root = document.getroot()
    suites = root.findall("testsuite") if root.tag == "testsuites" else [root]
    seen = set()
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        kinds = []
        for case in cases:
            key = (suite.get("name"), case.get("classname"), case.get("name"))
            if key in seen:
                problems.append(f"duplicate testcase {key}")
            seen.add(key)
            results = [e for e in case if e.tag in ("failure", "error", "skipped")]
            if len(results) > 1:
                problems.append(f"{key}: {len(results)} result elements")
            for element in results:
                if not (element.text or "").strip():
                    problems.append(f"{key}: <{element.tag}> has no text")
                if not element.get("message"):
                    problems.append(f"{key}: <{element.tag}> has no message")
                if "\n" in element.get("message", ""):
                    problems.append(f"{key}: <{element.tag}> message spans lines")
            kinds.append(results[0].tag if results else "passed")
        for attr, want in (("tests", len(cases)), ("failures", kinds.count("failure")),
                           ("errors", kinds.count("error")), ("skipped", kinds.count("skipped"))):
            if suite.get(attr) is None or int(suite.get(attr)) != want:
                problems.append(f"suite {suite.get('name')}: {attr}={suite.get(attr)} but counted {want}")
        totals["tests"] += len(cases)
        totals["failures"] += kinds.count("failure")
        totals["errors"] += kinds.count("error")
    if root.tag == "testsuites":
        for attr, want in totals.items():
            if int(root.get(attr, -1)) != want:
                problems.append(f"testsuites {attr}={root.get(attr)} but counted {want}")
    return problems


def main():
    schema_dir, files = sys.argv[1], sys.argv[2:]
    sarif_schema = json.load(open(f"{schema_dir}/sarif-schema-2.1.0.json"))
    junit_schema = etree.XMLSchema(etree.parse(f"{schema_dir}/junit-10.xsd"))
    failed = False
    for path in files:
        problems = sarif_problems(path, sarif_schema) if path.endswith(".sarif") else junit_problems(path, junit_schema)
        print(f"{path}: {'OK' if not problems else f'{len(problems)} problems'}")
        for problem in problems:
            print(f"  - {problem}")
        failed |= bool(problems)
    if not files:
        print("no reports given")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
