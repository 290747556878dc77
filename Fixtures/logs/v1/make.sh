#!/bin/bash
# Makes the format version 1 fixture log with the spor binary built from main before authors were recorded.
set -euo pipefail
SPOR=$1
OUT=$2
DATA=$(mktemp -d)/data
"$SPOR" record --data "$DATA" --id 11111111-1111-4111-8111-111111111111 --citizen c-fixture-1 --instrument who5 \
  --date 2026-03-14 --answers 3,4,2,3,1 --unit bostotte-nord --intervention SEL85 --mode with-staff
"$SPOR" record --data "$DATA" --id 22222222-2222-4222-8222-222222222222 --citizen c-fixture-1 --instrument brief-inspire-o \
  --date 2026-03-14 --answers 2,3,,1,2 --unit bostotte-nord
"$SPOR" record --data "$DATA" --id 33333333-3333-4333-8333-333333333333 --citizen c-fixture-2 --instrument who5 \
  --date 2026-04-02 --answers 1,1,0,2,1 --unit bostotte-syd --mode paper
"$SPOR" correct --data "$DATA" 11111111-1111-4111-8111-111111111111 --answers 3,4,2,3,2 --reason "tastefejl"
"$SPOR" retract --data "$DATA" 33333333-3333-4333-8333-333333333333 --reason "indtastet på forkert borger"
CSV=$(dirname "$DATA")/rows.csv
cat > "$CSV" <<'CSV'
id,citizen,instrument,administeredAt,unit,item1,item2,item3,item4,item5
44444444-4444-4444-8444-444444444444,c-fixture-2,who5,2026-06-01,bostotte-syd,2,2,3,2,2
55555555-5555-4555-8555-555555555555,c-fixture-3,who5,2026-06-02,bostotte-nord,4,4,4,3,5
CSV
"$SPOR" import --data "$DATA" "$CSV"
"$SPOR" verify --data "$DATA"
mkdir -p "$OUT"
cp "$DATA"/segment-*.log "$OUT"/
"$SPOR" log dump --data "$DATA" > "$OUT"/dump-v1.jsonl
