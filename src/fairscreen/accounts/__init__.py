"""Organisations (tenants), staff users, their roles, and API tokens."""
