"""Checkers for the classic region-count literature around the four papers (arrangements,
region notions, bounds). Spec: shared/reference/regions-and-loss-surfaces.md."""
