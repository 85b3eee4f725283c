"""Consistency: similar risks handled alike (CONTEXT.md, 制度化决策流程).

When someone decides on a screening, they see how this organisation decided before when the
same rule counted for a position of the same tier, and a proposal that departs from the
usual outcome needs a written reason. "Usual" is the most frequent earlier outcome — and
there is none (so nothing to depart from) until at least `MIN_PRECEDENTS` decisions exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fairscreen.domain.decisions._lifecycle import Outcome

__all__ = ["MIN_PRECEDENTS", "Precedent", "RuleHistory", "deviations", "rule_history"]

MIN_PRECEDENTS = 3


@dataclass(frozen=True, slots=True)
class Precedent:
    """One earlier final decision: which rules counted in its rating, the tier, the outcome."""

    rules: frozenset[str]
    tier: str
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class RuleHistory:
    rule: str
    tier: str
    counts: tuple[tuple[Outcome, int], ...]  # most frequent first

    @property
    def total(self) -> int:
        return sum(count for _outcome, count in self.counts)

    @property
    def usual(self) -> Outcome | None:
        """The most frequent outcome, if there are enough precedents and it is not a tie."""
        if self.total < MIN_PRECEDENTS or not self.counts:
            return None
        if len(self.counts) > 1 and self.counts[0][1] == self.counts[1][1]:
            return None
        return self.counts[0][0]


def rule_history(rule: str, tier: str, precedents: Iterable[Precedent]) -> RuleHistory:
    counter = Counter(p.outcome for p in precedents if p.tier == tier and rule in p.rules)
    ordered = sorted(counter.items(), key=lambda pair: (-pair[1], pair[0].value))
    return RuleHistory(rule=rule, tier=tier, counts=tuple(ordered))


def deviations(
    *, proposed: Outcome, rules: Iterable[str], tier: str, precedents: Iterable[Precedent]
) -> tuple[RuleHistory, ...]:
    """The histories of the counted rules whose usual outcome differs from `proposed`."""
    earlier = list(precedents)
    histories = (rule_history(rule, tier, earlier) for rule in sorted(set(rules)))
    return tuple(h for h in histories if h.usual is not None and h.usual is not proposed)
