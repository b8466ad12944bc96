"""Exact enumeration of activation regions and linear pieces: any dimension (:mod:`.polyhedral`),
bounded 2-D domains fast (:mod:`.plane`), every pattern for tiny nets (:mod:`.bruteforce`)."""

from .domains import Ball as Ball
from .domains import Box as Box
from .domains import Domain as Domain
from .domains import Line as Line
from .domains import Plane as Plane
from .domains import Polytope as Polytope
from .domains import Whole as Whole
from .plane import Partition2D as Partition2D
from .plane import count_decision_boundary_segments as count_decision_boundary_segments
from .plane import decision_boundary as decision_boundary
from .plane import enumerate_regions_2d as enumerate_regions_2d
from .polyhedral import DEFAULT_TOL as DEFAULT_TOL
from .polyhedral import Partition as Partition
from .polyhedral import Region as Region
from .polyhedral import count_activation_regions as count_activation_regions
from .polyhedral import count_linear_pieces as count_linear_pieces
from .polyhedral import enumerate_regions as enumerate_regions
from .polyhedral import restrict as restrict

__all__ = [
    "DEFAULT_TOL",
    "Ball",
    "Box",
    "Domain",
    "Line",
    "Partition",
    "Partition2D",
    "Plane",
    "Polytope",
    "Region",
    "Whole",
    "count_activation_regions",
    "count_decision_boundary_segments",
    "count_linear_pieces",
    "decision_boundary",
    "enumerate_regions",
    "enumerate_regions_2d",
    "restrict",
]
