"""Append-only ledger core: RFC 9162 Merkle tree proofs and C2SP signed checkpoints.

Pure standard library plus ``cryptography``; no Django, no I/O. See README.md
beside this file for the flow, the formats and the guarantees.
"""

from fairscreen.domain.ledger._audit import audit_entries, audit_records
from fairscreen.domain.ledger._audit_findings import AuditProblem, AuditReport
from fairscreen.domain.ledger._checkpoint import (
    Checkpoint,
    generate_signer_key,
    open_note,
    parse_checkpoint_body,
    sign_checkpoint,
    sign_note,
    verifier_key_from_signer,
    verify_checkpoint,
)
from fairscreen.domain.ledger._compact import CompactRange, Node, fold_right, perfect_subtrees
from fairscreen.domain.ledger._entry import (
    COMMITMENT_PREFIX,
    EntryError,
    LedgerEntry,
    canonical_json,
    commit_value,
    new_salt,
)
from fairscreen.domain.ledger._errors import (
    CheckpointError,
    ConsistencyProofError,
    InclusionProofError,
    LedgerError,
)
from fairscreen.domain.ledger._hashing import (
    EMPTY_ROOT_HASH,
    HASH_SIZE,
    leaf_hash,
    leaf_hashes,
    node_hash,
    range_hash,
    root_hash,
)
from fairscreen.domain.ledger._proofs import (
    consistency_proof,
    consistency_proof_nodes,
    inclusion_proof,
    inclusion_proof_nodes,
    verify_consistency,
    verify_inclusion,
)

__all__ = [
    "COMMITMENT_PREFIX",
    "EMPTY_ROOT_HASH",
    "HASH_SIZE",
    "AuditProblem",
    "AuditReport",
    "Checkpoint",
    "CheckpointError",
    "CompactRange",
    "ConsistencyProofError",
    "EntryError",
    "InclusionProofError",
    "LedgerEntry",
    "LedgerError",
    "Node",
    "audit_entries",
    "audit_records",
    "canonical_json",
    "commit_value",
    "consistency_proof",
    "consistency_proof_nodes",
    "fold_right",
    "generate_signer_key",
    "inclusion_proof",
    "inclusion_proof_nodes",
    "leaf_hash",
    "leaf_hashes",
    "new_salt",
    "node_hash",
    "open_note",
    "parse_checkpoint_body",
    "perfect_subtrees",
    "range_hash",
    "root_hash",
    "sign_checkpoint",
    "sign_note",
    "verifier_key_from_signer",
    "verify_checkpoint",
    "verify_consistency",
    "verify_inclusion",
]
