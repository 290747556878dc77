#!/usr/bin/env python3
"""The trend report of docs/report-definition.md computed by DuckDB from the generated CSV, timed, and compared cell by
cell with Spor's JSON for the same report, suppression included (applied here to DuckDB's counts, per period, as
docs/report-definition.md gives it).

usage: report-bench-duckdb.py CSV INSTRUMENT PERIOD BY SPOR_JSON [MIN_CELL]
"""
import json
import math
import sys
import time

import duckdb

csv, instrument, period, by, spor_json = sys.argv[1:6]
min_cell = int(sys.argv[6]) if len(sys.argv) > 6 else 5

who5 = instrument == "who5"
multiplier, threshold = (4, 10) if who5 else (5, 8)
flagged = "score <= 50" if who5 else "score < 50"          # the change rule's cut-off flag
flags = (["lowWellbeing", "score <= 50"], ["veryLowWellbeing", "score <= 28"],
         ["itemAtFloor", "least(item1, item2, item3, item4, item5) <= 1"]) if who5 \
    else (["belowRecoveryCutoff", "score < 50"],)
label = {"month": "strftime(d, '%Y-%m')", "quarter": "strftime(d, '%Y') || '-Q' || quarter(d)",
         "year": "strftime(d, '%Y')"}[period]
group = {"unit": "unit", "intervention": "intervention", "none": "'all'"}[by]
chime = ["connectedness", "hope", "identity", "meaning", "empowerment"]

query = f"""
WITH raw AS (
  SELECT row_number() OVER () AS rec, * FROM read_csv('{csv}', header = true, all_varchar = false)
), scored AS (
  SELECT rec, citizen, CAST(administeredAt AS DATE) AS d, unit, intervention, item1, item2, item3, item4, item5,
         (item1 + item2 + item3 + item4 + item5) * {multiplier} AS score
  FROM raw
  WHERE instrument = '{instrument}' AND item1 IS NOT NULL AND item2 IS NOT NULL AND item3 IS NOT NULL
        AND item4 IS NOT NULL AND item5 IS NOT NULL
), baseline AS (
  SELECT citizen, arg_min(score, (d, rec)) AS bscore, min(d) AS bd FROM scored GROUP BY citizen
), latest AS (
  SELECT *, {label} AS period FROM scored
  QUALIFY row_number() OVER (PARTITION BY citizen, {label} ORDER BY d DESC, rec DESC) = 1
), joined AS (
  SELECT l.*, {group} AS grp, b.bscore, b.bd < l.d AS paired, l.score - b.bscore AS delta,
         ({flagged.replace('score', 'b.bscore')}) AND NOT ({flagged.replace('score', 'l.score')}) AS crossed
  FROM latest l JOIN baseline b USING (citizen)
)
SELECT period, grp, count(*) AS citizens, avg(score) AS meanScore, median(score) AS medianScore,
       stddev_samp(score) AS sdScore,
       {", ".join(f"avg(CASE WHEN {rule} THEN 1.0 ELSE 0.0 END) AS {name}" for name, rule in flags)},
       count(*) FILTER (WHERE paired) AS pairedCitizens,
       avg(delta) FILTER (WHERE paired) AS meanChange,
       avg(CASE WHEN delta >= {threshold} THEN 1.0 ELSE 0.0 END) FILTER (WHERE paired) AS improved,
       avg(CASE WHEN abs(delta) < {threshold} THEN 1.0 ELSE 0.0 END) FILTER (WHERE paired) AS unchanged,
       avg(CASE WHEN delta <= -{threshold} THEN 1.0 ELSE 0.0 END) FILTER (WHERE paired) AS deteriorated,
       avg(CASE WHEN crossed THEN 1.0 ELSE 0.0 END) FILTER (WHERE paired) AS crossedCutoff
       {"" if who5 else ", " + ", ".join(f"avg(item{i + 1}) AS chime_{name}" for i, name in enumerate(chime))}
FROM joined GROUP BY period, grp ORDER BY period, grp NULLS LAST
"""

connection = duckdb.connect()
start = time.perf_counter()
rows = connection.execute(query).fetchall()
seconds = time.perf_counter() - start
columns = [c[0] for c in connection.description]
print(f"duckdb seconds {seconds:.3f}")

spor = {(c["period"], c["group"]): c for c in json.load(open(spor_json))["cells"]}


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def suppress(cells):
    """Section 5's suppression of one period's cells: {group: (suppression or None, change hidden)}."""
    order = sorted(cells, key=lambda c: (c["grp"] is None, c["grp"] or ""))  # code points, unlabelled last
    grouped = by != "none"
    kind = {c["grp"]: "primary" for c in order if c["citizens"] < min_cell}
    while grouped and kind and sum(c["citizens"] for c in order if c["grp"] in kind) < min_cell:
        visible = [c for c in order if c["grp"] not in kind]
        if not visible:
            break
        kind[min(visible, key=lambda c: c["citizens"])["grp"]] = "complementary"  # first of the fewest
    hidden = set(kind) | {c["grp"] for c in order if c["pairedCitizens"] < min_cell}
    while grouped and 0 < sum(c["pairedCitizens"] for c in order if c["grp"] in hidden) < min_cell:
        shown = [c for c in order if c["grp"] not in hidden]
        if not shown:
            break
        hidden.add(min(shown, key=lambda c: c["pairedCitizens"])["grp"])
    return {c["grp"]: (kind.get(c["grp"]), c["grp"] in hidden) for c in order}


cells = [dict(zip(columns, row)) for row in rows]
outcome = {}
for name in sorted({c["period"] for c in cells}):
    for group, result in suppress([c for c in cells if c["period"] == name]).items():
        outcome[(name, group)] = result
counts = {"primary": 0, "complementary": 0, "change hidden": 0}
change_keys = ("pairedCitizens", "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff")

mismatches = []
for cell in cells:
    key = (cell["period"], cell["grp"])
    ours = spor.pop(key, None)
    if ours is None:
        mismatches.append(f"{key}: missing in spor")
        continue
    suppression, change_hidden = outcome[key]
    if suppression:
        counts[suppression] += 1
        if ours != {"period": key[0], "group": key[1], "suppressed": True, "suppression": suppression}:
            mismatches.append(f"{key}: should be suppressed ({suppression})")
        continue
    if change_hidden:
        counts["change hidden"] += 1
        if ours.get("changeSuppressed") is not True or any(ours.get(k, 0) is not None for k in change_keys):
            mismatches.append(f"{key}: change figures should be hidden")
    elif "changeSuppressed" in ours:
        mismatches.append(f"{key}: change figures should be shown")
    expected = {k: cell[k] for k in ("citizens", "meanScore", "medianScore", "sdScore", "pairedCitizens",
                                     "meanChange", "improved", "unchanged", "deteriorated", "crossedCutoff")}
    actual = {k: ours.get(k) for k in expected}
    expected.update({f"flags.{name}": cell[name] for name, _ in flags})
    actual.update({f"flags.{name}": ours["flags"].get(name) for name, _ in flags})
    if not who5:
        expected.update({f"chime.{n}": cell[f"chime_{n}"] for n in chime})
        actual.update({f"chime.{n}": ours["chimeMeans"].get(n) for n in chime})
    if change_hidden:
        for k in change_keys:
            expected[k] = None
    bad = [k for k in expected if not close(expected[k], actual[k])]
    if bad:
        mismatches.append(f"{key}: {', '.join(f'{k} duckdb {expected[k]} spor {actual[k]}' for k in bad)}")
mismatches += [f"{key}: only in spor" for key in spor]
print(f"compared {len(rows)} cells with spor: {len(mismatches)} mismatches; suppressed "
      f"{counts['primary']} primary, {counts['complementary']} complementary, change figures hidden in "
      f"{counts['change hidden']} shown cells")
for line in mismatches[:10]:
    print("  " + line)
