"""Shared platform pieces: identifiers, errors, the API instance, health, serving."""
