r"""Region- and piece-count bounds as sympy expressions.

Each ``*_bound`` function accepts integers or sympy symbols and returns a sympy expression; with
integer arguments the expression is an exact number (``int(expr)`` once ``expr.is_Integer``).
One module per family: :mod:`.arora` (the 1-D bounds of Arora et al. 2018, App. D),
:mod:`.lower` (Pascanu et al. 2013, Montúfar et al. 2014, Serra et al. 2018 lower bounds, attained
by the constructions of :mod:`theory.constructions`), :mod:`.upper` (Raghu et al. 2017 product
form, Montúfar 2017, Serra et al. 2018 by J-set sum and dynamic programme, Hinz–van de Geer
matrices, maxout, Hanin–Rolnick expected counts with their unknown constants as symbols),
:mod:`.shallow` (one hidden layer and hyperplane arrangements), :mod:`.compare` (all of them
side by side for one or many architectures, and against depth at a fixed neuron budget).
Each docstring carries the formula, its conditions, its reference and the digest's confidence tag.
"""

from .arora import arora_1d_pieces_bound as arora_1d_pieces_bound
from .arora import arora_approximation_size_threshold as arora_approximation_size_threshold
from .arora import arora_cor33_bound as arora_cor33_bound
from .arora import arora_cor34_bound as arora_cor34_bound
from .arora import arora_depth_gap_bound as arora_depth_gap_bound
from .arora import arora_pieces_by_size_bound as arora_pieces_by_size_bound
from .arora import arora_size_lower_bound as arora_size_lower_bound
from .arora import arora_zonotope_line_size_bound as arora_zonotope_line_size_bound
from .arora import arora_zonotope_pieces_bound as arora_zonotope_pieces_bound
from .compare import bounds_table as bounds_table
from .compare import bounds_vs_depth as bounds_vs_depth
from .compare import compare_bounds as compare_bounds
from .compare import split_neurons as split_neurons
from .lower import montufar2014_lower_bound as montufar2014_lower_bound
from .lower import pascanu2013_lower_bound as pascanu2013_lower_bound
from .lower import serra2018_lower_bound as serra2018_lower_bound
from .shallow import bounded_regions_bound as bounded_regions_bound
from .shallow import central_arrangement_regions_bound as central_arrangement_regions_bound
from .shallow import shallow_regions_bound as shallow_regions_bound
from .upper import C_BIAS as C_BIAS
from .upper import C_GRAD as C_GRAD
from .upper import SERRA_MAX_TUPLES as SERRA_MAX_TUPLES
from .upper import VOLUME as VOLUME
from .upper import T as T
from .upper import hanin_rolnick_boundary_volume_bound as hanin_rolnick_boundary_volume_bound
from .upper import hanin_rolnick_breakpoints_bound as hanin_rolnick_breakpoints_bound
from .upper import hanin_rolnick_patterns_bound as hanin_rolnick_patterns_bound
from .upper import hinz_van_de_geer_bound as hinz_van_de_geer_bound
from .upper import hinz_van_de_geer_matrix as hinz_van_de_geer_matrix
from .upper import maxout_product_bound as maxout_product_bound
from .upper import maxout_single_layer_bound as maxout_single_layer_bound
from .upper import montufar2014_maxout_bound as montufar2014_maxout_bound
from .upper import montufar2017_bound as montufar2017_bound
from .upper import raghu_product_bound as raghu_product_bound
from .upper import serra2018_bound as serra2018_bound
from .upper import serra2018_bound_dp as serra2018_bound_dp
from .upper import serra_maxout_bound as serra_maxout_bound
from .upper import trivial_bound as trivial_bound
from .upper import upper_bounds_table as upper_bounds_table

__all__ = [
    "C_BIAS",
    "C_GRAD",
    "SERRA_MAX_TUPLES",
    "VOLUME",
    "T",
    "arora_1d_pieces_bound",
    "arora_approximation_size_threshold",
    "arora_cor33_bound",
    "arora_cor34_bound",
    "arora_depth_gap_bound",
    "arora_pieces_by_size_bound",
    "arora_size_lower_bound",
    "arora_zonotope_line_size_bound",
    "arora_zonotope_pieces_bound",
    "bounded_regions_bound",
    "bounds_table",
    "bounds_vs_depth",
    "central_arrangement_regions_bound",
    "compare_bounds",
    "hanin_rolnick_boundary_volume_bound",
    "hanin_rolnick_breakpoints_bound",
    "hanin_rolnick_patterns_bound",
    "hinz_van_de_geer_bound",
    "hinz_van_de_geer_matrix",
    "maxout_product_bound",
    "maxout_single_layer_bound",
    "montufar2014_lower_bound",
    "montufar2014_maxout_bound",
    "montufar2017_bound",
    "pascanu2013_lower_bound",
    "raghu_product_bound",
    "serra2018_bound",
    "serra2018_bound_dp",
    "serra2018_lower_bound",
    "serra_maxout_bound",
    "shallow_regions_bound",
    "split_neurons",
    "trivial_bound",
    "upper_bounds_table",
]
