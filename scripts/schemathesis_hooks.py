"""Schemathesis hooks for scripts/schemathesis.sh: the rules Schemas/openapi.yaml states in words because JSON
Schema cannot state them on one value, applied to the cases schemathesis generates as valid ones, so a valid case
stays valid. Negative cases are left alone.

- `administeredAt` must not be after today in Danish time: a later date gets the year 2020 (a leap year, so a
  29 February stays a date).
- A staff token records only in its own units: `unit` is the token's unit (SPOR_STAFF_UNIT).
- A correction's answers are in the range of the response's own instrument: answers for a response this run
  recorded as Brief INSPIRE-O are capped at its maximum.
- A report's `from` and `to` lie on the boundaries of its `period` (quarter unless given) and `to` is not before
  `from`: each is moved to the boundary of the period holding it.
- A FHIR QuestionnaireResponse is checked against FHIR's rules and the Questionnaire it names (docs/fhir.md), which
  the document leaves to FHIR (its schema asks only for a `resourceType`): a valid case posted to
  /fhir/QuestionnaireResponse becomes a completed QuestionnaireResponse of a random instrument with random answers
  in range (as a form tool sends it), in the token's unit for a staff token.
- A FHIR search names the citizen once: `citizen` (Spor's shorthand) is dropped when `subject:identifier` is given.

Loaded with SCHEMATHESIS_HOOKS=schemathesis_hooks (the folder of this file on PYTHONPATH).
"""
import datetime
import hashlib
import json
import os
import pathlib
import re
from zoneinfo import ZoneInfo

import schemathesis

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The highest answer per instrument, from the definitions.
MAXIMA = {
    d["id"]: max(o["value"] for o in d["options"])
    for d in (json.loads(p.read_text()) for p in (ROOT / "Schemas/instruments").glob("*.json"))
}
DATE = re.compile(r"^([0-9]{4})(-[0-9]{2}-[0-9]{2})(.*)$")
DEFINITIONS = {d["id"]: d for d in (json.loads(p.read_text()) for p in (ROOT / "Schemas/instruments").glob("*.json"))}
# KL's linkIds for WHO-5 (docs/fhir.md); other instruments use their item ids.
LINK_IDS = {"who5": ["happy", "calm", "active", "rested", "interest"]}
# Response id -> instrument, for the responses this run recorded.
instruments: dict[str, str] = {}


def today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo("Europe/Copenhagen")).date()


def not_in_future(text):
    match = DATE.match(text) if isinstance(text, str) else None
    if not match:
        return text
    try:
        date = datetime.date.fromisoformat(match.group(1) + match.group(2))
    except ValueError:
        return text
    return "2020" + match.group(2) + match.group(3) if date > today() else text


def fit_response(body):
    if not isinstance(body, dict):
        return
    if "administeredAt" in body:
        body["administeredAt"] = not_in_future(body["administeredAt"])
    unit = os.environ.get("SPOR_STAFF_UNIT")
    if unit:
        body["unit"] = unit


def period_bounds(date: datetime.date, period: str):
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    first_month = (date.month - 1) // months * months + 1
    start = date.replace(month=first_month, day=1)
    next_month = first_month + months
    after = datetime.date(date.year + (next_month - 1) // 12, (next_month - 1) % 12 + 1, 1)
    return start, after - datetime.timedelta(days=1)


def fit_report(query):
    period = query.get("period", "quarter")
    if period not in ("month", "quarter", "year"):
        return
    bounds = {}
    for name in ("from", "to"):
        match = DATE.match(query[name]) if isinstance(query.get(name), str) else None
        if match:
            try:
                bounds[name] = period_bounds(datetime.date.fromisoformat(match.group(1) + match.group(2)), period)
            except ValueError:
                return
    if "from" in bounds:
        query["from"] = bounds["from"][0].isoformat()
    if "to" in bounds:
        end = bounds["to"][1]
        if "from" in bounds and end < bounds["from"][0]:
            end = bounds["from"][1]
        query["to"] = end.isoformat()


def fhir_response(case):
    """A completed QuestionnaireResponse the server accepts, drawn from the case's own randomness."""
    seed = int(hashlib.sha256(json.dumps(case.body, sort_keys=True, default=str).encode()).hexdigest(), 16)
    instrument = sorted(DEFINITIONS)[seed % len(DEFINITIONS)]
    definition = DEFINITIONS[instrument]
    values = [o["value"] for o in definition["options"]]
    links = LINK_IDS.get(instrument, [item["id"] for item in definition["items"]])
    body = {
        "resourceType": "QuestionnaireResponse", "questionnaire": f"Questionnaire/{instrument}", "status": "completed",
        "authored": "2026-01-15", "subject": {"identifier": {"value": f"st-fhir-{seed % 97}"}},
        "item": [{"linkId": link, "answer": [{"valueInteger": values[(seed >> (3 * n)) % len(values)]}]}
                 for n, link in enumerate(links)],
    }
    unit = os.environ.get("SPOR_STAFF_UNIT")
    if unit:
        body["extension"] = [{"url": "https://spor.example/fhir/StructureDefinition/unit", "valueString": unit}]
    case.body = body


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    method, path = case.operation.method.upper(), case.operation.path
    if method == "POST" and path == "/v1/responses":
        fit_response(case.body)
    elif method == "POST" and path == "/v1/responses/batch" and isinstance(case.body, dict):
        for entry in case.body.get("responses") or []:
            fit_response(entry)
    elif method == "POST" and path == "/v1/responses/{id}/correction" and isinstance(case.body, dict):
        if "administeredAt" in case.body:
            case.body["administeredAt"] = not_in_future(case.body["administeredAt"])
        instrument = instruments.get(str((case.path_parameters or {}).get("id", "")).lower())
        answers = case.body.get("answers")
        if instrument in MAXIMA and isinstance(answers, list):
            case.body["answers"] = [
                min(a, MAXIMA[instrument]) if isinstance(a, (int, float)) and not isinstance(a, bool) else a
                for a in answers
            ]
    elif method == "POST" and path == "/fhir/QuestionnaireResponse":
        fhir_response(case)
    elif method == "GET" and path == "/fhir/QuestionnaireResponse" and isinstance(case.query, dict):
        if "subject:identifier" in case.query:
            case.query.pop("citizen", None)
    elif method == "GET" and path.startswith("/v1/reports/") and isinstance(case.query, dict):
        fit_report(case.query)


@schemathesis.hook
def after_call(context, case, response):
    if case.operation.method.upper() != "POST" or response.status_code not in (200, 201):
        return
    try:
        body = response.json()
    except ValueError:
        return
    if case.operation.path == "/v1/responses":
        recorded = [body]
    elif case.operation.path == "/v1/responses/batch":
        recorded = [item.get("response") or {} for item in body.get("results", [])]
    elif case.operation.path == "/fhir/QuestionnaireResponse" and isinstance(body, dict):
        questionnaire = str(body.get("questionnaire", "")).split("|")[0]
        instrument = next((i for i in DEFINITIONS if questionnaire.endswith("/" + i)), None)
        recorded = [{"id": body["id"], "instrument": instrument}] if "id" in body and instrument else []
    else:
        return
    for response_body in recorded:
        if isinstance(response_body, dict) and "id" in response_body:
            instruments[str(response_body["id"]).lower()] = response_body.get("instrument")
