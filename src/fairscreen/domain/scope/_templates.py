"""The built-in templates, in the order an HR admin is offered them, and lookup by key."""

from __future__ import annotations

from fairscreen.domain.scope._errors import UnknownTemplate
from fairscreen.domain.scope._template_model import ProfileTemplate
from fairscreen.domain.scope._templates_critical import CRITICAL_TEMPLATES
from fairscreen.domain.scope._templates_general import GENERAL_TEMPLATES
from fairscreen.domain.scope._templates_trusted import TRUSTED_TEMPLATES

__all__ = ["TEMPLATES", "template"]

_BY_KEY = {
    template.key: template
    for template in (*GENERAL_TEMPLATES, *TRUSTED_TEMPLATES, *CRITICAL_TEMPLATES)
}

_ORDER = (
    "administration_office",
    "software_engineer",
    "sales",
    "hr_specialist",
    "procurement",
    "cashier",
    "finance_manager",
    "quality_inspector",
    "food_safety",
    "professional_driver",
    "security_guard",
    "teacher_childcare",
    "healthcare",
    "senior_executive",
)

if set(_ORDER) != set(_BY_KEY):  # a template left out of the offer would be silently lost
    raise RuntimeError("every built-in template must be listed exactly once in _ORDER")

TEMPLATES: tuple[ProfileTemplate, ...] = tuple(_BY_KEY[key] for key in _ORDER)


def template(key: str) -> ProfileTemplate:
    """The built-in template with this key; raises `UnknownTemplate` for anything else."""
    for candidate in TEMPLATES:
        if candidate.key == key:
            return candidate
    raise UnknownTemplate(key)
