"""The candidate's voice: a statement that travels with the report, questions to the
employer, and a rating of the process once the candidate has heard the outcome.

- **Statement** — context the candidate adds (an employment gap, an old record). A fair
  decision weighs "the candidate's explanation" (CONTEXT.md point 5), so the statement is
  shown beside the report on the employer's report page and the decision page. There is
  one per screening and an edit *overwrites* it (with a revision count): the text is the
  candidate's own account and they may correct it (PIPL Art. 46), and keeping words they
  took back would hold more than is needed (PIPL Art. 6). Each save is an evidence event
  with the revision number, so when it changed stays provable without keeping old wording.
  It can no longer change once the decision is final: what the decision weighed stays put.
- **Questions** (反向背调) — the candidate asks about the position and the company; HR
  answers in the console. `asked_at` and `answered_at` feed the monthly review (月度复盘).
- **Survey** — HR responsiveness, transparency and fairness, 1-5 each, and free text; one
  per screening, offered once the candidate has been told the outcome.

Everything the candidate or HR writes is encrypted under the candidate's key; the scores
are not, so the monthly averages outlive the destruction of the comments.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models import Candidate, Screening

SCORE_RANGE = range(1, 6)
"""Each survey score is 1 (poor) to 5 (excellent)."""


class CandidateStatement(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.OneToOneField(
        Screening, on_delete=models.PROTECT, related_name="candidate_statement"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("the candidate's statement"))
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"candidate-statement:{self.id}"


class CandidateQuestion(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(
        Screening, on_delete=models.PROTECT, related_name="candidate_questions"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    question = EncryptedTextField(_("the candidate's question"))
    asked_at = models.DateTimeField(default=timezone.now, db_index=True)
    answer = EncryptedTextField(_("the employer's answer"), blank=True, default="")
    answered_by = models.CharField(max_length=80, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-asked_at", "id"]

    def __str__(self) -> str:
        return f"candidate-question:{self.id}"


class SurveyResponse(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.OneToOneField(
        Screening, on_delete=models.PROTECT, related_name="survey_response"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    responsiveness = models.PositiveSmallIntegerField()
    transparency = models.PositiveSmallIntegerField()
    fairness = models.PositiveSmallIntegerField()
    comment = EncryptedTextField(_("the candidate's comment"), blank=True, default="")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering: ClassVar = ["-submitted_at", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(**{f"{score}__gte": 1, f"{score}__lte": 5}),
                name=f"survey_{score}_1_to_5",
            )
            for score in ("responsiveness", "transparency", "fairness")
        ]

    def __str__(self) -> str:
        return f"survey-response:{self.id}"
