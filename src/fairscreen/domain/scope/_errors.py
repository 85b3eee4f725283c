"""Exceptions raised by the scope core, each with a stable machine-readable `code`.

The edges (API, UI, CLI) map these once, keeping `code`. Messages name item codes, field
paths and reason codes only, never a candidate's data: exception messages end up in logs,
and a log line is exactly the uncontrolled copy PIPL Art. 51 asks us to prevent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from fairscreen.domain.scope._problems import ProfileProblem

__all__ = [
    "CheckNotRunnable",
    "EmptyOrder",
    "InvalidProfile",
    "ItemNotPermitted",
    "NoticeIncomplete",
    "ProtectedGroundRefused",
    "ScopeError",
    "UnknownCheckItem",
    "UnknownTemplate",
]


class ScopeError(ValueError):
    """Base class of every refusal of the scope core; `code` is stable forever."""

    code: ClassVar[str] = "scope_error"


class UnknownCheckItem(ScopeError):
    """The code names no item of the catalogue: nothing outside the catalogue can be checked."""

    code = "unknown_check_item"

    def __init__(self, item: str) -> None:
        self.item = item
        super().__init__(f"There is no check item {item!r} in the catalogue.")


class ProtectedGroundRefused(ScopeError):
    """A protected ground was asked for; it can never be checked.

    Employment Promotion Law Arts. 3, 26-31 and Women's Rights Protection Law Art. 43
    forbid deciding on these grounds, so the system refuses to collect them at all.
    """

    code = "protected_ground"

    def __init__(self, item: str) -> None:
        self.item = item
        super().__init__(
            f"{item!r} is a protected ground and can never be checked "
            "(Employment Promotion Law Arts. 3, 26-31; Women's Rights Protection Law Art. 43)."
        )


class ItemNotPermitted(ScopeError):
    """The item is outside the position's risk profile (Labor Contract Law Art. 8)."""

    code = "item_not_in_profile"

    def __init__(self, item: str, *, reason: str = "") -> None:
        self.item = item
        super().__init__(
            reason or f"The check item {item!r} is not permitted by the position's risk profile."
        )


class EmptyOrder(ScopeError):
    """A screening must name at least one check item: there is no blanket consent."""

    code = "empty_order"

    def __init__(self) -> None:
        super().__init__("A screening order must name at least one check item.")


class InvalidProfile(ScopeError):
    """A risk profile is malformed or breaks a rule; `problems` lists every problem found."""

    code = "invalid_profile"

    def __init__(self, problems: Sequence[ProfileProblem]) -> None:
        self.problems: tuple[ProfileProblem, ...] = tuple(problems)
        summary = "; ".join(problem.message.en for problem in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"The risk profile is invalid: {summary}{more}")


class UnknownTemplate(ScopeError):
    """No built-in risk-profile template has this key."""

    code = "unknown_template"

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"There is no built-in risk-profile template {key!r}.")


class CheckNotRunnable(ScopeError):
    """The gate refused to let a check run; `reason` says why (see `check_may_run`)."""

    code = "check_not_runnable"

    def __init__(self, reason: str, item: str) -> None:
        self.reason = reason
        self.item = item
        super().__init__(f"The check {item!r} may not run: {reason}.")


class NoticeIncomplete(ScopeError):
    """The consent notice lacks something PIPL Art. 17 requires; `missing` names each field."""

    code = "notice_incomplete"

    def __init__(self, missing: Sequence[str]) -> None:
        self.missing: tuple[str, ...] = tuple(missing)
        super().__init__(
            "The consent notice cannot be issued; missing or blank: " + ", ".join(self.missing)
        )
