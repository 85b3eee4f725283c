"""The structured reference interview: only questions about job-relevant facts.

A referee is asked what they know first-hand about the candidate's work — dates, duties,
documented incidents — never their private life, health, family or any protected ground,
and never for a verdict. What they volunteer beyond the questions is an opinion: it is
kept (the candidate may ask what was said about them, PIPL Art. 45) but as hearsay, which
never verifies anything and never reaches the employer's report. The Beijing Fengtai court
found a provider liable for reporting exactly such a remark ("lifestyle problems").
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from fairscreen.domain.scope import Text

__all__ = ["OPINION_QUESTION", "REFERENCE_QUESTIONS", "ReferenceQuestion"]


@dataclass(frozen=True, slots=True)
class ReferenceQuestion:
    code: str
    text: Text
    category: str
    """The finding category an answer reporting a concern is recorded under."""


_QUESTIONS = (
    ReferenceQuestion(
        "dates_and_title",
        Text(
            zh="请确认候选人在贵单位的任职起止时间与职位。",
            en="Please confirm the candidate's dates of employment and job title with you.",
        ),
        "reference.job_performance",
    ),
    ReferenceQuestion(
        "duties",
        Text(
            zh="候选人的主要职责是什么？您是否直接了解其完成情况？请举具体事例。",
            en="What were the candidate's main duties, and do you know first-hand how they "
            "were carried out? Please give concrete examples.",
        ),
        "reference.job_performance",
    ),
    ReferenceQuestion(
        "documented_incidents",
        Text(
            zh="您是否直接了解候选人在职期间经单位查实并书面处理的违纪或违反职业操守事件？",
            en="Do you know first-hand of any breach of discipline or professional ethics "
            "that the employer investigated and dealt with in writing?",
        ),
        "reference.workplace_integrity",
    ),
    ReferenceQuestion(
        "leaving",
        Text(
            zh="据您直接了解，候选人离职的原因是什么？",
            en="As far as you know first-hand, why did the candidate leave?",
        ),
        "reference.job_performance",
    ),
)

REFERENCE_QUESTIONS = MappingProxyType({question.code: question for question in _QUESTIONS})
"""The only questions an interview records answers to, in the order they are asked."""

OPINION_QUESTION = ReferenceQuestion(
    "opinion",
    Text(zh="证明人主动发表的其他意见", en="Other opinions the referee volunteered"),
    "reference.job_performance",
)
"""Where volunteered opinions are filed: always as hearsay."""
