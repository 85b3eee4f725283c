"""Acting as an organisation member from the console: `--as EMAIL [--organisation ID]`.

Whoever runs `fairscreen` on the server can already read its database; what the option
adds is the same rules as the web and the API. The command acts with exactly the named
member's roles in one organisation, the services check those roles as for any request,
and the evidence ledger records that member (`user:<id>`) as the actor — so run a command
as yourself, never as a colleague. Only an active member can be named.

Exit codes, for scripts: 0 done; 1 refused (the member's roles or the current state
forbid it: 403, 409, 410); 2 bad input (unknown option, id, member or file, invalid
values: 400, 404, 422). Messages never quote personal values (PIPL Art. 51).
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.core.management.base import CommandError

from fairscreen.accounts.models import User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.selectors import memberships_of, organisation_access
from fairscreen.core.errors import FairscreenError
from fairscreen.domain import scope
from fairscreen.positions.errors import at_the_edge

REFUSED = 1
USAGE_ERROR = 2
_BAD_INPUT_STATUSES = frozenset({400, 404, 422})


def add_member_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="acting_as",
        required=True,
        metavar="EMAIL",
        help="act as this member of the organisation, with their roles (recorded as the actor)",
    )
    parser.add_argument(
        "--organisation",
        type=UUID,
        metavar="ID",
        help="the organisation to act in (needed only if the member belongs to several)",
    )


def acting_access(options: dict[str, Any]) -> OrganisationAccess:
    """The named member's access to the organisation, or a usage error (exit code 2)."""
    email = str(options["acting_as"]).strip().lower()
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None:
        raise usage_error("--as: no active staff member has this email.")
    principal = Principal.for_user(user)
    organisation_id = options.get("organisation")
    if organisation_id is None:
        organisations = [
            organisation for organisation, _roles in memberships_of(principal=principal)
        ]
        if len(organisations) != 1:
            known = ", ".join(str(organisation.id) for organisation in organisations) or "none"
            raise usage_error(f"--organisation: name one of the member's organisations ({known}).")
        organisation_id = organisations[0].id
    try:
        return organisation_access(principal=principal, organisation_id=organisation_id)
    except FairscreenError as error:
        raise failure(error) from None


@contextmanager
def mapped_errors() -> Iterator[None]:
    """Refusals of the services and the scope core become one clear line and an exit code."""
    try:
        yield
    except scope.ScopeError as error:
        raise failure(at_the_edge(error)) from None
    except FairscreenError as error:
        raise failure(error) from None


def failure(error: FairscreenError) -> CommandError:
    lines = [f"{error.code}: {error.message}"]
    for key, value in error.details.items():
        if key == "problems":
            lines.extend(
                f"  [{problem['code']}] {problem['item'] or '-'}: {problem['message']}"
                for problem in value
            )
        elif isinstance(value, list | tuple):
            lines.append(f"  {key}: {', '.join(str(entry) for entry in value)}")
        else:
            lines.append(f"  {key}: {value}")
    code = USAGE_ERROR if error.status in _BAD_INPUT_STATUSES else REFUSED
    return CommandError("\n".join(lines), returncode=code)


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def read_text(path: Path | str, *, option: str) -> str:
    """A UTF-8 text file, or standard input for `-`; unreadable input is a usage error."""
    try:
        if str(path) == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise usage_error(f"{option}: cannot read the file ({reason}).") from None


def local_time(moment: datetime | None, access: OrganisationAccess) -> str:
    """A time in the organisation's zone (default Asia/Shanghai), to the minute."""
    if moment is None:
        return "-"
    zone = ZoneInfo(access.organisation.time_zone or "Asia/Shanghai")
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
