#!/usr/bin/env bash
# Checks the daemon against its own contract with a tool no one here wrote: schemathesis runs every check
# (the stateful phase included, following the spec's links) against `spor serve --demo` once with a token of each
# role, with a fixed seed and a modest number of examples per operation, and fails on any finding. Then
# scripts/check-metrics.py reads /metrics with the Prometheus text parser. Installs schemathesis and
# prometheus_client with pip when missing; the daemon runs on a free port in a temporary folder and is stopped at
# the end. Usage: scripts/schemathesis.sh [EXAMPLES_PER_OPERATION]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-20}"
seed=16
python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install --quiet 'schemathesis>=4.32,<5'
python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install --quiet prometheus_client
swift build --product spor
binary="$(swift build --show-bin-path)/spor"

work="$(mktemp -d)"
daemon=""
stop() {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$binary" serve --demo --data "$work/data" --port "$port" >"$work/demo.txt" 2>"$work/daemon.log" &
daemon=$!
for _ in $(seq 1 300); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { cat "$work/daemon.log" >&2; exit 1; }
  sleep 0.2
done
token() { sed -n "s/^  $1 token: //p" "$work/demo.txt"; }
staff_unit="$(sed -n 's/^Staff (unit \([^)]*\)).*/\1/p' "$work/demo.txt")"

export PYTHONPATH="$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_hooks
status=0
for role in admin staff caseworker strategic; do
  echo "== schemathesis as $role"
  unit=""
  [ "$role" = staff ] && unit="$staff_unit"
  SPOR_STAFF_UNIT="$unit" st run "$base/openapi.yaml" --url "$base" --checks all \
    --phases examples,coverage,fuzzing,stateful --seed "$seed" --max-examples "$examples" \
    --header "Authorization: Bearer $(token "$role")" --no-color || status=1
done
python3 scripts/check-metrics.py "$base" "$(token admin)" "$(token staff)" || status=1
exit "$status"
