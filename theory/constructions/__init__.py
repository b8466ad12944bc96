"""Constructions: exact networks that attain the bounds of :mod:`theory.bounds` (kept apart
from the algorithms that count their regions).

* :mod:`.folding`: the folding networks of Montúfar et al. (2014) and Serra et al. (2018), with
  the 1-D zig-zag layer and a general-position arrangement inside the unit cube.
"""

from .folding import montufar2014_network as montufar2014_network
from .folding import serra2018_network as serra2018_network
from .folding import unit_cube_arrangement as unit_cube_arrangement
from .folding import zigzag_layer as zigzag_layer

__all__ = [
    "montufar2014_network",
    "serra2018_network",
    "unit_cube_arrangement",
    "zigzag_layer",
]
