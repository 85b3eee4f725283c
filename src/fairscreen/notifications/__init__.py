"""Notifications: telling candidates and staff things, by e-mail, SMS and the portal inbox.

Callers (decisions, notices, feedback deadlines, disputes) call
`services.notify(recipient=..., message=..., channels=[...])` inside their own
transaction; see README.md beside this file for the flow and its guarantees.
"""
