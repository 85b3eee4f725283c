"""The reference interview records facts as testimony and opinions as hearsay; a bulk import
records a whole file or nothing, and says which rows were wrong."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from fairscreen.core.errors import FairscreenError
from fairscreen.evidence.models import Event
from fairscreen.screenings import selectors, services
from fairscreen.screenings.models import Finding
from fairscreen.screenings.services import ImportRejected, InterviewAnswer, ThirdPartyIn
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

REFEREE = ThirdPartyIn(
    item="reference_interview", name="测试证明人 (test referee)", contact="referee@example.com"
)


@pytest.fixture
def setup():
    return create_hiring_setup()


def interviewable(setup):
    return create_consented_screening(
        setup,
        create_candidate(setup.organisation),
        items=("identity", "reference_interview"),
        third_parties=(REFEREE,),
    )


def test_concerns_become_unverified_testimony_and_the_opinion_hearsay(setup):
    screening = interviewable(setup)
    referee = screening.third_parties.get()
    recorded = services.record_reference_interview(
        access=setup.analyst,
        screening_id=screening.id,
        third_party_id=referee.id,
        interviewed_on=date(2026, 11, 19),
        answers=[
            InterviewAnswer("dates_and_title", "2021-2024 出纳 (cashier)"),
            InterviewAnswer(
                "documented_incidents",
                "2023 年因报销违规被书面警告 (written warning)",
                concern=True,
            ),
        ],
        opinion="听说他生活作风有问题 (heard he has lifestyle problems)",
    )

    assert [finding.status for finding in recorded] == ["unverified", "unverified"]
    authorities = [finding.sources.get().authority for finding in recorded]
    assert authorities == ["first_hand_witness", "hearsay"]
    assert Finding.objects.filter(screening=screening).count() == 2  # no concern, no finding
    views = selectors.findings_for_analyst(access=setup.analyst, screening_id=screening.id)
    assert "生活作风" in views[1].detail("answer")
    event = Event.objects.filter(event_type="reference_interview.recorded").get()
    assert b'"concerns":1' in bytes(event.entry)
    assert "生活作风".encode() not in bytes(event.entry)


def test_only_the_interviews_questions_and_a_consented_referee(setup):
    screening = interviewable(setup)
    referee = screening.third_parties.get()
    before = Finding.objects.count()
    for kwargs, field in [
        (
            {"answers": [InterviewAnswer("marital_status", "未婚", concern=True)]},
            "answers[0].question",
        ),
        ({"answers": [InterviewAnswer("duties", "  ", concern=True)]}, "answers[0].answer"),
        ({"answers": []}, "answers"),
    ]:
        with pytest.raises(FairscreenError) as raised:
            services.record_reference_interview(
                access=setup.analyst,
                screening_id=screening.id,
                third_party_id=referee.id,
                interviewed_on=date(2026, 11, 19),
                **kwargs,
            )
        assert field in raised.value.details
    other = interviewable(setup).third_parties.get()
    with pytest.raises(FairscreenError) as raised:
        services.record_reference_interview(
            access=setup.analyst,
            screening_id=screening.id,
            third_party_id=other.id,
            interviewed_on=date(2026, 11, 19),
            answers=[InterviewAnswer("duties", "x", concern=True)],
        )
    assert "third_party" in raised.value.details
    assert Finding.objects.count() == before


CSV_HEADER = [
    "screening",
    "item",
    "external_ref",
    "category",
    "source_kind",
    "source_authority",
    "source_origin",
    "source_reference",
    "source_retrieved_at",
    "detail.case_number",
    "detail.court",
    "detail.listed_on",
    "detail.summary",
]


def csv_file(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def debtor_row(screening, ref, **overrides):
    row = {
        "screening": str(screening.id),
        "item": "dishonest_debtor",
        "external_ref": ref,
        "category": "dishonest_debtor.currently_listed",
        "source_kind": "court_records",
        "source_authority": "authoritative_registry",
        "source_origin": "provider:test",
        "source_reference": "测试供应商批次 7",
        "source_retrieved_at": "2026-11-20T10:00:00+08:00",
        "detail.case_number": f"(2025)测执{ref}号",
        "detail.court": "测试法院",
        "detail.listed_on": "2025-06-01",
        "detail.summary": "测试名单 (test listing)",
    }
    row.update(overrides)
    return [row[column] for column in CSV_HEADER]


def test_a_valid_csv_is_recorded_and_importing_it_again_adds_nothing(setup):
    first = create_consented_screening(setup, create_candidate(setup.organisation))
    second = create_consented_screening(setup, create_candidate(setup.organisation))
    content = csv_file([debtor_row(first, "1"), debtor_row(second, "2")])

    report = services.import_findings(access=setup.analyst, content=content, file_format="csv")
    assert (report.rows, report.recorded, report.duplicates) == (2, 2, 0)
    again = services.import_findings(access=setup.analyst, content=content, file_format="csv")
    assert (again.recorded, again.duplicates) == (0, 2)
    assert Finding.objects.count() == 2
    assert Event.objects.filter(event_type="findings.imported").count() == 2


def test_a_malformed_file_changes_nothing_and_reports_each_bad_row(setup):
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    refused = create_consented_screening(
        setup, create_candidate(setup.organisation), refuse=("dishonest_debtor",)
    )
    content = csv_file(
        [
            debtor_row(screening, "1"),
            debtor_row(screening, "2", **{"detail.listed_on": "next tuesday"}),
            debtor_row(refused, "3"),
            debtor_row(screening, "4", source_authority="very_sure", category="marital_status.x"),
            debtor_row(screening, "1"),
        ]
    )
    before = (Finding.objects.count(), Event.objects.count())
    with pytest.raises(ImportRejected) as raised:
        services.import_findings(access=setup.analyst, content=content, file_format="csv")

    problems = {(problem.row, problem.field) for problem in raised.value.report.problems}
    assert problems == {
        (2, "detail.listed_on"),
        (3, "item"),
        (4, "source_authority"),
        (5, "external_ref"),
    }
    assert "next tuesday" not in json.dumps(raised.value.details)
    assert (Finding.objects.count(), Event.objects.count()) == before


def test_json_imports_and_a_dry_run_records_nothing(setup):
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    document = {
        "findings": [
            {
                "screening": str(screening.id),
                "item": "education",
                "external_ref": "edu-1",
                "category": "education.record_not_found",
                "details": {"institution": "测试大学", "degree": "学士", "summary": "无记录"},
                "source": {
                    "kind": "authoritative_registry",
                    "authority": "authoritative_registry",
                    "origin": "registry:chsi",
                    "reference": "学信网（测试）",
                    "retrieved_at": "2026-11-20T10:00:00+08:00",
                },
            }
        ]
    }
    content = json.dumps(document, ensure_ascii=False).encode()
    dry = services.import_findings(
        access=setup.analyst, content=content, file_format="json", dry_run=True
    )
    assert (dry.rows, dry.recorded) == (1, 0)
    assert Finding.objects.count() == 0
    services.import_findings(access=setup.analyst, content=content, file_format="json")
    assert Finding.objects.get().status == "verified"


@pytest.mark.parametrize(
    ("content", "file_format"),
    [
        (b"\xff\xfe not utf-8", "csv"),
        (b"{not json", "json"),
        (b'{"rows": []}', "json"),
        (b"", "csv"),
        (b"a,b", "xml"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(setup, content, file_format):
    with pytest.raises(FairscreenError) as raised:
        services.import_findings(access=setup.analyst, content=content, file_format=file_format)
    assert raised.value.code == "validation_error"


def test_another_organisations_screening_is_not_found_in_an_import(setup):
    elsewhere = create_hiring_setup()
    theirs = create_consented_screening(elsewhere, create_candidate(elsewhere.organisation))
    with pytest.raises(ImportRejected) as raised:
        services.import_findings(
            access=setup.analyst, content=csv_file([debtor_row(theirs, "1")]), file_format="csv"
        )
    assert [(p.row, p.field) for p in raised.value.report.problems] == [(1, "screening")]


@pytest.mark.parametrize(
    "column", ["{name}", "detail.{name}", "source_{name}", "detail.110101199003070011"]
)
def test_a_column_the_file_chose_is_reported_without_its_name(setup, column):
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    chosen = column.format(name=screening.candidate.full_name.reveal())
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[*CSV_HEADER, chosen], [*debtor_row(screening, "1"), "x"]])
    before = (Finding.objects.count(), Event.objects.count())

    with pytest.raises(ImportRejected) as raised:
        services.import_findings(
            access=setup.analyst, content=buffer.getvalue().encode(), file_format="csv"
        )

    assert [(p.row, p.field) for p in raised.value.report.problems] == [(1, "(unknown field)")]
    reported = json.dumps(raised.value.details, ensure_ascii=False)
    assert chosen.removeprefix("detail.").removeprefix("source_") not in reported
    assert (Finding.objects.count(), Event.objects.count()) == before


def test_a_json_key_that_is_not_the_items_is_reported_without_its_name(setup):
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    name = screening.candidate.full_name.reveal()
    details = {"institution": "测试大学", "degree": "学士", "summary": "无记录"}

    def entry(ref, **more):
        return {
            "screening": str(screening.id),
            "item": "education",
            "external_ref": ref,
            "category": "education.record_not_found",
            "details": {**details, **more},
            "source": {
                "kind": "authoritative_registry",
                "authority": "authoritative_registry",
                "origin": "registry:chsi",
                "reference": "学信网（测试）",
                "retrieved_at": "2026-11-20T10:00:00+08:00",
            },
        }

    rows = [entry("e1", **{name: 4}), entry("e2", degree=4), entry("e3", **{name: "未婚"})]
    content = json.dumps({"findings": rows}, ensure_ascii=False).encode()

    with pytest.raises(ImportRejected) as raised:
        services.import_findings(access=setup.analyst, content=content, file_format="json")

    assert [(p.row, p.field) for p in raised.value.report.problems] == [
        (1, "(unknown field)"),  # not text, under a key of the file's own
        (2, "detail.degree"),  # not text, in a field of the item: named
        (3, "(unknown field)"),  # text, but not a field of the item
    ]
    assert name not in json.dumps(raised.value.details, ensure_ascii=False)
