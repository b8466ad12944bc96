r"""Region- and piece-count bounds as sympy expressions.

Each ``*_bound`` function accepts integers or sympy symbols and returns a sympy expression; with
integer arguments the expression is an exact number (``int(expr)`` once ``expr.is_Integer``).
One module per family: :mod:`.arora` (the 1-D bounds of Arora et al. 2018, App. D),
:mod:`.lower` (Pascanu et al. 2013, Montúfar et al. 2014, Serra et al. 2018 lower bounds, attained
by the constructions of :mod:`theory.constructions`).
"""

from .arora import arora_1d_pieces_bound as arora_1d_pieces_bound
from .arora import arora_pieces_by_size_bound as arora_pieces_by_size_bound
from .arora import arora_size_lower_bound as arora_size_lower_bound
from .lower import montufar2014_lower_bound as montufar2014_lower_bound
from .lower import pascanu2013_lower_bound as pascanu2013_lower_bound
from .lower import serra2018_lower_bound as serra2018_lower_bound

__all__ = [
    "arora_1d_pieces_bound",
    "arora_pieces_by_size_bound",
    "arora_size_lower_bound",
    "montufar2014_lower_bound",
    "pascanu2013_lower_bound",
    "serra2018_lower_bound",
]
