"""The consent notice: complete or not issuable, and hashed so a signature covers its text."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from fairscreen.domain import scope

ENGINEER = scope.template("software_engineer").spec
RECIPIENTS = (scope.Text(zh="招聘团队", en="The hiring team"),)
REFEREE = scope.NoticeThirdParty(
    key="tp-1", kind="referee", label=scope.Text(zh="证明人 1", en="Referee 1"),
    item="reference_interview",
)  # fmt: skip


def notice(**overrides) -> scope.Notice:
    arguments = {
        "spec": ENGINEER,
        "ordered": ["identity", "education", "reference_interview"],
        "controller_name": "测试公司 (Test Co.)",
        "controller_contact": "privacy@example.com",
        "position_title": "测试工程师 (test engineer)",
        "recipients": RECIPIENTS,
        "retention_months": 6,
        "third_parties": (REFEREE,),
        **overrides,
    }
    return scope.build_notice(**arguments)


def test_a_complete_notice_names_everything_pipl_art_17_requires() -> None:
    built = scope.require_issuable(notice())
    assert built.missing_fields() == ()
    assert [item.code for item in built.items] == ["identity", "education", "reference_interview"]
    identity = built.items[0]
    assert identity.sensitive
    assert identity.sensitive_impact is not None
    assert identity.necessity == ENGINEER.item("identity").necessity
    assert built.items[2].lookback_months == scope.effective_lookback_months(
        ENGINEER, "reference_interview"
    )
    assert "测试工程师" in built.purpose.zh
    assert built.rights == scope.RIGHTS
    assert built.catalogue_version == scope.CATALOGUE.version


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"controller_name": "  "}, "controller_name"),
        ({"controller_contact": ""}, "controller_contact"),
        ({"position_title": ""}, "position_title"),
        ({"recipients": ()}, "recipients"),
        ({"recipients": (scope.Text(zh="团队", en=""),)}, "recipients"),
        ({"retention_months": 0}, "retention_months"),
        ({"third_parties": ()}, "third_parties.reference_interview"),
    ],
)
def test_a_notice_with_a_blank_required_part_cannot_be_issued(overrides, missing) -> None:
    incomplete = notice(**overrides)
    assert missing in incomplete.missing_fields()
    with pytest.raises(scope.NoticeIncomplete) as caught:
        scope.require_issuable(incomplete)
    assert missing in caught.value.missing
    assert caught.value.code == "notice_incomplete"


def test_an_item_without_its_necessity_or_impact_cannot_be_issued() -> None:
    built = notice()
    blank = dataclasses.replace(built.items[0], necessity=scope.Text(zh="", en=""))
    no_impact = dataclasses.replace(built.items[0], sensitive_impact=None)
    for item, field in ((blank, "necessity"), (no_impact, "sensitive_impact")):
        broken = dataclasses.replace(built, items=(item, *built.items[1:]))
        assert f"items.identity.{field}" in broken.missing_fields()


def test_a_notice_for_an_item_outside_the_profile_is_refused() -> None:
    with pytest.raises(scope.ItemNotPermitted):
        notice(ordered=["identity", "credit_report"])
    with pytest.raises(scope.ItemNotPermitted):
        notice(ordered=["identity"])  # the referee's item was not ordered


def test_the_digest_is_sha256_of_the_canonical_json() -> None:
    built = notice()
    canonical = built.canonical_json()
    assert json.loads(canonical) == built.to_json()
    assert canonical == json.dumps(
        json.loads(canonical), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert built.digest() == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def test_any_change_to_the_notice_changes_its_digest() -> None:
    base = notice().digest()
    assert notice(retention_months=7).digest() != base
    assert notice(ordered=["identity", "reference_interview"]).digest() != base
    assert notice(controller_contact="dpo@example.com").digest() != base
    assert notice().digest() == base


def test_third_parties_appear_by_role_and_opaque_key_only() -> None:
    document = notice().to_json()
    assert document["third_parties"] == [
        {
            "item": "reference_interview",
            "key": "tp-1",
            "kind": "referee",
            "label": {"en": "Referee 1", "zh": "证明人 1"},
        }
    ]
