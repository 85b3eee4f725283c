"""The candidate portal's models: what the candidate says and asks."""

from fairscreen.portal.models._disputes import Dispute, DisputeOutcome, DisputeState

__all__ = ["Dispute", "DisputeOutcome", "DisputeState"]
