"""Checkers for Arora, Basu, Mianjy, Mukherjee, "Understanding Deep Neural Networks with
Rectified Linear Units" (ICLR 2018). Spec: shared/reference/arora2018.md."""
