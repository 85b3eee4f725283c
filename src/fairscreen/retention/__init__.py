"""Retention and destruction: nothing of a candidate is kept past its time."""
