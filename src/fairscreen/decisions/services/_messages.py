"""Telling people: the candidate about a notice, the deciders and HR about the clock.

Through the notifications context, inside the caller's transaction (a notice and the
message announcing it commit together). The e-mail says that a notice is waiting and what
it is, with the outcome and the reasons; the full notice — the report copy, the deadline,
how to respond — is in the candidate's portal. Staff messages name the candidate only by
the screening: their text is encrypted under the candidate's key all the same.

Staff are told about a screening only if they may open it: the members of its position's
hiring team in the roles asked for (held in the organisation and on the team), and the
overseers (DPO, auditor), who see every position — the rule of `screenings.team_access`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import RoleAssignment, User
from fairscreen.accounts.roles import Role
from fairscreen.decisions.models import FeedbackDeadline, Notice
from fairscreen.notifications.messages import Bilingual, ChannelName, Language, Message, Recipient
from fairscreen.notifications.services import notify
from fairscreen.positions.models import HiringTeamMember
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import ConsentRecord, Screening
from fairscreen.screenings.team_access import OVERSEERS

PORTAL_PATH = "/c/"

_SUBJECTS = {
    "outcome": _("The result of your background check"),
    "preliminary": _("Preliminary notice about your background check: please read and respond"),
    "final": _("Final decision on your background check"),
}
_BODIES = {
    "outcome": _(
        "The employer has decided: %(outcome)s. Reasons: %(reasons)s. Your report and "
        "this notice are in your candidate portal."
    ),
    "preliminary": _(
        "The employer is considering not proceeding, because of the report. Before anything "
        "is final, you can respond or dispute any finding until %(deadline)s (inclusive)."
        " Reasons: %(reasons)s. The notice, with a copy of the report and how to respond, "
        "is in your candidate portal."
    ),
    "final": _(
        "The employer's final decision: %(outcome)s. Reasons: %(reasons)s. If you "
        "disagree, you can still dispute the report in your candidate portal."
    ),
}
_OUTCOMES = {
    "proceed": _("proceed"),
    "proceed_with_conditions": _("proceed with conditions"),
    "do_not_proceed": _("not proceed"),
}


def tell_candidate(notice: Notice) -> None:
    """Queue the e-mail and the portal message announcing `notice`."""
    screening = Screening.objects.select_related("candidate").get(id=notice.screening_id)
    with data_key_scope():
        reasons = notice.decision.reasons.reveal()
    if isinstance(reasons, Destroyed):
        return
    params = {
        "outcome": _OUTCOMES.get(notice.decision.outcome, notice.decision.outcome),
        "reasons": reasons,
        "deadline": notice.response_deadline.isoformat() if notice.response_deadline else "",
    }
    message_candidate(
        screening,
        kind=f"decision.{notice.kind}_notice",
        subject=Bilingual.translated(_SUBJECTS[notice.kind]),
        body=Bilingual.translated(_BODIES[notice.kind], **params),
        actor=notice.sent_by,
        idempotency_key=f"notice:{notice.id}",
    )


def message_candidate(
    screening: Screening,
    *,
    kind: str,
    subject: Bilingual,
    body: Bilingual,
    actor: str,
    idempotency_key: str,
) -> None:
    """Queue an e-mail and a portal message to the screening's candidate, in their language."""
    with data_key_scope():
        email = screening.candidate.email.reveal()
    if isinstance(email, Destroyed):
        return
    notify(
        recipient=Recipient.candidate(
            subject=f"candidate:{screening.candidate_id}",
            organisation_id=screening.organisation_id,
            email=email,
            language=_language_of(screening),
        ),
        message=Message(
            kind=kind, subject=subject, body=body, link_path=PORTAL_PATH, screening_id=screening.id
        ),
        channels=[ChannelName.EMAIL, ChannelName.PORTAL],
        actor=actor,
        idempotency_key=idempotency_key,
    )


def message_staff(
    screening: Screening,
    *,
    roles: frozenset[Role],
    kind: str,
    subject: Bilingual,
    body: Bilingual,
    actor: str,
    idempotency_key: str,
) -> None:
    """Queue an e-mail to each active member who may open this screening in one of `roles`."""
    for user in staff_recipients(screening, roles):
        notify(
            recipient=Recipient.staff(
                user_id=user.id, organisation_id=screening.organisation_id, email=user.email
            ),
            message=Message(
                kind=kind,
                subject=subject,
                body=body,
                link_path=f"/o/{screening.organisation_id}/screenings/{screening.id}/",
                screening_id=screening.id,
                data_subject=f"candidate:{screening.candidate_id}",
            ),
            channels=[ChannelName.EMAIL],
            actor=actor,
            idempotency_key=f"{idempotency_key}:{user.id}",
        )


def staff_recipients(screening: Screening, roles: frozenset[Role]) -> list[User]:
    """The active members holding one of `roles` for this screening's position: on its
    hiring team in that role (and still holding it in the organisation), or overseeing."""
    held = RoleAssignment.objects.filter(
        membership__organisation_id=screening.organisation_id,
        membership__user__is_active=True,
        role__in=roles,
    ).values_list("membership__user_id", "role")
    on_team = set(
        HiringTeamMember.objects.filter(
            position_id=screening.position_id, role__in=roles, user__isnull=False
        ).values_list("user_id", "role")
    )
    chosen = {
        user_id for user_id, role in held if Role(role) in OVERSEERS or (user_id, role) in on_team
    }
    return list(User.objects.filter(id__in=chosen).order_by("id"))


_STAFF_SUBJECTS = {
    "feedback.reminder": _("Reminder: a candidate must hear the outcome by %(due)s"),
    "feedback.overdue": _("Overdue: a candidate has not heard the outcome (due %(due)s)"),
    "feedback.uncounted": _(
        "A feedback deadline cannot be counted: no working-day calendar for %(year)s"
    ),
}
_STAFF_BODIES = {
    "feedback.reminder": _(
        "A screening's report is complete and the candidate must be told the outcome and the "
        "reasons by %(due)s (3 working days). Open the decision in the console."
    ),
    "feedback.overdue": _(
        "The candidate of a screening was due to hear the outcome and the reasons by %(due)s "
        "and has not. As HR admin, please see that the decision is taken and the notice sent."
    ),
    "feedback.uncounted": _(
        "A screening's report is complete, but the 3 working days in which the candidate must "
        "hear the outcome cannot be counted: the working-day calendar for %(year)s is not "
        "loaded. As HR admin, please load that year's official schedule (decision policy); "
        "the deadline is counted as soon as it is loaded."
    ),
}
_STAFF_ROLES = {
    "feedback.reminder": frozenset({Role.REVIEWER, Role.APPROVER}),
    "feedback.overdue": frozenset({Role.HR_ADMIN}),
    "feedback.uncounted": frozenset({Role.HR_ADMIN}),
}


def tell_staff(deadline: FeedbackDeadline, *, kind: str) -> None:
    """Queue a reminder (to the deciders) or an escalation (to the HR admins)."""
    params = {
        "due": deadline.due_on.isoformat() if deadline.due_on else "—",
        "year": deadline.calendar_problem.rpartition(":")[2] or "—",
    }
    message_staff(
        deadline.screening,
        roles=_STAFF_ROLES[kind],
        kind=kind,
        subject=Bilingual.translated(_STAFF_SUBJECTS[kind], **params),
        body=Bilingual.translated(_STAFF_BODIES[kind], **params),
        actor="system:feedback-clock",
        idempotency_key=f"{kind}:{deadline.screening_id}",
    )


def _language_of(screening: Screening) -> Language:
    """The language the candidate signed their consent in; Chinese and English otherwise."""
    record = ConsentRecord.objects.filter(screening=screening).only("language").first()
    if record is None:
        return Language.BOTH
    return Language.EN if record.language.startswith("en") else Language.ZH_HANS
