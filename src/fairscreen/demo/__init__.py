"""The fictional demo organisation that `make run` shows (every capability extends it)."""
