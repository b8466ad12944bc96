r"""relu-theory: the theory of piecewise-linear (ReLU) networks as exact, checkable code.

API map (one module per mathematical object)
---------------------------------------------
=========================  ===================================================================
``theory.errors``          the exception tree: ``InvalidArgument``, ``InexactInput``, ...
``theory.activations``     piecewise-linear activations: ReLU, leaky ReLU, abs, two-piece, general
``theory.networks``        the ``Network`` value object; Lemmas D.1-D.4 (compose, sum, max, affine)
``theory.pwl1d``           exact 1-D PWL functions; network -> PWL1D; Thm 2.2 flap construction
``theory.io``              ``.npz`` load/save (never pickle); ``from_torch``, ``from_sklearn``
``theory.regions``         exact activation regions and linear pieces on boxes, lines, slices, R^n
``theory.arrangements``    hyperplane arrangements: Zaslavsky counts, general position
``theory.local``           regions in a ball: exact counts, the toolkit's local bound, distances
``theory.loss_surface``    loss surfaces (He et al. 2020): cells, multilinearity, spurious minima
``theory.experiments``     experiments (Zhu et al. 2020, Qi-Wei 2023) as functions; not re-exported
``theory.strategies``      Hypothesis strategies (optional: needs the ``test`` extra)
=========================  ===================================================================

Conventions
-----------
* Arora et al. (ICLR 2018), Def. 1: ``depth`` = hidden layers + 1, ``width`` = largest hidden
  width, ``size`` = number of hidden neurons. Symbols: ``n_in`` ($n_0$), ``widths``
  ($n_1..n_k$), ``n_out``.
* Exact values are ``Fraction`` (numeric code) or sympy ``Rational`` (symbolic code); exact APIs
  refuse floats. Prefixes: ``count_*`` exact int, ``estimate_*`` float, ``*_bound`` symbolic.
* Activation pieces: piece ``j`` is ``(b_j, b_{j+1}]``; ReLU pattern 0 = inactive (t <= 0).

Examples
--------
>>> import theory
>>> net = theory.Network([[[1], [-1]], [[1, 1]]])      # |x| = relu(x) + relu(-x)
>>> net.depth, net.size, theory.pwl_from_network(net).num_pieces
(2, 2, 2)
"""

from .activations import ABS as ABS
from .activations import RELU as RELU
from .activations import Activation as Activation
from .activations import absolute as absolute
from .activations import leaky_relu as leaky_relu
from .activations import parse_activation as parse_activation
from .activations import piecewise_linear as piecewise_linear
from .activations import relu as relu
from .activations import two_piece as two_piece
from .errors import BudgetExceeded as BudgetExceeded
from .errors import InexactInput as InexactInput
from .errors import InvalidArgument as InvalidArgument
from .errors import PrecisionError as PrecisionError
from .errors import TheoryError as TheoryError
from .io import from_sklearn as from_sklearn
from .io import from_torch as from_torch
from .io import load_npz as load_npz
from .io import save_npz as save_npz
from .networks import Network as Network
from .networks import affine_network as affine_network
from .networks import compose as compose
from .networks import identity_network as identity_network
from .networks import max_network as max_network
from .networks import max_networks as max_networks
from .networks import max_tree_size as max_tree_size
from .networks import pad_depth as pad_depth
from .networks import parallel as parallel
from .networks import sum_networks as sum_networks
from .pwl1d import PWL1D as PWL1D
from .pwl1d import one_hidden_layer_network as one_hidden_layer_network
from .pwl1d import pwl_from_network as pwl_from_network
from .regions import Ball as Ball
from .regions import Box as Box
from .regions import Line as Line
from .regions import Plane as Plane
from .regions import Polytope as Polytope
from .regions import Whole as Whole
from .regions import count_activation_regions as count_activation_regions
from .regions import count_linear_pieces as count_linear_pieces
from .regions import enumerate_regions as enumerate_regions

__version__ = "0.1.0"

__all__ = [
    "ABS",
    "PWL1D",
    "RELU",
    "Activation",
    "Ball",
    "Box",
    "BudgetExceeded",
    "InexactInput",
    "InvalidArgument",
    "Line",
    "Network",
    "Plane",
    "Polytope",
    "PrecisionError",
    "TheoryError",
    "Whole",
    "absolute",
    "affine_network",
    "compose",
    "count_activation_regions",
    "count_linear_pieces",
    "enumerate_regions",
    "from_sklearn",
    "from_torch",
    "identity_network",
    "leaky_relu",
    "load_npz",
    "max_network",
    "max_networks",
    "max_tree_size",
    "one_hidden_layer_network",
    "pad_depth",
    "parallel",
    "parse_activation",
    "piecewise_linear",
    "pwl_from_network",
    "relu",
    "save_npz",
    "sum_networks",
    "two_piece",
]
