#!/usr/bin/env python3
"""Reads a running daemon's /metrics and checks it with the Prometheus text-format parser of `prometheus_client`.

Usage: scripts/check-metrics.py BASE_URL ADMIN_TOKEN OTHER_TOKEN  (scripts/schemathesis.sh runs it)

Checks: /metrics answers 401 without a token and 403 to a token of another role; the admin's scrape parses; every
metric docs/server.md lists is there; the request counter moves with a request; no label value is a path with its
values, a token or a citizen id, and no label is named after a unit or a citizen.
"""
import re
import sys
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

EXPECTED = {
    "spor_http_requests": "counter",
    "spor_http_request_duration_seconds": "histogram",
    "spor_log_append_duration_seconds": "histogram",
    "spor_log_group_commit_batches": "histogram",
    "spor_log_group_commit_records": "histogram",
    "spor_log_fsync_duration_seconds": "histogram",
    "spor_log_records": "gauge",
    "spor_log_bytes": "gauge",
    "spor_dataset_responses": "gauge",
    "spor_dataset_citizens": "gauge",
    "spor_audit_lines": "counter",
}
LABELS = {"method", "route", "status", "le"}


def get(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def scrape(base, token):
    status, content_type, text = get(f"{base}/metrics", token)
    if status != 200 or not content_type.startswith("text/plain"):
        sys.exit(f"/metrics with the admin token: {status} {content_type}")
    return {family.name: family for family in text_string_to_metric_families(text)}


def requests_total(families, route):
    return sum(s.value for s in families["spor_http_requests"].samples
               if s.name == "spor_http_requests_total" and s.labels.get("route") == route)


def main():
    base, admin, other = sys.argv[1:4]
    failures = []
    for token, expected in [(None, 401), (other, 403)]:
        status, content_type, _ = get(f"{base}/metrics", token)
        if status != expected or not content_type.startswith("application/problem+json"):
            failures.append(f"/metrics {'without a token' if token is None else 'with another role'}: {status}, expected {expected}")
    before = scrape(base, admin)
    for name, kind in EXPECTED.items():
        if name not in before:
            failures.append(f"missing metric {name}")
        elif before[name].type != kind:
            failures.append(f"{name} is a {before[name].type}, expected a {kind}")
    get(f"{base}/healthz")
    after = scrape(base, admin)
    if requests_total(after, "/healthz") != requests_total(before, "/healthz") + 1:
        failures.append("spor_http_requests_total for /healthz did not move by one with one request")
    secrets = {admin, other}
    for family in after.values():
        for sample in family.samples:
            for label, value in sample.labels.items():
                if label not in LABELS:
                    failures.append(f"{sample.name} has the label {label}")
                if value in secrets or any(secret in value for secret in secrets):
                    failures.append(f"{sample.name} has a token in a label")
                if label == "route" and value != "unmatched" and not re.fullmatch(r"/[A-Za-z0-9._/{}-]*", value):
                    failures.append(f"{sample.name} has a route label that is no template")
                if label == "route" and re.search(r"/(p|c)-[0-9a-f]{6,}", value):
                    failures.append(f"{sample.name} has a citizen id in a route label")
    samples = sum(len(f.samples) for f in after.values())
    print(f"/metrics: {len(after)} metric families, {samples} samples, parsed by prometheus_client; "
          f"{len(failures)} problems")
    for failure in failures:
        print(failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
