"""The published rating rulebook: the public `/rulebook` pages and `fairscreen rate`."""
