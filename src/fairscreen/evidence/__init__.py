"""The evidence ledger: an append-only, Merkle-tree log of every step, with signed checkpoints."""
