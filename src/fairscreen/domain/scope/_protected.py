"""Protected grounds: facts about a person that no screening may ever collect or use.

Employment Promotion Law Art. 3 (no discrimination by ethnicity, race, sex or religious
belief), Arts. 27-31 (women, ethnic minorities, persons with disabilities, carriers of
infectious pathogens, rural workers), Women's Rights Protection Law Art. 43 (no questions
about marital or childbearing status, no pregnancy tests), and the Labor Contract Law Art. 8
limit on information "directly related to the labour contract". Health is here too: where a
law requires a health certificate (e.g. food handlers) it is an occupational health
examination outside screening, never a background check.

These codes can never be catalogue items, finding categories or relevance entries; asking
for one is refused loudly (`ProtectedGroundRefused`) rather than silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fairscreen.domain.scope._text import Text

__all__ = ["PROTECTED_GROUNDS", "PROTECTED_GROUND_LABELS"]

PROTECTED_GROUND_LABELS: Mapping[str, Text] = MappingProxyType(
    {
        "ethnicity": Text(zh="民族", en="Ethnicity"),
        "race": Text(zh="种族", en="Race"),
        "sex": Text(zh="性别", en="Sex"),
        "religion": Text(zh="宗教信仰", en="Religious belief"),
        "marital_status": Text(zh="婚姻状况", en="Marital status"),
        "childbearing_status": Text(zh="生育状况", en="Childbearing status or plans"),
        "pregnancy": Text(zh="是否怀孕", en="Pregnancy"),
        "disability": Text(zh="残疾", en="Disability"),
        "infectious_disease_carrier": Text(
            zh="传染病病原携带状况（如乙肝）",
            en="Carrier of an infectious pathogen (e.g. hepatitis B)",
        ),
        "household_registration": Text(zh="户籍", en="Household registration (hukou)"),
        "rural_origin": Text(zh="农村户籍或进城务工身份", en="Rural origin"),
        "age": Text(zh="年龄", en="Age"),
        "health": Text(zh="健康状况与病史", en="Health and medical history"),
        "genetic_information": Text(zh="基因信息", en="Genetic information"),
        "family_background": Text(zh="家庭成员及其情况", en="Family members and family background"),
    }
)

PROTECTED_GROUNDS: frozenset[str] = frozenset(PROTECTED_GROUND_LABELS)
