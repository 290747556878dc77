#!/usr/bin/env python3
"""Checks Spor's FHIR R4 output with the field's own models: `fhir.resources` 8.3.0, its `R4B` subpackage (the
package dropped plain R4 in 7.0; R4B reads the R4 resources Spor writes).

Runs the real `spor` binary on a temporary data folder: records every instrument as a complete, an incomplete, a
corrected and a retracted response (one of them by CPR number), exports the Questionnaires (`spor export
questionnaire`) and the responses (`spor export fhir`), parses every resource with the R4B models, and checks that
every reference in the Bundle resolves to an entry's fullUrl, that every linkId and coded answer exists in the
Questionnaire, that the statuses are those of the responses' histories, and that no CPR number appears.
Installs `fhir.resources==8.3.0` with pip when it is missing. Set SPOR_BIN to use another binary.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import uuid

try:
    import fhir.resources
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "fhir.resources==8.3.0"], check=True)
    import fhir.resources  # installed just now: bound here too, for its version below

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

ROOT = pathlib.Path(__file__).resolve().parent.parent
CPR = "0101901234"


def binary() -> str:
    if os.environ.get("SPOR_BIN"):
        return os.environ["SPOR_BIN"]
    path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True)
    return str(pathlib.Path(path.stdout.strip()) / "spor")


SPOR = binary()


def spor(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run([SPOR, *args], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"spor {args[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


with tempfile.TemporaryDirectory(prefix="spor-fhir-") as data:
    answers = {"who5": ["3,4,2,3,1", "3,,2,3,1", "5,5,5,5,5"], "brief-inspire-o": ["4,3,2,1,0", "4,3,,1,0", "2,2,2,2,2"]}
    expected_status: dict[str, str] = {}
    for instrument, (complete, incomplete, corrected_answers) in answers.items():
        ids = {kind: str(uuid.uuid4()) for kind in ["complete", "incomplete", "corrected", "retracted"]}
        for kind, id_ in ids.items():
            text = incomplete if kind == "incomplete" else complete
            if kind == "complete":
                body = {"id": id_, "cpr": CPR, "instrument": instrument, "administeredAt": "2026-03-14",
                        "answers": [int(v) for v in text.split(",")], "unit": "bostotte-nord", "mode": "self"}
                spor("record", "--data", data, "-", stdin=json.dumps(body))
            else:
                spor("record", "--data", data, "--id", id_, "--citizen", f"c-{instrument}", "--instrument", instrument,
                     "--date", "2026-03-15", "--answers", text, "--unit", "bostotte-nord",
                     "--intervention", "SEL85")
        spor("correct", "--data", data, ids["corrected"], "--answers", corrected_answers, "--reason", "typo")
        spor("retract", "--data", data, ids["retracted"], "--reason", "wrong citizen")
        expected_status.update({ids["complete"]: "completed", ids["incomplete"]: "completed",
                                ids["corrected"]: "amended", ids["retracted"]: "entered-in-error"})

    questionnaires = {}
    for instrument in answers:
        text = spor("export", "questionnaire", instrument)
        model = Questionnaire.model_validate_json(text)
        questionnaires[model.url] = json.loads(text)
    bundle_text = spor("export", "fhir", "--data", data)
    one_citizen = json.loads(spor("export", "fhir", "--data", data, "--citizen", "c-who5"))
    none_since = json.loads(spor("export", "fhir", "--data", data, "--since", "2999-01-01"))

Bundle.model_validate_json(bundle_text)
bundle = json.loads(bundle_text)
entries = bundle.get("entry", [])
full_urls = {entry["fullUrl"] for entry in entries}
check(len(full_urls) == len(entries), "every entry has its own fullUrl")
check(not re.search(r"0101901234|010190-1234", bundle_text), "no CPR number in the export")


def references(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from references(inner)


resources = [entry["resource"] for entry in entries]
for reference in references(bundle):
    check(reference in full_urls, f"reference {reference} resolves to an entry")
responses = {r["id"]: r for r in resources if r["resourceType"] == "QuestionnaireResponse"}
observations = [r for r in resources if r["resourceType"] == "Observation"]
check(set(responses) == set(expected_status), "every recorded response is exported")
for id_, status in expected_status.items():
    check(responses.get(id_, {}).get("status") == status, f"response {id_} has status {status}")
for observation in observations:
    check(len(observation.get("derivedFrom", [])) == 1, "each Observation is derived from its QuestionnaireResponse")
    check(observation["status"] in {"final", "amended", "entered-in-error"}, "an Observation status of R4's value set")
    derived = observation["derivedFrom"][0]["reference"].removeprefix("urn:uuid:")
    status = {"completed": "final"}.get(expected_status.get(derived, ""), expected_status.get(derived))
    check(observation["status"] == status, f"the Observation of {derived} has status {status}")
check(len(observations) == 6, f"a score Observation per complete response (6), found {len(observations)}")

for response in responses.values():
    url = response["questionnaire"].split("|")[0]
    questionnaire = questionnaires.get(url)
    check(questionnaire is not None, f"questionnaire {url} is one of the exported Questionnaires")
    if questionnaire is None:
        continue
    items = {item["linkId"]: item for item in questionnaire["item"]}
    for item in response.get("item", []):
        check(item["linkId"] in items, f"linkId {item['linkId']} exists in {url}")
        options = [(o["valueCoding"]["system"], o["valueCoding"]["code"]) for o in items.get(item["linkId"], {}).get("answerOption", [])]
        for answer in item.get("answer", []):
            coding = answer.get("valueCoding", {})
            check((coding.get("system"), coding.get("code")) in options, f"the answer to {item['linkId']} is an answer option")

check({e["resource"]["subject"]["identifier"]["value"] for e in one_citizen.get("entry", [])} == {"c-who5"},
      "--citizen exports that citizen only")
check("entry" not in none_since, "--since after every change exports nothing")

print(f"fhir.resources {fhir.resources.__version__} (R4B): 2 Questionnaires and 1 Bundle parsed, "
      f"{len(responses)} QuestionnaireResponses, {len(observations)} Observations, "
      f"{sum(1 for _ in references(bundle))} references resolved")
if failures:
    print("\n".join(f"FAIL: {failure}" for failure in failures), file=sys.stderr)
    sys.exit(1)
