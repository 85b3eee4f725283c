"""Screenings: candidates and, in later issues, consent, check orders, findings and reports."""
