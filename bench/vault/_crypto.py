"""Pure crypto throughput of the vault: no Django, no database (imported by `run.py`).

Each figure is the best of a few timed loops (`time.perf_counter`), so a moment of load
from another process on the machine shows up less than it would in a mean. Every encrypted
operation is timed beside its plaintext counterpart on the same value in the same run.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fairscreen.domain.vault import (
    EncryptionContext,
    LocalKeyring,
    decrypt_bytes,
    decrypt_field,
    encrypt_bytes,
    encrypt_field,
    new_data_key,
)

ORGANISATION = "0192f3a4-0000-7000-8000-000000000001"
ROW = "0192f3a4-0000-7000-8000-000000000002"
FILE_SIZE = 1_000_000  # "1 MB"; the file is random bytes (incompressible, like a PDF or JPEG)

# Fictional text, Chinese mixed with ASCII as in a real note or résumé.
NAME = "爱新觉罗·玉山红"  # 8 characters (the middle dot is 2 UTF-8 bytes), 23 bytes
ID_NUMBER = "990000200001010012"  # 18 characters, region 990000 exists nowhere (as the demo's)
PROSE = (
    "2019年7月至2024年3月在示例科技有限公司担任高级软件工程师，负责支付系统的设计与开发；"
    "Led a team of 5 engineers, migrated the billing service to PostgreSQL 15. "
    "教育背景：示例大学计算机科学与技术专业，工学学士。Skills: Python, Django, SQL. "
)


def text_of_bytes(size: int) -> str:
    """Mixed prose whose UTF-8 form is `size` bytes (give or take one character)."""
    text = PROSE * (size // len(PROSE.encode()) + 1)
    return text.encode()[:size].decode(errors="ignore")


FIELDS: tuple[tuple[str, str], ...] = (
    ("name, 8 chars", NAME),
    ("ID number, 18 chars", ID_NUMBER),
    ("64 chars", (PROSE * 2)[:64]),
    ("note, 1 KB", text_of_bytes(1024)),
    ("résumé text, 16 KB", text_of_bytes(16 * 1024)),
)


@dataclass(frozen=True)
class Timing:
    """Seconds per call of `work`, best of `repeats` loops of `number` calls."""

    per_call: float
    number: int


def best_per_call(work: Callable[[], object], *, seconds: float, repeats: int) -> Timing:
    """Calibrate a loop to about `seconds`, then keep the fastest of `repeats` loops."""
    number = 1
    while True:
        elapsed = loop(work, number)
        if elapsed >= 0.01:
            break
        number *= 4
    number = max(1, math.ceil(number * seconds / elapsed))
    best = min(loop(work, number) for _ in range(repeats))
    return Timing(per_call=best / number, number=number)


def loop(work: Callable[[], object], number: int) -> float:
    started = time.perf_counter()
    for _ in range(number):
        work()
    return time.perf_counter() - started


def pair(
    encrypted: Callable[[], object],
    plain: Callable[[], object],
    *,
    size: int,
    seconds: float,
    repeats: int,
) -> dict[str, float]:
    """One encrypted operation against its plaintext baseline, as plain numbers."""
    crypto = best_per_call(encrypted, seconds=seconds, repeats=repeats)
    baseline = best_per_call(plain, seconds=seconds, repeats=repeats)
    return {
        "bytes": size,
        "us": crypto.per_call * 1e6,
        "ops_s": 1 / crypto.per_call,
        "mb_s": size / crypto.per_call / 1e6,
        "plain_us": baseline.per_call * 1e6,
        "plain_mb_s": size / baseline.per_call / 1e6,
        "calls": crypto.number,
    }


def run(*, seconds: float, repeats: int) -> dict[str, Any]:
    data_key = new_data_key()
    result: dict[str, Any] = {"fields": [], "seconds": seconds, "repeats": repeats}
    for label, value in FIELDS:
        context = EncryptionContext(
            organisation_id=ORGANISATION, table="bench_report", column="value", row_id=ROW
        )
        token = encrypt_field(value, data_key=data_key, key_version=1, context=context)
        encoded = value.encode("utf-8")
        if decrypt_field(token, data_key=data_key, context=context) != value:
            raise SystemExit(f"{label}: decrypt_field did not return the value")
        size = len(encoded)
        result["fields"].append(
            {
                "label": label,
                "chars": len(value),
                "token_chars": len(token),
                "encrypt": pair(
                    lambda v=value, c=context: encrypt_field(
                        v, data_key=data_key, key_version=1, context=c
                    ),
                    lambda v=value: v.encode("utf-8"),
                    size=size,
                    seconds=seconds,
                    repeats=repeats,
                ),
                "decrypt": pair(
                    lambda t=token, c=context: decrypt_field(t, data_key=data_key, context=c),
                    lambda e=encoded: e.decode("utf-8"),
                    size=size,
                    seconds=seconds,
                    repeats=repeats,
                ),
            }
        )
    result["file"] = file_figures(data_key, seconds=seconds, repeats=repeats)
    result["unwrap_us"] = unwrap_us(data_key, seconds=seconds, repeats=repeats)
    return result


def file_figures(data_key: bytes, *, seconds: float, repeats: int) -> dict[str, Any]:
    """`encrypt_bytes` / `decrypt_bytes` of 1 MB against copying 1 MB already in memory."""
    content = os.urandom(FILE_SIZE)
    context = EncryptionContext(
        organisation_id=ORGANISATION, table="bench_report", column="resume_file", row_id=ROW
    )
    sealed = encrypt_bytes(content, data_key=data_key, key_version=1, context=context)
    if decrypt_bytes(sealed, data_key=data_key, context=context) != content:
        raise SystemExit("decrypt_bytes did not return the file")
    view = memoryview(content)

    def copy() -> bytes:
        return bytes(view)  # a real copy: bytes(b) and b[:] return b itself

    return {
        "encrypt": pair(
            lambda: encrypt_bytes(content, data_key=data_key, key_version=1, context=context),
            copy,
            size=FILE_SIZE,
            seconds=seconds,
            repeats=repeats,
        ),
        "decrypt": pair(
            lambda: decrypt_bytes(sealed, data_key=data_key, context=context),
            copy,
            size=FILE_SIZE,
            seconds=seconds,
            repeats=repeats,
        ),
        "overhead": len(sealed) - FILE_SIZE,
    }


def unwrap_us(data_key: bytes, *, seconds: float, repeats: int) -> float:
    """One `LocalKeyring.unwrap` (AES-GCM of 32 bytes under the KEK), in memory."""
    keyring = LocalKeyring.in_memory()
    subject = f"candidate:{ROW}"
    wrapped = keyring.wrap(data_key, subject_id=subject)
    timing = best_per_call(
        lambda: keyring.unwrap(wrapped, subject_id=subject), seconds=seconds, repeats=repeats
    )
    return timing.per_call * 1e6
