"""Checkers for Qi and Wei (2023), "The evolution of the interplay between input distributions
and linear regions in networks" (arXiv:2310.18725)."""
