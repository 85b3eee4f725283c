"""Rating engine benchmark: cases per second on one core, cases of 10 findings each.

Run `.venv/bin/python bench/rating/run.py` (or `make bench`). Pure domain code, no Django
and no database: a fixed-seed pool of cases over the 14 built-in templates, each with 10
findings of every kind (counted, unverified, unconsented, out of scope, lawsuits, stale,
protected), rated with the current rulebook. Target: at least 10,000 cases per second for
`rate()`; `rate()` + `to_json()` (the canonical output) is printed beside it. See README.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from fairscreen.domain import rating, scope
from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)

TARGET_PER_S = 10_000
FINDINGS_PER_CASE = 10
AS_OF = date(2026, 3, 2)
PAIRS = [
    (item.code, category) for item in scope.CATALOGUE.items for category in item.finding_categories
]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000, help="cases per timed run")
    parser.add_argument("--pool", type=int, default=1_000, help="distinct cases in the pool")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (best and median shown)")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args(argv)


def make_finding(
    generator: random.Random, index: int, profile: scope.ProfileSpec
) -> rating.FindingToRate:
    """Half the findings come from the position's own scope, so many of them count."""
    in_scope = [(item, category) for item, category in PAIRS if category in profile.relevance]
    item, category = generator.choice(in_scope if in_scope and generator.random() < 0.5 else PAIRS)
    if generator.random() < 0.03:
        item, category = "reference_interview", "health.recorded"  # a protected ground
    litigation = None
    if item == "civil_litigation":
        litigation = rating.LitigationFacts(
            role=generator.choice(list(LitigationRole)),
            outcome=generator.choice(list(LitigationOutcome)),
            performance=generator.choice(list(Performance)),
        )
    return rating.FindingToRate(
        id=f"f{index:02d}",
        item=item,
        category=category,
        status=generator.choices(list(VerificationStatus), weights=(2, 2, 6, 1, 1, 1))[0],
        consented=generator.random() < 0.9,
        occurred_on=None
        if generator.random() < 0.2
        else AS_OF - timedelta(days=generator.randrange(1, 3650)),
        litigation=litigation,
    )


def make_pool(
    size: int, seed: int
) -> list[tuple[scope.ProfileSpec, tuple[rating.FindingToRate, ...]]]:
    generator = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    profiles = [template.spec for template in scope.TEMPLATES]
    pool = []
    for _ in range(size):
        profile = generator.choice(profiles)
        findings = tuple(
            make_finding(generator, index, profile) for index in range(FINDINGS_PER_CASE)
        )
        pool.append((profile, findings))
    return pool


def timed(pool, count: int, rulebook: rating.Rulebook, *, serialise: bool) -> float:
    """Cases per second over `count` cases taken round-robin from the pool."""
    cases = [pool[index % len(pool)] for index in range(count)]
    started = time.perf_counter()
    for profile, findings in cases:
        result = rating.rate(profile, findings, AS_OF, rulebook)
        if serialise:
            result.to_json()
    return count / (time.perf_counter() - started)


def main(argv: list[str]) -> int:
    options = parse(argv)
    rulebook = rating.current_rulebook()
    pool = make_pool(options.pool, options.seed)
    lights = [rating.rate(profile, findings, AS_OF, rulebook).light for profile, findings in pool]
    counted = sum(len(rating.rate(p, f, AS_OF, rulebook).counted()) for p, f in pool)
    print(
        f"Rulebook {rulebook.version}; pool of {options.pool:,} cases × {FINDINGS_PER_CASE} "
        f"findings (seed {options.seed}); "
        f"{counted / (options.pool * FINDINGS_PER_CASE):.0%} of findings count; "
        "lights " + ", ".join(f"{light} {lights.count(light)}" for light in rating.Light)
    )
    print(
        f"{options.runs} runs of {options.cases:,} cases each, one process, one core "
        f"(Python {sys.version.split()[0]})"
    )
    timed(pool, min(options.cases, 2_000), rulebook, serialise=True)  # warm the caches
    print(f"{'':<34}{'best/s':>10}{'median/s':>10}{'µs/case':>9}{'vs 10,000/s':>13}")
    summary = []
    for label, serialise in (("rate()", False), ("rate() + to_json()", True)):
        rates = [
            timed(pool, options.cases, rulebook, serialise=serialise) for _ in range(options.runs)
        ]
        best, median = max(rates), statistics.median(rates)
        ratio = median / TARGET_PER_S
        verdict = "PASS" if median >= TARGET_PER_S else "MISS"
        print(
            f"  {label:<32}{best:>10,.0f}{median:>10,.0f}{1e6 / median:>9.1f}"
            f"{ratio:>12.2f}×  {verdict}"
        )
        summary.append(
            f"{label}: median {median:,.0f} cases/s = {ratio:.2f}× the target ({verdict})"
        )
    print("== Summary")
    print("\n".join(f"  {line}" for line in summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
