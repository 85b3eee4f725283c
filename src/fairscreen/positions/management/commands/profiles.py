"""`fairscreen profiles ...`: the check catalogue, templates, and an organisation's risk profiles.

`catalogue` and `templates` show the built-in definitions and need no member. Everything
else acts as a member (`--as EMAIL`, see `fairscreen.positions.management.acting`):
HR admins create profiles, the data protection officer approves a version that adds a
sensitive item with the written impact assessment (PIPL Art. 55-56), or rejects it.
Thin on purpose: reads go through `positions.selectors`, writes through `positions.services`.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.domain import scope
from fairscreen.positions import selectors, services
from fairscreen.positions.management.acting import (
    acting_access,
    add_member_arguments,
    local_time,
    mapped_errors,
    read_text,
    usage_error,
)
from fairscreen.positions.selectors import ProfileVersionView


class Command(BaseCommand):
    help = "Risk profiles: catalogue, templates, list, show, create, approve, reject."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for action, help_text in (
            ("catalogue", "the check items, what each touches and needs"),
            ("templates", "the built-in risk-profile templates"),
        ):
            read = actions.add_parser(action, help=help_text)
            read.add_argument("--language", choices=("zh", "en"), default="zh")
        listing = actions.add_parser("list", help="the organisation's risk profiles")
        add_member_arguments(listing)
        show = actions.add_parser("show", help="a profile and its versions")
        show.add_argument("profile_id", type=UUID, metavar="PROFILE_ID")
        show.add_argument("--language", choices=("zh", "en"), default="zh")
        add_member_arguments(show)
        create = actions.add_parser("create", help="a new profile from a template or a spec file")
        source = create.add_mutually_exclusive_group(required=True)
        source.add_argument("--template", metavar="KEY", help="see `fairscreen profiles templates`")
        source.add_argument("--spec-file", type=Path, metavar="FILE", help="a profile as JSON")
        create.add_argument("--name", default="", help="default: the template's name")
        add_member_arguments(create)
        approve = actions.add_parser("approve", help="approve a pending version (the DPO)")
        approve.add_argument("version_id", type=UUID, metavar="VERSION_ID")
        approve.add_argument(
            "--assessment-file",
            required=True,
            metavar="FILE",
            help="the impact assessment (purpose, necessity, impact, safeguards); - for stdin",
        )
        add_member_arguments(approve)
        reject = actions.add_parser("reject", help="reject a pending version (the DPO)")
        reject.add_argument("version_id", type=UUID, metavar="VERSION_ID")
        reject.add_argument("--note", required=True, help="why, for the HR admin")
        add_member_arguments(reject)

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        with mapped_errors():
            if action == "catalogue":
                self.catalogue(options["language"])
            elif action == "templates":
                self.templates(options["language"])
            else:
                handlers = {
                    "list": self.list_profiles,
                    "show": self.show,
                    "create": self.create,
                    "approve": self.approve,
                    "reject": self.reject,
                }
                handlers[action](acting_access(options), options)

    def catalogue(self, language: str) -> None:
        self.stdout.write(f"Check catalogue, version {scope.CATALOGUE.version}")
        for item in scope.CATALOGUE.items:
            flags = [
                flag
                for flag, present in (
                    ("sensitive", item.sensitive),
                    ("third-party", item.third_party),
                )
                if present
            ]
            lookback = item.default_lookback_months
            self.stdout.write(
                f"  {item.code:<26} {item.name.get(language)}"
                f"{' [' + ', '.join(flags) + ']' if flags else ''}"
                f"; look-back {f'{lookback} months' if lookback else 'none'}"
                f"; sources {', '.join(item.source_kinds)}"
            )
            if item.preconditions:
                self.stdout.write(f"  {'':<26} requires: {', '.join(item.preconditions)}")

    def templates(self, language: str) -> None:
        for template in scope.TEMPLATES:
            self.stdout.write(
                f"  {template.key:<22} {template.spec.tier}  {template.name.get(language)}"
                f": {', '.join(template.spec.codes())}"
            )

    def list_profiles(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        profiles = selectors.profiles_for(access=access)
        if not profiles:
            self.stdout.write("No risk profiles yet: create one with `profiles create`.")
        for profile in profiles:
            current = (
                f"version {profile.current.number} ({len(profile.current.spec.items)} items)"
                if profile.current
                else "no approved version"
            )
            pending = f"; version {profile.pending.number} pending" if profile.pending else ""
            self.stdout.write(f"{profile.id}  {profile.name}: {current}{pending}")

    def show(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        profile = selectors.profile(access=access, profile_id=options["profile_id"])
        template = f" (template {profile.template_key})" if profile.template_key else ""
        self.stdout.write(f"{profile.name}{template}  {profile.id}")
        for version in profile.versions:
            detailed = version in (profile.current, profile.pending)
            self._version(access, version, language=options["language"], detailed=detailed)

    def _version(
        self,
        access: OrganisationAccess,
        version: ProfileVersionView,
        *,
        language: str,
        detailed: bool,
    ) -> None:
        decided = (
            f", decided {local_time(version.decided_at, access)}" if version.decided_at else ""
        )
        self.stdout.write(
            f"  version {version.number}: {version.status}{decided}  {version.id}"
            f"  sha256 {version.spec_hash[:16]}…"
        )
        if not detailed:
            return
        spec = version.spec
        self.stdout.write(f"    tier {spec.tier}: {spec.duties.get(language)}")
        if spec.attributes:
            self.stdout.write(f"    declares: {', '.join(sorted(spec.attributes))}")
        for item in spec.items:
            sensitive = " [sensitive]" if scope.CATALOGUE.item(item.code).sensitive else ""
            self.stdout.write(f"    - {item.code}{sensitive}: {item.necessity.get(language)}")
        for label, text in (
            ("change note", version.change_note),
            ("sensitive items added", ", ".join(version.sensitive_added)),
            ("impact assessment", version.impact_assessment),
            ("decision note", version.decision_note),
        ):
            if text:
                self.stdout.write(f"    {label}: {text}")

    def create(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        if options["template"]:
            version = services.create_profile_from_template(
                access=access, template_key=options["template"], name=options["name"]
            )
        else:
            spec = _spec_from_file(options["spec_file"])
            version = services.create_profile(access=access, name=options["name"], spec=spec)
        profile = selectors.profile(access=access, profile_id=version.profile_id)
        self.stdout.write(f"Profile {profile.name} created: {profile.id}")
        if version.status == "approved":
            self.stdout.write(f"Version {version.number} approved: {version.id}")
            return
        self.stdout.write(
            f"Version {version.number} awaits the data protection officer: {version.id}\n"
            f"  sensitive items added: {', '.join(version.sensitive_added)}\n"
            f"  fairscreen profiles approve {version.id} --assessment-file FILE --as DPO_EMAIL"
        )

    def approve(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        assessment = read_text(options["assessment_file"], option="--assessment-file")
        version = services.approve_profile_version(
            access=access, version_id=options["version_id"], impact_assessment=assessment
        )
        profile = selectors.profile(access=access, profile_id=version.profile_id)
        self.stdout.write(
            f"Version {version.number} of {profile.name} approved; it is the scope in force now."
        )

    def reject(self, access: OrganisationAccess, options: dict[str, Any]) -> None:
        version = services.reject_profile_version(
            access=access, version_id=options["version_id"], note=options["note"]
        )
        profile = selectors.profile(access=access, profile_id=version.profile_id)
        self.stdout.write(f"Version {version.number} of {profile.name} rejected.")


def _spec_from_file(path: Path) -> scope.ProfileSpec:
    """A profile document as the API takes it; malformed content lists every problem."""
    try:
        document = json.loads(read_text(path, option="--spec-file"))
    except json.JSONDecodeError as error:
        raise usage_error(f"--spec-file: not JSON (line {error.lineno}).") from None
    return scope.ProfileSpec.from_json(document)
