#!/usr/bin/env python3
"""Checks Schemas/response.schema.json against the validation fixtures with an independent JSON Schema validator.

Every fixture the library accepts must match the schema; every fixture the library refuses for a rule the schema
can state (type, count, range, required, format, ...) must fail it. Rules only the library can check (a real
calendar date, not in the future, not before 1998) are listed, not asserted. Needs the `jsonschema` package.
"""
import importlib.util
import json
import re
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIBRARY_ONLY = {"date", "future", "tooEarly"}

schema = json.loads((ROOT / "Schemas/response.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for name in ["trajectory", "summary", "report"]:
    jsonschema.Draft202012Validator.check_schema(json.loads((ROOT / f"Schemas/{name}.schema.json").read_text()))

failures, checked, library_only = [], 0, []
for case in json.loads((ROOT / "Fixtures/scoring/validation.json").read_text())["cases"]:
    if "input" not in case:
        continue  # raw text that is not JSON at all
    rules = {error["rule"] for error in case["errors"]}
    if case["errors"] and all(e["field"] == "administeredAt" and e["rule"] == "format" for e in case["errors"]) and re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(case["input"].get("administeredAt"))
    ):
        rules = {"date"}  # shaped like a date but not in the calendar: only the library can tell
    valid = validator.is_valid(case["input"])
    if not rules:
        checked += 1
        if not valid:
            failures.append(f"accepted by the library, refused by the schema: {case['name']}")
    elif rules <= LIBRARY_ONLY:
        library_only.append(case["name"])
    else:
        checked += 1
        if valid:
            failures.append(f"refused by the library ({', '.join(sorted(rules))}), accepted by the schema: {case['name']}")

print(f"response.schema.json: {checked} fixtures agree with the library; checked by the library only: {', '.join(library_only)}")

# The CPR rule: the pattern in both schemas is the one scripts/cpr-pattern.py generates (the Swift tests hold it
# equal to CPRDetector), and Python's re reads it as the detector does on the examples of docs/privacy.md.
spec = importlib.util.spec_from_file_location("cpr_pattern", ROOT / "scripts/cpr-pattern.py")
cpr_pattern = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cpr_pattern)
if cpr_pattern.rewritten() != ((ROOT / "Schemas/response.schema.json").read_text(), (ROOT / "Schemas/openapi.yaml").read_text()):
    failures.append("the CPR pattern in the schemas is stale: run scripts/cpr-pattern.py")
CPR_FOUND = ["0101901234", "010190-1234", "010190.1234", "01-01-90-1234", "cpr-0101901234", "x0101901234x", "010190_1234",
             "01.01.90-12.34", "010190\u20131234", "010190\u00a01234", "010190\u22121234", "01 01 90 12 34", "290200-4234"]
CPR_NOT_FOUND = ["c-000123", "SEL85", "310290-1234", "290200-1234", "01019012345", "010190a1234", "14.03.2026 kl. 10.30"]
base = {"citizen": "c-000123", "instrument": "who5", "administeredAt": "2026-03-14", "answers": [3, 4, 2, 3, 1]}
for field in ["citizen", "unit", "intervention"]:
    for text in CPR_FOUND:
        if validator.is_valid({**base, field: text}) and re.fullmatch(r"[A-Za-z0-9._-]{1,64}", text):
            failures.append(f"{field}: the schema accepts a CPR shape ({len(text)} characters)")
    for text in CPR_NOT_FOUND:
        if field != "citizen" or not re.fullmatch(r"[0-9]{6}-?[0-9]{4}", text):
            if not validator.is_valid({**base, field: text}) and re.fullmatch(r"[A-Za-z0-9._-]{1,64}", text):
                failures.append(f"{field}: the schema refuses a text without a CPR shape ({len(text)} characters)")
no_cpr = re.compile(schema["$defs"]["noCPR"]["not"]["pattern"])
for text in CPR_FOUND:
    if not no_cpr.search(text):
        failures.append(f"the pattern misses a CPR shape ({len(text)} characters)")
for text in CPR_NOT_FOUND:
    if no_cpr.search(text):
        failures.append(f"the pattern matches a text without a CPR shape ({len(text)} characters)")
print(f"CPR rule: the schemas' pattern is current and agrees on {len(CPR_FOUND) + len(CPR_NOT_FOUND)} examples")
for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
