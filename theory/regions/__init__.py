"""Exact enumeration of activation regions and linear pieces (see :mod:`.polyhedral`)."""

from .domains import Box as Box
from .domains import Domain as Domain
from .domains import Line as Line
from .domains import Plane as Plane
from .domains import Polytope as Polytope
from .domains import Whole as Whole
from .polyhedral import DEFAULT_TOL as DEFAULT_TOL
from .polyhedral import Partition as Partition
from .polyhedral import Region as Region
from .polyhedral import count_activation_regions as count_activation_regions
from .polyhedral import count_linear_pieces as count_linear_pieces
from .polyhedral import enumerate_regions as enumerate_regions
from .polyhedral import restrict as restrict

__all__ = [
    "DEFAULT_TOL",
    "Box",
    "Domain",
    "Line",
    "Partition",
    "Plane",
    "Polytope",
    "Region",
    "Whole",
    "count_activation_regions",
    "count_linear_pieces",
    "enumerate_regions",
    "restrict",
]
