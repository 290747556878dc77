#!/usr/bin/env python3
"""Writes the CPR rule into the schemas as one ECMA-262 pattern, the one `CPRDetector` applies in code.

`python3 scripts/cpr-pattern.py` rewrites the `noCPR` definition of Schemas/response.schema.json and the `NoCPR`
schema of Schemas/openapi.yaml (and re-embeds the OpenAPI document); `--check` only says whether they are current.

The pattern finds ten digits 0-9 whose first six form a real DDMMYY date, the century taken from the seventh digit
by the CPR office's rule, with any run of separators between any two digits, and no digit directly before the first
or after the last: exactly what `Sources/SporInstruments/CPRDetector.swift` finds (a test there runs both over a
generated corpus and every Unicode scalar as a separator). The date is exact, leap days included: 29 February is
a real date when YY is a non-zero multiple of 4 (in 18YY, 19YY and 20YY alike), and in year 00 only when the
seventh digit is 4-9 (2000; with 0-3 it is 1900, not a leap year).

It uses only syntax that ECMA-262 (with or without the u flag), Python's re and ICU read alike: character classes,
`(?:...)`, `*`, `^` and the lookahead `(?!...)`; non-ASCII characters as \\uXXXX escapes, the two dashes outside
the Basic Multilingual Plane written as themselves.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The same ranges as CPRDetector.separators: every dash (Pd and U+2212), every White_Space character, dots,
# slashes, underscores and colons (and their full-width forms), and invisible characters (soft hyphen, zero-width
# spaces and joiners, word joiner, invisible operators, direction marks and isolates, byte order mark).
SEPARATORS = [
    (0x09, 0x0D), (0x20, 0x20), (0x2D, 0x2F), (0x3A, 0x3A), (0x5F, 0x5F),
    (0x85, 0x85), (0xA0, 0xA0), (0xAD, 0xAD), (0x58A, 0x58A), (0x5BE, 0x5BE), (0x1400, 0x1400), (0x1680, 0x1680),
    (0x1806, 0x1806), (0x180E, 0x180E), (0x2000, 0x2015), (0x2028, 0x202F), (0x2044, 0x2044), (0x205F, 0x2064),
    (0x2066, 0x2069), (0x2212, 0x2212), (0x2215, 0x2215), (0x2E17, 0x2E17), (0x2E1A, 0x2E1A), (0x2E3A, 0x2E3B),
    (0x2E40, 0x2E40), (0x2E5D, 0x2E5D), (0x3000, 0x3000), (0x301C, 0x301C), (0x3030, 0x3030), (0x30A0, 0x30A0),
    (0xFE31, 0xFE32), (0xFE58, 0xFE58), (0xFE63, 0xFE63), (0xFEFF, 0xFEFF), (0xFF0D, 0xFF0F), (0xFF1A, 0xFF1A),
    (0xFF3F, 0xFF3F), (0x10D6E, 0x10D6E), (0x10EAD, 0x10EAD),
]


def escaped(code):
    """One character inside a character class."""
    if code == 0x2D:
        return "\\-"
    if 0x20 <= code < 0x7F:
        return chr(code)
    if code < 0x80:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return chr(code)


def separator_class():
    parts = []
    for low, high in SEPARATORS:
        if high - low >= 3:
            parts.append(f"{escaped(low)}-{escaped(high)}")
        else:
            parts.extend(escaped(code) for code in range(low, high + 1))
    return "[" + "".join(parts) + "]"


def pattern():
    s = separator_class() + "*"

    def digits(*classes):
        """Digit classes joined by separator runs."""
        return s.join(classes)

    day_month = "(?:" + "|".join([
        # days 01-28 of every month
        "(?:" + "|".join([digits("0", "[1-9]"), digits("1", "[0-9]"), digits("2", "[0-8]")]) + ")"
        + s + "(?:" + digits("0", "[1-9]") + "|" + digits("1", "[0-2]") + ")",
        # the 29th and 30th of every month but February
        "(?:" + digits("2", "9") + "|" + digits("3", "0") + ")"
        + s + "(?:" + digits("0", "[13-9]") + "|" + digits("1", "[0-2]") + ")",
        # the 31st of the long months
        digits("3", "1") + s + "(?:" + digits("0", "[13578]") + "|" + digits("1", "[02]") + ")",
    ]) + ")"
    any_year = digits(day_month, "[0-9]", "[0-9]", "[0-9]")  # YY and the seventh digit
    leap_year = "(?:" + digits("(?:" + "|".join([
        digits("[02468]", "[48]"), digits("[2468]", "0"), digits("[13579]", "[26]"),
    ]) + ")", "[0-9]") + "|" + digits("0", "0", "[4-9]") + ")"
    leap_day = digits("2", "9", "0", "2", leap_year)
    return "(?:^|[^0-9])(?:" + any_year + "|" + leap_day + ")" + s + digits("[0-9]", "[0-9]", "[0-9]") + "(?![0-9])"


SCHEMA = ROOT / "Schemas/response.schema.json"
OPENAPI = ROOT / "Schemas/openapi.yaml"
SCHEMA_LINE = re.compile(r'("noCPR": \{[^{}]*"not": \{ "pattern": )"(?:[^"\\]|\\.)*"')
OPENAPI_LINE = re.compile(r"(    NoCPR:\n(?:      .*\n)*?        pattern: )'[^']*'")


def rewritten():
    """The two files with the current pattern."""
    current = pattern()
    schema = SCHEMA_LINE.sub(lambda m: m.group(1) + json.dumps(current, ensure_ascii=False), SCHEMA.read_text())
    openapi = OPENAPI_LINE.sub(lambda m: m.group(1) + "'" + current + "'", OPENAPI.read_text())
    return schema, openapi


def main():
    schema, openapi = rewritten()
    if "--check" in sys.argv:
        stale = [p.name for p, text in [(SCHEMA, schema), (OPENAPI, openapi)] if p.read_text() != text]
        if stale:
            print(f"the CPR pattern in {', '.join(stale)} is stale: run scripts/cpr-pattern.py", file=sys.stderr)
            sys.exit(1)
        return
    SCHEMA.write_text(schema)
    OPENAPI.write_text(openapi)
    subprocess.run([str(ROOT / "scripts/embed-openapi.sh")], check=True)
    print(f"wrote the CPR pattern ({len(pattern())} characters) into {SCHEMA.name} and {OPENAPI.name}")


if __name__ == "__main__":
    main()
