#!/usr/bin/env python3
"""Checks Schemas/response.schema.json against the validation fixtures with an independent JSON Schema validator.

Every fixture the library accepts must match the schema; every fixture the library refuses for a rule the schema
can state (type, count, range, required, format, ...) must fail it. Rules only the library can check (a real
calendar date, not in the future, not before 1998) are listed, not asserted. Needs the `jsonschema` package.
"""
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
for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
