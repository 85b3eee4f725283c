"""What a screening may check: the catalogue, position risk profiles, the order gate, the notice.

Labor Contract Law Art. 8 allows an employer to ask only for information directly related
to the labour contract; PIPL Art. 6 limits processing to the minimum necessary, and Arts.
14, 17, 23, 29 and 30 require informed, specific, separate consent. This core turns those
rules into code that refuses: an item outside the catalogue or the position's profile, a
protected ground, a check without consent, a notice with a blank required part.

Pure: the standard library only. See README.md beside this file.
"""

from __future__ import annotations

from fairscreen.domain.scope._catalogue import (
    MAX_LOOKBACK_MONTHS,
    Catalogue,
    CheckItem,
    Precondition,
    SourceKind,
    ThirdPartyKind,
)
from fairscreen.domain.scope._catalogue_data import CATALOGUE
from fairscreen.domain.scope._errors import (
    CheckNotRunnable,
    EmptyOrder,
    InvalidProfile,
    ItemNotPermitted,
    NoticeIncomplete,
    ProtectedGroundRefused,
    ScopeError,
    UnknownCheckItem,
    UnknownTemplate,
)
from fairscreen.domain.scope._narrowing import rated_scope
from fairscreen.domain.scope._notice import (
    RIGHTS,
    Notice,
    NoticeItem,
    NoticeThirdParty,
    build_notice,
    require_issuable,
)
from fairscreen.domain.scope._order import (
    NOT_RUNNABLE_REASONS,
    ItemState,
    check_may_run,
    check_order,
    permits,
)
from fairscreen.domain.scope._problems import PROBLEM_CODES, ProfileProblem
from fairscreen.domain.scope._profiles import PermittedItem, ProfileSpec, Tier
from fairscreen.domain.scope._protected import PROTECTED_GROUND_LABELS, PROTECTED_GROUNDS
from fairscreen.domain.scope._template_model import ProfileTemplate
from fairscreen.domain.scope._templates import TEMPLATES, template
from fairscreen.domain.scope._text import Text
from fairscreen.domain.scope._validation import (
    added_sensitive_items,
    effective_lookback_months,
    profile_problems,
    validate_profile,
)

__all__ = [
    "CATALOGUE",
    "MAX_LOOKBACK_MONTHS",
    "NOT_RUNNABLE_REASONS",
    "PROBLEM_CODES",
    "PROTECTED_GROUNDS",
    "PROTECTED_GROUND_LABELS",
    "RIGHTS",
    "TEMPLATES",
    "Catalogue",
    "CheckItem",
    "CheckNotRunnable",
    "EmptyOrder",
    "InvalidProfile",
    "ItemNotPermitted",
    "ItemState",
    "Notice",
    "NoticeIncomplete",
    "NoticeItem",
    "NoticeThirdParty",
    "PermittedItem",
    "Precondition",
    "ProfileProblem",
    "ProfileSpec",
    "ProfileTemplate",
    "ProtectedGroundRefused",
    "ScopeError",
    "SourceKind",
    "Text",
    "ThirdPartyKind",
    "Tier",
    "UnknownCheckItem",
    "UnknownTemplate",
    "added_sensitive_items",
    "build_notice",
    "check_may_run",
    "check_order",
    "effective_lookback_months",
    "permits",
    "profile_problems",
    "rated_scope",
    "require_issuable",
    "template",
    "validate_profile",
]
