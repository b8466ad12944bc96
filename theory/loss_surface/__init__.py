r"""Loss surfaces of piecewise-linear networks (He, Wang, Tao, ICLR 2020; issue 7).

==============  ==================================================================================
``losses``      the loss registry and the (mean) empirical risk
``cells``       cell patterns, boundaries, exact distance along a direction, certified safe radius
``symbolic``    outputs in a cell as multilinear polynomials; one-sided derivatives, witnesses
``spurious``    the constructed spurious local minima, lower points, valleys
``one_hidden``  one hidden layer: local minima in a cell are global in the cell (Theorem 4)
==============  ==================================================================================

The precise statements are the toolkit's (the paper's body was not available; see each module).

Examples
--------
>>> from theory.loss_surface import spurious_minimum
>>> spurious_minimum([[-1], [0], [1]], [0, 1, 0], [2]).risk
Fraction(2, 9)
"""

from .cells import SAFE_RADIUS_BITS as SAFE_RADIUS_BITS
from .cells import BoundaryCrossing as BoundaryCrossing
from .cells import Cell as Cell
from .cells import as_direction as as_direction
from .cells import as_inputs as as_inputs
from .cells import boundary_entries as boundary_entries
from .cells import cell_pattern as cell_pattern
from .cells import distance_to_cell_boundary as distance_to_cell_boundary
from .cells import on_cell_boundary as on_cell_boundary
from .cells import safe_radius as safe_radius
from .cells import safe_radius_one_layer as safe_radius_one_layer
from .losses import LOSS_NAMES as LOSS_NAMES
from .losses import Loss as Loss
from .losses import get_loss as get_loss
from .losses import risk as risk
from .one_hidden import CELL_MARGIN as CELL_MARGIN
from .one_hidden import DESCENT_GTOL as DESCENT_GTOL
from .one_hidden import RISK_ATOL as RISK_ATOL
from .one_hidden import CellMinimumReport as CellMinimumReport
from .one_hidden import DescentResult as DescentResult
from .one_hidden import DescentRun as DescentRun
from .one_hidden import InCellOptimum as InCellOptimum
from .one_hidden import descend_in_cell as descend_in_cell
from .one_hidden import in_cell_optimum as in_cell_optimum
from .one_hidden import in_cell_optimum_bruteforce as in_cell_optimum_bruteforce
from .one_hidden import is_cell_local_minimum_global as is_cell_local_minimum_global
from .one_hidden import lower_point_in_cell as lower_point_in_cell
from .one_hidden import random_cell_point as random_cell_point
from .spurious import AFFINE_FLOAT_TOL as AFFINE_FLOAT_TOL
from .spurious import FLOAT_DECREASE_MARGIN as FLOAT_DECREASE_MARGIN
from .spurious import AffineFit as AffineFit
from .spurious import LowerRiskPoint as LowerRiskPoint
from .spurious import SampledPerturbations as SampledPerturbations
from .spurious import SpuriousMinimum as SpuriousMinimum
from .spurious import Valley as Valley
from .spurious import ValleyPoint as ValleyPoint
from .spurious import best_affine_fit as best_affine_fit
from .spurious import lower_risk_point as lower_risk_point
from .spurious import sample_perturbations as sample_perturbations
from .spurious import spurious_minimum as spurious_minimum
from .spurious import valley_path as valley_path
from .symbolic import ONE_SIDED_ATOL as ONE_SIDED_ATOL
from .symbolic import BoundaryWitness as BoundaryWitness
from .symbolic import MultilinearDegrees as MultilinearDegrees
from .symbolic import OneSidedDerivatives as OneSidedDerivatives
from .symbolic import ParameterSymbols as ParameterSymbols
from .symbolic import SymbolicOutputs as SymbolicOutputs
from .symbolic import boundary_witness as boundary_witness
from .symbolic import evaluate_polynomial as evaluate_polynomial
from .symbolic import is_multilinear as is_multilinear
from .symbolic import multilinear_degrees as multilinear_degrees
from .symbolic import one_sided_derivatives as one_sided_derivatives
from .symbolic import parameter_symbols as parameter_symbols
from .symbolic import symbolic_outputs as symbolic_outputs
from .symbolic import symbolic_risk as symbolic_risk

__all__ = [
    "AFFINE_FLOAT_TOL",
    "CELL_MARGIN",
    "DESCENT_GTOL",
    "FLOAT_DECREASE_MARGIN",
    "LOSS_NAMES",
    "ONE_SIDED_ATOL",
    "RISK_ATOL",
    "SAFE_RADIUS_BITS",
    "AffineFit",
    "BoundaryCrossing",
    "BoundaryWitness",
    "Cell",
    "CellMinimumReport",
    "DescentResult",
    "DescentRun",
    "InCellOptimum",
    "Loss",
    "LowerRiskPoint",
    "MultilinearDegrees",
    "OneSidedDerivatives",
    "ParameterSymbols",
    "SampledPerturbations",
    "SpuriousMinimum",
    "SymbolicOutputs",
    "Valley",
    "ValleyPoint",
    "as_direction",
    "as_inputs",
    "best_affine_fit",
    "boundary_entries",
    "boundary_witness",
    "cell_pattern",
    "descend_in_cell",
    "distance_to_cell_boundary",
    "evaluate_polynomial",
    "get_loss",
    "in_cell_optimum",
    "in_cell_optimum_bruteforce",
    "is_cell_local_minimum_global",
    "is_multilinear",
    "lower_point_in_cell",
    "lower_risk_point",
    "multilinear_degrees",
    "on_cell_boundary",
    "one_sided_derivatives",
    "parameter_symbols",
    "random_cell_point",
    "risk",
    "safe_radius",
    "safe_radius_one_layer",
    "sample_perturbations",
    "spurious_minimum",
    "symbolic_outputs",
    "symbolic_risk",
    "valley_path",
]
