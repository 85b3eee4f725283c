"""`fairscreen screening list|show|order|invite|withdraw`: screenings from the console.

Acts as a member (`--as EMAIL`, see `fairscreen.positions.management.acting`) with that
member's roles, through the same services as the web and the API: an item outside the
position's profile or a protected ground is refused with exit code 2 and nothing is
created; the invitation link is printed once and never stored (only its hash is).
"""

from __future__ import annotations

import re
from argparse import ArgumentParser
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.positions.management.acting import (
    acting_access,
    add_member_arguments,
    local_time,
    mapped_errors,
    usage_error,
)
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings import selectors, services
from fairscreen.screenings.services import ThirdPartyIn

_THIRD_PARTY_KEYS = ("item", "name", "contact")
_THIRD_PARTY_PARTS = re.compile(r",\s*(?=(?:item|name|contact)=)")


class Command(BaseCommand):
    help = "Screenings: list, show, order, invite (prints the link once), withdraw."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="the organisation's screenings, newest first")
        add_member_arguments(listing)
        show = actions.add_parser("show", help="one screening: items, third parties, notice")
        show.add_argument("screening_id", type=UUID, metavar="SCREENING_ID")
        add_member_arguments(show)
        order = actions.add_parser("order", help="order items of the position's risk profile")
        order.add_argument("--candidate", type=UUID, required=True, metavar="ID")
        order.add_argument("--position", type=UUID, required=True, metavar="ID")
        order.add_argument(
            "--item", dest="items", action="extend", nargs="+", default=[], metavar="CODE"
        )
        order.add_argument(
            "--former-employer",
            action="append",
            default=[],
            metavar='"name=...,contact=..."',
            help="whom to ask for employment_history (item= may name another item)",
        )
        order.add_argument(
            "--referee",
            action="append",
            default=[],
            metavar='"name=...,contact=..."',
            help="whom to ask for reference_interview",
        )
        add_member_arguments(order)
        invite = actions.add_parser("invite", help="issue the consent link (shown once)")
        invite.add_argument("screening_id", type=UUID, metavar="SCREENING_ID")
        invite.add_argument("--base-url", metavar="URL", help="the portal's public address")
        add_member_arguments(invite)
        withdraw = actions.add_parser(
            "withdraw", help="record a withdrawal the candidate made by phone or letter"
        )
        withdraw.add_argument("screening_id", type=UUID, metavar="SCREENING_ID")
        add_member_arguments(withdraw)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        handlers = {
            "list": self.list_screenings,
            "show": self.show,
            "order": self.order,
            "invite": self.invite,
            "withdraw": self.withdraw,
        }
        with mapped_errors():
            handlers[action](acting_access(options), options)

    def list_screenings(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        screenings = selectors.screenings_for(access=access)
        if not screenings:
            self.stdout.write("No screenings yet.")
        for view in screenings:
            items = ", ".join(f"{item.code}:{item.state}" for item in view.items)
            self.stdout.write(
                f"{view.id}  {view.status:<16} {local_time(view.ordered_at, access)}  "
                f"{view.position_title}  [{items}]"
            )

    def show(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        view = selectors.screening(access=access, screening_id=options["screening_id"])
        self.stdout.write(f"Screening {view.id}: {view.status}")
        self.stdout.write(f"  candidate: {_plain(view.candidate_name)}  {view.candidate_id}")
        self.stdout.write(
            f"  position: {view.position_title}, profile {view.profile_name} "
            f"version {view.profile_version}"
        )
        for label, moment in (
            ("ordered", view.ordered_at),
            ("consented", view.consented_at),
            ("withdrawn", view.withdrawn_at),
            ("invitation expires", view.invitation_expires_at),
            ("invitation used", view.invitation_used_at),
        ):
            if moment is not None:
                self.stdout.write(f"  {label}: {local_time(moment, access)}")
        self.stdout.write(f"  notice digest: {view.notice_digest or '- (no invitation yet)'}")
        self.stdout.write("  items:")
        for item in view.items:
            sensitive = " [sensitive, separately consented]" if item.sensitive_consent else ""
            self.stdout.write(f"    {item.code:<26} {item.state}{sensitive}")
        if view.third_parties:
            self.stdout.write("  third parties:")
        for party in view.third_parties:
            self.stdout.write(
                f"    {party.kind} for {party.item}: {_plain(party.name)}, "
                f"{_plain(party.contact)} (consent {party.consent})"
            )

    def order(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        parties = [
            *(
                _third_party(text, "employment_history", "--former-employer")
                for text in options["former_employer"]
            ),
            *(
                _third_party(text, "reference_interview", "--referee")
                for text in options["referee"]
            ),
        ]
        screening = services.order_screening(
            access=access,
            candidate_id=options["candidate"],
            position_id=options["position"],
            items=options["items"],
            third_parties=parties,
        )
        view = selectors.screening(access=access, screening_id=screening.id)
        self.stdout.write(f"Screening ordered: {view.id}")
        self.stdout.write(f"  items: {', '.join(item.code for item in view.items)}")
        self.stdout.write(f"  next: fairscreen screening invite {view.id} --as ...")

    def invite(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        base_url = _base_url(options["base_url"])
        issued = services.issue_invitation(access=access, screening_id=options["screening_id"])
        link = base_url + reverse("portal:invitation", kwargs={"token": issued.token})
        expires = local_time(issued.invitation.expires_at, access)
        self.stdout.write(f"Invitation issued; it works once and expires {expires}.")
        self.stdout.write("Send this link to the candidate now; it is not shown again:")
        self.stdout.write(link)

    def withdraw(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        screening_id = options["screening_id"]
        services.record_withdrawal_for_candidate(access=access, screening_id=screening_id)
        view = selectors.screening(access=access, screening_id=screening_id)
        stopped = [item.code for item in view.items if item.state == "stopped"]
        self.stdout.write(f"Consent withdrawn for screening {view.id}.")
        self.stdout.write(f"  stopped: {', '.join(stopped) or 'nothing was pending'}")


def _third_party(text: str, default_item: str, option: str) -> ThirdPartyIn:
    """`name=...,contact=...[,item=...]`; a value may itself contain commas (`Co., Ltd.`).

    Errors name the option and the keys, never the values: they are personal data.
    """
    fields: dict[str, str] = {}
    for part in _THIRD_PARTY_PARTS.split(text.strip()):
        key, separator, value = part.partition("=")
        key = key.strip()
        if not separator or key not in _THIRD_PARTY_KEYS or key in fields:
            raise usage_error(
                f'{option}: write "name=...,contact=..." (optionally item=...), each key once.'
            )
        fields[key] = value.strip()
    if not fields.get("name") or not fields.get("contact"):
        raise usage_error(f"{option}: both name= and contact= are required.")
    return ThirdPartyIn(
        item=fields.get("item") or default_item, name=fields["name"], contact=fields["contact"]
    )


def _base_url(given: str | None) -> str:
    """The portal's public address: --base-url, else the first trusted origin, else host:port."""
    app = settings.APP
    url = given or (
        app.csrf_trusted_origins[0] if app.csrf_trusted_origins else f"http://{app.host}:{app.port}"
    )
    if not re.fullmatch(r"https?://[^/\s]+(/[^\s]*)?", url):
        raise usage_error("--base-url: give an http:// or https:// address.")
    return url.rstrip("/")


def _plain(value: Revealed) -> str:
    return "(destroyed)" if isinstance(value, Destroyed) else value
