"""The ledger against the RFC 6962 test vectors shared beside the repository.

The vectors (transparency-dev/merkle test data, RFC 6962 / RFC 9162 hashing)
are an independent implementation's verdicts: every file says whether a
verifier must accept or reject, and this module holds ours to the same answer.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from fairscreen.domain.ledger import (
    ConsistencyProofError,
    InclusionProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "vectors" / "rfc6962"
MISSING = Path("vectors-directory-is-missing")

# The eight leaves of the RFC 6962 reference tree the vectors are built from.
REFERENCE_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
REFERENCE_HASHES = [leaf_hash(leaf) for leaf in REFERENCE_LEAVES]
REFERENCE_ROOTS_HEX = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def _vector_files(kind: str) -> list[Path]:
    """Every JSON file of one kind; a sentinel when the directory is absent, so tests fail."""
    directory = VECTORS / kind
    if not directory.is_dir():
        return [MISSING]
    return sorted(directory.rglob("*.json"))


def _vector_id(path: Path) -> str:
    return path.relative_to(VECTORS).as_posix() if path != MISSING else "missing"


INCLUSION_FILES = _vector_files("inclusion")
CONSISTENCY_FILES = _vector_files("consistency")


def _load(path: Path) -> dict[str, Any]:
    if path == MISSING or not VECTORS.is_dir():
        pytest.fail(f"RFC 6962 test vectors not found at {VECTORS}; they must be in shared/")
    record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return record


def _decode(value: str | None) -> bytes:
    """Standard base64; a null or missing hash is the empty byte string."""
    return b"" if value is None else base64.b64decode(value, validate=True)


def _proof(record: dict[str, Any]) -> list[bytes]:
    return [_decode(element) for element in record.get("proof") or []]


def _reference_tree(size: int, root: bytes) -> list[bytes] | None:
    """The reference leaf hashes of that size if they have that root, else None."""
    if not 0 < size <= len(REFERENCE_HASHES):
        return None
    hashes = REFERENCE_HASHES[:size]
    return hashes if root_hash(hashes) == root else None


def test_vector_directory_holds_the_full_suite() -> None:
    if not VECTORS.is_dir():
        pytest.fail(f"RFC 6962 test vectors not found at {VECTORS}; they must be in shared/")
    assert MISSING not in INCLUSION_FILES
    assert MISSING not in CONSISTENCY_FILES
    assert len(INCLUSION_FILES) + len(CONSISTENCY_FILES) > 100
    assert len(INCLUSION_FILES) > 50
    assert len(CONSISTENCY_FILES) > 50


def test_reference_roots_match_rfc6962_test_data() -> None:
    for size, expected in enumerate(REFERENCE_ROOTS_HEX):
        assert root_hash(REFERENCE_HASHES[:size]).hex() == expected


@pytest.mark.parametrize("path", INCLUSION_FILES, ids=_vector_id)
def test_inclusion_vector(path: Path) -> None:
    record = _load(path)
    index, tree_size = record["leafIdx"], record["treeSize"]
    leaf, root, proof = _decode(record["leafHash"]), _decode(record["root"]), _proof(record)

    if record["wantErr"]:
        with pytest.raises(InclusionProofError):
            verify_inclusion(
                leaf_hash=leaf, index=index, tree_size=tree_size, proof=proof, root=root
            )
        return

    verify_inclusion(leaf_hash=leaf, index=index, tree_size=tree_size, proof=proof, root=root)
    hashes = _reference_tree(tree_size, root)
    if path.name == "happy-path.json":
        assert hashes is not None, "happy paths are built on the RFC 6962 reference tree"
    if hashes is not None:
        assert hashes[index] == leaf
        assert inclusion_proof(index, hashes) == proof


@pytest.mark.parametrize("path", CONSISTENCY_FILES, ids=_vector_id)
def test_consistency_vector(path: Path) -> None:
    record = _load(path)
    first, second = record["size1"], record["size2"]
    first_root, second_root = _decode(record["root1"]), _decode(record["root2"])
    proof = _proof(record)

    if record["wantErr"]:
        with pytest.raises(ConsistencyProofError):
            verify_consistency(
                first=first,
                second=second,
                first_root=first_root,
                second_root=second_root,
                proof=proof,
            )
        return

    verify_consistency(
        first=first, second=second, first_root=first_root, second_root=second_root, proof=proof
    )
    first_hashes = _reference_tree(first, first_root)
    second_hashes = _reference_tree(second, second_root)
    if path.name == "happy-path.json":
        assert first_hashes is not None, "happy paths are built on the RFC 6962 reference tree"
        assert second_hashes is not None, "happy paths are built on the RFC 6962 reference tree"
    if first_hashes is not None and second_hashes is not None:
        assert consistency_proof(first, second_hashes) == proof
