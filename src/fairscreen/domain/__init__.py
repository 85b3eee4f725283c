"""Pure domain cores: no Django, no I/O."""
