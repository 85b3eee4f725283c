"""`fairscreen rate` as a real process: every documented example, the schema, bad input.

Bad input exits 2 with the problems on stderr and never a traceback; the command needs no
database (it rates only what the case file says).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone

from fairscreen.domain import rating
from tests.e2e.test_cli import FAIRSCREEN, fresh_env
from tests.unit.rating.support import write_two_versions

pytestmark = pytest.mark.slow

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLES = DOCS / "examples"
DOCUMENTED = re.compile(
    r"^\|\s*\[(?P<file>[\w-]+\.json)\]\(examples/(?P=file)\)\s*\|.*\|\s*\*\*(?P<light>green|blue|yellow|red)\*\*\s*\|\s*$",
    re.MULTILINE,
)


def documented_lights() -> dict[str, str]:
    return {
        match["file"]: match["light"]
        for match in DOCUMENTED.finditer((DOCS / "case-file.md").read_text(encoding="utf-8"))
    }


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return fresh_env(tmp_path_factory.mktemp("rate-cli"))


def rate(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FAIRSCREEN, "rate", *arguments], env=env, capture_output=True, text=True, timeout=120
    )


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stderr.strip(), result.stderr
    return result.stdout


def failed(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not result.stdout.strip()
    return result.stderr


def test_every_example_file_is_documented_with_its_light() -> None:
    assert set(documented_lights()) == {path.name for path in EXAMPLES.glob("*.json")}
    assert len(documented_lights()) >= 7


@pytest.mark.parametrize(("name", "light"), sorted(documented_lights().items()))
def test_the_cli_gives_each_documented_example_the_light_the_doc_states(env, name, light) -> None:
    output = json.loads(succeeded(rate(env, str(EXAMPLES / name))))

    assert output["light"] == light
    assert output["advisory"] is True
    assert (
        output["rulebook"]["version"] == rating.current_rulebook(today=timezone.localdate()).version
    )
    assert all(
        entry["explanation"]["zh"] and entry["explanation"]["en"] for entry in output["findings"]
    )


def test_the_output_is_the_engines_rating_and_compact_is_canonical(env) -> None:
    path = EXAMPLES / "cashier-dishonest-debtor.json"
    case = rating.parse_case(path.read_text(encoding="utf-8"))
    expected = rating.rate_case(
        case, as_of=case.as_of, rulebook=rating.current_rulebook(today=timezone.localdate())
    )

    pretty = json.loads(succeeded(rate(env, str(path))))
    compact = succeeded(rate(env, str(path), "--compact"))

    assert pretty == expected.to_document()
    assert compact.strip() == expected.to_json()


def test_as_of_and_another_rulebook_can_be_given(env, tmp_path: Path) -> None:
    directory = write_two_versions(tmp_path / "rulebooks")
    path = EXAMPLES / "driver-drunk-driving.json"

    later = json.loads(succeeded(rate(env, str(path), "--as-of", "2028-03-01")))
    other = json.loads(
        succeeded(rate(env, str(path), "--rulebook", str(directory / "2026.2.toml")))
    )

    assert later["as_of"] == "2028-03-01"
    assert later["light"] == "green"  # the conviction of 2025-02-14 is outside 36 months
    assert other["rulebook"]["version"] == "2026.2"


def test_the_schema_is_printed_and_validates_the_examples(env) -> None:
    schema = json.loads(succeeded(rate(env, "--schema")))

    assert schema == rating.case_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for path in EXAMPLES.glob("*.json"):
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_a_protected_ground_is_refused_naming_it(env, tmp_path: Path) -> None:
    document = json.loads((EXAMPLES / "cashier-dishonest-debtor.json").read_text(encoding="utf-8"))
    document["ethnicity"] = "x"
    document["findings"][0]["marital_status"] = "x"
    case = tmp_path / "protected.json"
    case.write_text(json.dumps(document), encoding="utf-8")

    message = failed(rate(env, str(case)))

    assert "invalid_case" in message
    assert "[protected_ground] ethnicity: 'ethnicity' is a protected ground (Ethnicity)" in message
    assert (
        "[protected_ground] findings[0].marital_status: 'marital_status' is a protected ground"
        in message
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["absent.json"], "cannot read the case file"),
        (["NOT_JSON"], "[not_json] not JSON (line 1"),
        (
            [str(EXAMPLES / "plaintiff.json"), "--as-of", "2026-13-01"],
            "--as-of: must be a real date",
        ),
        ([str(EXAMPLES / "plaintiff.json"), "--as-of", "2020-01-01"], "[after_as_of]"),
        ([str(EXAMPLES / "plaintiff.json"), "--rulebook", "absent.toml"], "[unreadable]"),
        ([], "name a case file"),
        (["--schema", str(EXAMPLES / "plaintiff.json")], "--schema takes no case file"),
    ],
)
def test_bad_input_exits_2_with_a_specific_message(
    env, tmp_path: Path, arguments, expected
) -> None:
    not_json = tmp_path / "not.json"
    not_json.write_text("{ not json", encoding="utf-8")
    arguments = [str(not_json) if argument == "NOT_JSON" else argument for argument in arguments]

    assert expected in failed(rate(env, *arguments))
