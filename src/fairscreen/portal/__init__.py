"""What the candidate sees: invitation, disclosure, notice, consent, status, withdrawal."""
