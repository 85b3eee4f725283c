"""The domain's scope refusals, as the errors the edges map (API 422/409 with the same code).

`fairscreen.domain.scope` knows nothing of HTTP; this is the one place its exceptions
become `FairscreenError`s, keeping the domain's machine-readable code.
"""

from __future__ import annotations

from typing import Any

from fairscreen.core.errors import Conflict, FairscreenError, InvalidInput
from fairscreen.domain import scope


class UnknownCheckItem(InvalidInput):
    code = "unknown_check_item"


class ProtectedGroundRefused(InvalidInput):
    code = "protected_ground"


class ItemNotPermitted(InvalidInput):
    code = "item_not_in_profile"


class EmptyOrder(InvalidInput):
    code = "empty_order"


class InvalidProfile(InvalidInput):
    code = "invalid_profile"


class UnknownTemplate(InvalidInput):
    code = "unknown_template"


class CheckNotRunnable(Conflict):
    code = "check_not_runnable"


class NoticeIncomplete(Conflict):
    code = "notice_incomplete"


_EDGE: dict[type[scope.ScopeError], type[FairscreenError]] = {
    scope.UnknownCheckItem: UnknownCheckItem,
    scope.ProtectedGroundRefused: ProtectedGroundRefused,
    scope.ItemNotPermitted: ItemNotPermitted,
    scope.EmptyOrder: EmptyOrder,
    scope.InvalidProfile: InvalidProfile,
    scope.UnknownTemplate: UnknownTemplate,
    scope.CheckNotRunnable: CheckNotRunnable,
    scope.NoticeIncomplete: NoticeIncomplete,
}


def at_the_edge(error: scope.ScopeError) -> FairscreenError:
    """The `FairscreenError` for a domain refusal, with its details (no personal data)."""
    details: dict[str, Any] = {}
    item = getattr(error, "item", None)
    if item is not None:
        details["item"] = item
    if isinstance(error, scope.InvalidProfile):
        details["problems"] = [
            {"code": problem.code, "item": problem.item, "message": problem.message.en}
            for problem in error.problems
        ]
    if isinstance(error, scope.CheckNotRunnable):
        details["reason"] = error.reason
    if isinstance(error, scope.NoticeIncomplete):
        details["missing"] = list(error.missing)
    kind = _EDGE.get(type(error), InvalidInput)
    return kind(str(error), details=details)
