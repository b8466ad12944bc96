"""He, Wang, Tao (ICLR 2020): loss surfaces of piecewise-linear networks (issue 7)."""
