"""Decisions: chains, comments and signatures, assessments, notices and feedback deadlines."""
