"""Checkers for Zhu, Lin and Tang (2020), *Bounding the number of linear regions in local area
for neural networks with ReLU activations* (arXiv:2007.06803): the toolkit's local bound and the
exact first-layer count in a ball. Spec: shared/reference/regions-and-loss-surfaces.md, sections
2.6 and 5."""
