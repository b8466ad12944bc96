r"""Fully connected feed-forward networks with piecewise-linear activations.

Conventions (fixed names used throughout the toolkit)
-----------------------------------------------------
A network $f: \mathbb{R}^{n_{in}} \to \mathbb{R}^{n_{out}}$ is a list of affine maps
$T_1, \dots, T_{k+1}$, $T_l(a) = W_l a + b_l$ with ``weights[l-1]`` of shape
$(n_l, n_{l-1})$, and an activation $h_l$ after every map but the last:

.. math::

    f = T_{k+1} \circ h_k \circ T_k \circ \dots \circ h_1 \circ T_1 .

* ``n_in`` $= n_0$, ``widths`` $= (n_1, \dots, n_k)$ (the hidden widths), ``n_out`` $= n_{k+1}$.
* Arora et al. (2018), Def. 1: ``depth`` $= k + 1$ (hidden layers + 1, i.e. the number of affine
  maps), ``width`` $= \max_l n_l$, ``size`` $= n_1 + \dots + n_k$ (hidden neurons only).
  Worked cases: one hidden layer of 3 neurons has depth 2, width 3, size 3; widths (2, 2) have
  depth 3, width 2, size 4; an affine map (no hidden layer) has depth 1, width 0, size 0.
* **Output bias.** Def. 1 makes the last map *linear* ($b_{k+1} = 0$) while the paper's proofs
  use an output bias (Thm 2.2: "this corresponds to a bias on the output node"). A
  ``Network`` always stores $b_{k+1}$ (zeros when omitted); :attr:`Network.has_output_bias`
  tells whether it is used, and every construction says which convention it follows.
* Each hidden layer has one activation (:mod:`theory.activations`); the default is ReLU.
* **Activation pattern** of a point: for every hidden neuron the index of the activation piece
  its pre-activation falls in (for ReLU 0 = inactive $t \le 0$, 1 = active $t > 0$).

Exactness
---------
Entries are exact (``int``, ``Fraction``, sympy ``Rational``; stored as ``Fraction`` in numpy
object arrays) or float64. An exact network evaluates exactly and refuses float inputs
(:class:`~theory.errors.InexactInput`); :meth:`Network.to_exact` converts a float network
keeping each float's binary value exactly.

Operations (Arora et al. 2018, App. D)
--------------------------------------
:func:`compose` (Lemma D.1), :func:`sum_networks` (Lemma D.2), :func:`max_networks` (Lemma D.3,
with :func:`max_network` and :func:`pad_depth`), :func:`affine_network` (Lemma D.4), and
:func:`parallel` (outputs side by side). Each returns a network that computes exactly the
stated function; its depth and size are what the lemma states (see each docstring).

Examples
--------
>>> from fractions import Fraction
>>> net = Network([[[1], [-1]], [[1, 1]]], [[0, 0], None])   # |x| = relu(x) + relu(-x)
>>> net.depth, net.width, net.size, net.has_output_bias
(2, 2, 2, False)
>>> net([Fraction(-3, 2)])
array([Fraction(3, 2)], dtype=object)
>>> net.activation_pattern([-1])
((0, 1),)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ._exact import as_exact_array, as_float_array, as_sequence, contains_float, to_index
from .activations import RELU, Activation, parse_activation
from .errors import InvalidArgument

__all__ = [
    "Network",
    "affine_network",
    "compose",
    "identity_network",
    "max_network",
    "max_networks",
    "max_tree_size",
    "pad_depth",
    "parallel",
    "sum_networks",
]

Array = npt.NDArray[Any]
Pattern = tuple[tuple[int, ...], ...]


@dataclass(frozen=True, eq=False, init=False)
class Network:
    r"""A feed-forward network with a piecewise-linear activation on every hidden layer.

    Parameters
    ----------
    weights : sequence of (n_l, n_{l-1}) array-likes
        $W_1, \dots, W_{k+1}$. At least one; no dimension may be 0.
    biases : sequence of (n_l,) array-likes or None, optional
        $b_1, \dots, b_{k+1}$; ``None`` (for the whole list or one entry) means zeros. Omitting
        the last one gives Arora et al.'s linear output map.
    activation : Activation, str or sequence of them, optional
        One activation for every hidden layer, or one per hidden layer (strings as in
        :func:`~theory.activations.parse_activation`). Default ReLU.
    exact : bool or None, optional
        ``True``: store exactly (floats raise :class:`~theory.errors.InexactInput`); ``False``:
        float64; ``None`` (default): exact unless some entry is a float.

    Raises
    ------
    InvalidArgument
        On mismatched shapes, empty layers, NaN or infinite entries, unknown activations.
    InexactInput
        With ``exact=True`` and a float entry.

    Notes
    -----
    Frozen value object: arrays are read-only. ``==`` compares parameters (exactly for exact
    networks), not functions; for function equality in 1-D use
    :func:`theory.pwl1d.pwl_from_network`.
    """

    weights: tuple[Array, ...]
    biases: tuple[Array, ...]
    activations: tuple[Activation, ...]
    exact: bool

    def __init__(
        self,
        weights: Sequence[Any],
        biases: Sequence[Any] | None = None,
        activation: Activation | str | Sequence[Activation | str] = RELU,
        *,
        exact: bool | None = None,
    ) -> None:
        if isinstance(weights, np.ndarray) or not isinstance(weights, Sequence) or not weights:
            raise InvalidArgument(
                "weights must be a non-empty list of 2-D arrays, one per affine map "
                f"(got {type(weights).__name__})"
            )
        n_maps = len(weights)
        if biases is None:
            biases = [None] * n_maps
        if isinstance(biases, np.ndarray) or not isinstance(biases, Sequence):
            raise InvalidArgument(
                "biases must be a list with one entry (or None) per weight matrix"
            )
        if len(biases) != n_maps:
            raise InvalidArgument(
                f"biases has {len(biases)} entries but weights has {n_maps}; pass one bias (or "
                "None) per weight matrix"
            )
        if exact is None:
            exact = not (contains_float(list(weights)) or contains_float(list(biases)))
        conv = as_exact_array if exact else as_float_array
        ws: list[Array] = []
        bs: list[Array] = []
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            W = conv(w, f"weights[{i}]", 2)
            if W.shape[0] == 0 or W.shape[1] == 0:
                raise InvalidArgument(f"weights[{i}] has shape {W.shape}: layers must not be empty")
            if ws and W.shape[1] != ws[-1].shape[0]:
                raise InvalidArgument(
                    f"weights[{i}] has shape {W.shape} but weights[{i - 1}] has "
                    f"{ws[-1].shape[0]} rows; need weights[{i}].shape[1] == {ws[-1].shape[0]}"
                )
            if b is None:
                b = [0] * W.shape[0]
            B = conv(b, f"biases[{i}]", 1)
            if B.shape[0] != W.shape[0]:
                raise InvalidArgument(
                    f"biases[{i}] has length {B.shape[0]} but weights[{i}] has {W.shape[0]} rows"
                )
            ws.append(W)
            bs.append(B)
        k = n_maps - 1
        if isinstance(activation, Activation | str):
            acts = [activation] * k
        elif isinstance(activation, Sequence):
            acts = list(activation)
            if len(acts) != k:
                raise InvalidArgument(
                    f"activation has {len(acts)} entries for {k} hidden layers; give one "
                    "activation or one per hidden layer"
                )
        else:
            raise InvalidArgument(f"activation={activation!r} must be an Activation or a string")
        parsed = tuple(a if isinstance(a, Activation) else parse_activation(a) for a in acts)
        object.__setattr__(self, "weights", tuple(ws))
        object.__setattr__(self, "biases", tuple(bs))
        object.__setattr__(self, "activations", parsed)
        object.__setattr__(self, "exact", bool(exact))

    # -- intrinsic data ------------------------------------------------------------------------
    @property
    def n_in(self) -> int:
        """Input dimension $n_0$."""
        return int(self.weights[0].shape[1])

    @property
    def n_out(self) -> int:
        """Output dimension $n_{k+1}$."""
        return int(self.weights[-1].shape[0])

    @property
    def widths(self) -> tuple[int, ...]:
        """Hidden widths $(n_1, \\dots, n_k)$."""
        return tuple(int(W.shape[0]) for W in self.weights[:-1])

    @property
    def hidden_layers(self) -> int:
        """Number of hidden layers $k$."""
        return len(self.weights) - 1

    @property
    def depth(self) -> int:
        """Arora et al. Def. 1: hidden layers + 1 (the number of affine maps)."""
        return len(self.weights)

    @property
    def width(self) -> int:
        """Arora et al. Def. 1: the largest hidden width (0 without hidden layers)."""
        return max(self.widths, default=0)

    @property
    def size(self) -> int:
        """Arora et al. Def. 1: the number of hidden neurons."""
        return sum(self.widths)

    @property
    def has_output_bias(self) -> bool:
        """True when the last map has a nonzero bias (so the net is outside Def. 1's class)."""
        return bool(any(v != 0 for v in self.biases[-1]))

    def __repr__(self) -> str:
        acts = sorted({a.spec for a in self.activations})
        act = acts[0] if len(acts) == 1 else (acts or None)
        return (
            f"Network(n_in={self.n_in}, widths={self.widths}, n_out={self.n_out}, "
            f"activation={act!r}, exact={self.exact})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return (
            self.exact == other.exact
            and self.activations == other.activations
            and len(self.weights) == len(other.weights)
            and all(
                a.shape == b.shape and bool(np.all(a == b))
                for a, b in zip(
                    self.weights + self.biases, other.weights + other.biases, strict=True
                )
            )
        )

    def __hash__(self) -> int:
        return hash(
            (self.exact, self.activations)
            + tuple(tuple(a.ravel().tolist()) for a in self.weights + self.biases)
        )

    # -- conversions ---------------------------------------------------------------------------
    def to_exact(self) -> Network:
        """The same network with exact entries; floats keep their binary value exactly.

        Examples
        --------
        >>> Network([[[0.5]], [[0.1]]]).to_exact().weights[1][0, 0]
        Fraction(3602879701896397, 36028797018963968)
        """
        if self.exact:
            return self
        return Network(
            [_float_to_fractions(W) for W in self.weights],
            [_float_to_fractions(b) for b in self.biases],
            self.activations,
            exact=True,
        )

    def to_float(self) -> Network:
        """The same network in float64 (exact entries rounded to nearest).

        Examples
        --------
        >>> Network([[[1], [-1]], [[1, 1]]]).to_float()([-1.5])
        array([1.5])
        """
        if not self.exact:
            return self
        return Network(list(self.weights), list(self.biases), self.activations, exact=False)

    # -- evaluation ----------------------------------------------------------------------------
    def _as_points(self, x: Any) -> tuple[Array, bool]:
        """Return ``(X, single)`` with X of shape (N, n_in)."""
        try:
            nd = np.ndim(x)
        except ValueError:
            raise InvalidArgument(f"x is ragged: give shape (n_in,) or (N, {self.n_in})") from None
        if nd == 0 and self.n_in == 1:
            x, nd = [x], 1
        if nd not in (1, 2):
            raise InvalidArgument(
                f"x must have shape (n_in,) = ({self.n_in},) or (N, {self.n_in}); got ndim {nd}"
            )
        X = as_exact_array(x, "x", nd) if self.exact else as_float_array(x, "x", nd)
        if X.shape[-1] != self.n_in:
            raise InvalidArgument(
                f"x has {X.shape[-1]} coordinates but the network has n_in={self.n_in}"
            )
        return (X.reshape(1, -1) if nd == 1 else X), nd == 1

    def _forward(self, X: Array) -> list[Array]:
        """Pre-activations of every hidden layer, then the output, for points X (N, n_in)."""
        out: list[Array] = []
        A = X
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            Z = A.dot(W.T) + b
            out.append(Z)
            if i < self.hidden_layers:
                act = self.activations[i]
                A = act.apply_exact(Z) if self.exact else act.apply_float(Z)
        return out

    def __call__(self, x: Any) -> Array:
        """Evaluate at one point, shape (n_in,) -> (n_out,), or a batch (N, n_in) -> (N, n_out).

        For ``n_in == 1`` a scalar is accepted as a point.
        """
        X, single = self._as_points(x)
        Y = self._forward(X)[-1]
        return Y[0] if single else Y

    def preactivations(self, x: Any) -> tuple[Array, ...]:
        """Pre-activations $z_l = W_l a_{l-1} + b_l$ of every hidden layer at one point.

        Examples
        --------
        >>> Network([[[1], [-1]], [[1, 1]]]).preactivations([2])
        (array([Fraction(2, 1), Fraction(-2, 1)], dtype=object),)
        """
        X, single = self._as_points(x)
        if not single:
            raise InvalidArgument("preactivations takes one point of shape (n_in,)")
        return tuple(z[0] for z in self._forward(X)[:-1])

    def activation_pattern(self, x: Any) -> Pattern:
        """Piece index of every hidden neuron at one point (module docstring: the convention).

        A pre-activation exactly on a breakpoint belongs to the piece on its left (ReLU: 0).
        For a float network the comparison is plain float64; use :meth:`boundary_neurons` to
        find neurons whose pre-activation is within a tolerance of a breakpoint.
        """
        return tuple(
            tuple(int(j) for j in act.pieces_of(z))
            for act, z in zip(self.activations, self.preactivations(x), strict=True)
        )

    def boundary_neurons(self, x: Any, *, atol: float = 0.0) -> list[tuple[int, int]]:
        """Hidden neurons ``(layer, index)`` whose pre-activation lies on a breakpoint.

        Exact networks test equality exactly and need ``atol == 0``; float networks report
        pre-activations within ``atol`` of a breakpoint (default 0: exact float ties only).
        A point with no such neuron lies in the interior of its activation region.

        Examples
        --------
        >>> net = Network([[[1], [-1]], [[1, 1]]])
        >>> net.boundary_neurons([0]), net.boundary_neurons([1])
        ([(0, 0), (0, 1)], [])
        """
        if (
            isinstance(atol, bool)
            or not isinstance(atol, int | float | np.floating | np.integer)
            or not np.isfinite(atol)
            or atol < 0
            or (self.exact and atol != 0)
        ):
            raise InvalidArgument(
                f"atol={atol!r} must be a finite number >= 0, and 0 for an exact network"
            )
        found = []
        for layer, (act, z) in enumerate(
            zip(self.activations, self.preactivations(x), strict=True)
        ):
            for i, t in enumerate(z):
                if any(abs(t - (b if self.exact else float(b))) <= atol for b in act.breakpoints):
                    found.append((layer, i))
        return found

    def affine_map_of_pattern(self, pattern: Sequence[Sequence[int]]) -> tuple[Array, Array]:
        r"""The affine map $x \mapsto A x + c$ the network computes where ``pattern`` holds.

        Returns
        -------
        A : (n_out, n_in) array
        c : (n_out,) array
            Exact (``Fraction``) for exact networks.

        Examples
        --------
        >>> net = Network([[[1], [1]], [[1, -2]]], [[0, -1], None])   # relu(x) - 2 relu(x - 1)
        >>> A, c = net.affine_map_of_pattern([(1, 1)])                # x > 1: -x + 2
        >>> A[0, 0], c[0]
        (Fraction(-1, 1), Fraction(2, 1))
        """
        layers = as_sequence(pattern, "pattern")
        pattern = [as_sequence(p, f"pattern[{i}]") for i, p in enumerate(layers)]
        if len(pattern) != self.hidden_layers or any(
            len(p) != w for p, w in zip(pattern, self.widths, strict=True)
        ):
            raise InvalidArgument(
                f"pattern must have one entry per hidden neuron, widths {self.widths}"
            )
        for i, (p, act) in enumerate(zip(pattern, self.activations, strict=True)):
            for j in p:
                to_index(j, f"pattern[{i}] entry", 0)
                if j >= act.num_pieces:
                    raise InvalidArgument(
                        f"pattern[{i}] has piece index {j}; activation {act.spec!r} has "
                        f"{act.num_pieces} pieces"
                    )
        dtype: Any = object if self.exact else np.float64
        A: Array = np.eye(self.n_in, dtype=dtype)
        c: Array = np.zeros(self.n_in, dtype=dtype)
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            A, c = W.dot(A), W.dot(c) + b
            if i < self.hidden_layers:
                act = self.activations[i]
                pat = pattern[i]
                conv = (lambda v: v) if self.exact else float
                s = np.array([conv(act.slopes[j]) for j in pat], dtype=dtype)
                o = np.array([conv(act.offsets[j]) for j in pat], dtype=dtype)
                A = s[:, None] * A
                c = s * c + o
        return A, c

    def local_affine_map(self, x: Any) -> tuple[Array, Array]:
        r"""The affine map of the activation region of one point: ``(A, c)`` with
        $f(y) = A y + c$ for every $y$ with the same activation pattern as ``x``.

        Exact for exact networks. On a region boundary the map is that of the pattern chosen by
        the tie convention: it agrees with $f$ at ``x`` and on that closed region, but $f$ need
        not be affine near ``x`` (check :meth:`boundary_neurons`).

        Examples
        --------
        >>> net = Network([[[1], [-1]], [[1, 1]]])     # |x|
        >>> net.local_affine_map([2])
        (array([[Fraction(1, 1)]], dtype=object), array([Fraction(0, 1)], dtype=object))
        """
        return self.affine_map_of_pattern(self.activation_pattern(x))


def _check_networks(named: dict[str, Any]) -> None:
    for name, value in named.items():
        if not isinstance(value, Network):
            raise InvalidArgument(f"{name} must be a Network, got {type(value).__name__}")


def _float_to_fractions(a: Array) -> Array:
    out = np.empty(a.shape, dtype=object)
    for idx, v in np.ndenumerate(a):
        out[idx] = Fraction(v) if isinstance(v, Fraction) else Fraction(float(v))
    return out


# ----------------------------------------------------------------------------------------------
# Operations: Arora et al. (2018), Appendix D
# ----------------------------------------------------------------------------------------------
def _common_exactness(nets: Sequence[Network]) -> list[Network]:
    """Refuse to mix exact and float networks silently (the exact side refuses floats)."""
    kinds = {n.exact for n in nets}
    if len(kinds) > 1:
        raise InvalidArgument(
            "the networks mix exact and float entries; convert explicitly with .to_exact() "
            "(keeps each float's binary value) or .to_float()"
        )
    return list(nets)


def _zeros(shape: tuple[int, ...], exact: bool) -> Array:
    if exact:
        z = np.empty(shape, dtype=object)
        z.fill(Fraction(0))
        return z
    return np.zeros(shape, dtype=np.float64)


def compose(outer: Network, inner: Network) -> Network:
    r"""The composition $f_2 \circ f_1$ with ``outer`` $= f_2$, ``inner`` $= f_1$ (Lemma D.1).

    The output map of ``inner`` merges into the first affine map of ``outer``, so with
    $f_1$ of depth $k_1 + 1$, size $s_1$ and $f_2$ of depth $k_2 + 1$, size $s_2$ the result
    has depth $k_1 + k_2 + 1$ and size $s_1 + s_2$ [Arora et al. 2018, Lemma D.1; statement
    RECON in the reference digest]. Output-bias convention: when ``outer`` has a hidden layer
    the result's output bias is ``outer``'s; when ``outer`` is affine (depth 1) it is
    $W_{outer} b_{inner} + b_{outer}$, so it can be nonzero even if ``outer`` has none.

    Examples
    --------
    >>> absnet = Network([[[1], [-1]], [[1, 1]]])
    >>> twice = compose(absnet, absnet)          # ||x|| = |x|
    >>> twice.depth, twice.size, twice([-3])[0]
    (3, 4, Fraction(3, 1))
    """
    _check_networks({"outer": outer, "inner": inner})
    if outer.n_in != inner.n_out:
        raise InvalidArgument(
            f"cannot compose: outer.n_in={outer.n_in} but inner.n_out={inner.n_out}"
        )
    inner, outer = _common_exactness([inner, outer])
    W = outer.weights[0].dot(inner.weights[-1])
    b = outer.weights[0].dot(inner.biases[-1]) + outer.biases[0]
    return Network(
        list(inner.weights[:-1]) + [W] + list(outer.weights[1:]),
        list(inner.biases[:-1]) + [b] + list(outer.biases[1:]),
        list(inner.activations) + list(outer.activations),
        exact=inner.exact,
    )


def _block_diag(blocks: Sequence[Array], exact: bool) -> Array:
    rows = sum(b.shape[0] for b in blocks)
    cols = sum(b.shape[1] for b in blocks)
    out = _zeros((rows, cols), exact)
    r = c = 0
    for blk in blocks:
        out[r : r + blk.shape[0], c : c + blk.shape[1]] = blk
        r += blk.shape[0]
        c += blk.shape[1]
    return out


def parallel(*nets: Network) -> Network:
    r"""The network $x \mapsto (f_1(x), \dots, f_m(x))$ of nets with the same input and depth.

    Hidden layers are stacked side by side (block-diagonal weights), so depth is unchanged and
    size is $\sum_i s_i$. Layer $l$ of every net must use the same activation.
    Use :func:`pad_depth` first to equalise depths.

    Examples
    --------
    >>> relu_x = Network([[[1]], [[1]]])
    >>> both = parallel(relu_x, Network([[[-1]], [[1]]]))      # (relu(x), relu(-x))
    >>> both.n_out, both.size, both([-2]).tolist()
    (2, 2, [Fraction(0, 1), Fraction(2, 1)])
    """
    if not nets:
        raise InvalidArgument("parallel needs at least one network")
    _check_networks({f"nets[{i}]": n for i, n in enumerate(nets)})
    depths = {n.depth for n in nets}
    if len(depths) != 1:
        raise InvalidArgument(
            f"networks have depths {[n.depth for n in nets]}; equalise them with pad_depth first"
        )
    if len({n.n_in for n in nets}) != 1:
        raise InvalidArgument(f"networks have different n_in {[n.n_in for n in nets]}")
    for layer in range(nets[0].hidden_layers):
        if len({n.activations[layer] for n in nets}) != 1:
            raise InvalidArgument(
                f"hidden layer {layer} uses different activations "
                f"{[n.activations[layer].spec for n in nets]}; a layer has one activation"
            )
    nets_ = _common_exactness(nets)
    exact = nets_[0].exact
    weights = [np.vstack([n.weights[0] for n in nets_])]
    weights += [
        _block_diag([n.weights[i] for n in nets_], exact) for i in range(1, len(nets_[0].weights))
    ]
    biases = [np.concatenate([n.biases[i] for n in nets_]) for i in range(len(nets_[0].weights))]
    return Network(weights, biases, nets_[0].activations, exact=exact)


def sum_networks(*nets: Network) -> Network:
    r"""The sum $f_1 + \dots + f_m$ of networks of the same depth (Lemma D.2).

    Same depth $k + 1$ in, same depth out; size $s_1 + \dots + s_m$
    [Arora et al. 2018, Lemma D.2; statement RECON in the reference digest]. The output bias is
    the sum of the output biases.

    Examples
    --------
    >>> relu_net = Network([[[1]], [[1]]])
    >>> s = sum_networks(relu_net, relu_net)
    >>> s.depth, s.size, s([5])[0]
    (2, 2, Fraction(10, 1))
    """
    _check_networks({f"nets[{i}]": n for i, n in enumerate(nets)})
    if not nets:
        raise InvalidArgument("sum_networks needs at least one network")
    if len({n.n_out for n in nets}) > 1:
        raise InvalidArgument(f"networks have different n_out {[n.n_out for n in nets]}")
    par = parallel(*nets)
    m, n_out = len(nets), nets[0].n_out
    stack = np.hstack([np.eye(n_out, dtype=np.int64)] * m)
    S = stack if par.exact else stack.astype(np.float64)
    return Network(
        list(par.weights[:-1]) + [S.dot(par.weights[-1])],
        list(par.biases[:-1]) + [S.dot(par.biases[-1])],
        par.activations,
        exact=par.exact,
    )


def _identity_gadget_scale(activation: Activation) -> Fraction:
    """S with t = (h(t) - h(-t)) / S for a two-piece activation h, S = s_+ + s_-."""
    if not activation.is_two_piece:
        raise InvalidArgument(
            f"activation {activation.spec!r} has no two-neuron identity gadget; identity padding "
            "needs a two-piece activation h(t) = s+ t / s- t with s+ + s- != 0 (e.g. relu)"
        )
    s = activation.slopes[0] + activation.slopes[1]
    if s == 0:
        raise InvalidArgument(
            f"activation {activation.spec!r} is even (s+ + s- = 0): it cannot pass the identity "
            "through a layer on all of R; pad with relu instead"
        )
    return s


def identity_network(n: int, depth: int, activation: Activation = RELU) -> Network:
    r"""The identity $\mathbb{R}^n \to \mathbb{R}^n$ as a network of the given depth.

    Each hidden layer holds $2n$ neurons, $t = (h(t) - h(-t)) / (s_+ + s_-)$ (for ReLU
    $t = \sigma(t) - \sigma(-t)$), so the size is $2n(\mathrm{depth} - 1)$; no output bias.
    Used to pad depths in :func:`max_networks` (identity padding of Lemma D.3).

    Examples
    --------
    >>> identity_network(2, 3).size
    8
    """
    n, depth = to_index(n, "n", 1), to_index(depth, "depth", 1)
    if isinstance(activation, str):
        activation = parse_activation(activation)
    if not isinstance(activation, Activation):
        raise InvalidArgument(f"activation={activation!r} must be an Activation or a string")
    I = np.eye(n, dtype=np.int64)
    if depth == 1:
        return Network([I], None, exact=True)
    S = _identity_gadget_scale(activation)
    first = np.vstack([I, -I])
    back = np.hstack([I, -I]).astype(object) * (Fraction(1) / S)  # (n, 2n): t from (h(t), h(-t))
    middle = first.dot(back)
    weights = [first] + [middle] * (depth - 2) + [back]
    return Network(weights, None, activation, exact=True)


def pad_depth(net: Network, depth: int) -> Network:
    """``net`` followed by identity layers up to ``depth`` (same function, Lemma D.3 padding).

    Costs $2 n_{out}$ neurons per added layer. The padding layers use the activation of the
    net's last hidden layer when it has an identity gadget (ReLU, leaky ReLU, two-piece with
    $s_+ + s_- \\ne 0$), else ReLU.

    Examples
    --------
    >>> net = pad_depth(Network([[[1]], [[1]]]), 4)           # relu(x), two identity layers more
    >>> net.depth, net.size, net([3])[0], net([-3])[0]
    (4, 5, Fraction(3, 1), Fraction(0, 1))
    """
    _check_networks({"net": net})
    depth = to_index(depth, "depth", 1)
    if depth < net.depth:
        raise InvalidArgument(f"depth={depth} is below the network's depth {net.depth}")
    if depth == net.depth:
        return net
    act = net.activations[-1] if net.activations else RELU
    try:
        _identity_gadget_scale(act)
    except InvalidArgument:
        act = RELU
    ident = identity_network(net.n_out, depth - net.depth + 1, act)
    return compose(ident if net.exact else ident.to_float(), net)


def max_tree_size(m: int) -> int:
    r"""Hidden neurons of the max gadget tree over $m$ inputs (:func:`max_network`).

    Each merge $\max\{x, y\} = \tfrac12\sigma(x+y) - \tfrac12\sigma(-x-y) + \tfrac12\sigma(x-y)
    + \tfrac12\sigma(y-x)$ costs 4 ReLUs ($m - 1$ merges in all); an element carried unpaired
    through a level costs 2 ($y = \sigma(y) - \sigma(-y)$). [DERIVED in the reference digest]

    Examples
    --------
    >>> [max_tree_size(m) for m in (1, 2, 3, 4, 5)]
    [0, 4, 10, 12, 20]
    """
    m = to_index(m, "m", 1)
    size, level = 0, m
    while level > 1:
        size += 4 * (level // 2) + 2 * (level % 2)
        level = (level + 1) // 2
    return size


def max_network(m: int) -> Network:
    r"""$\max\{x_1, \dots, x_m\}$ as a ReLU net with $\lceil \log_2 m \rceil$ hidden layers.

    A balanced binary tree of the max gadget $\max\{x,y\} = (x+y)/2 + |x-y|/2$ written with four
    ReLUs (Arora et al. 2018, proof of Thm 2.1 and Lemma D.3); exact weights, no output bias,
    size :func:`max_tree_size` ``(m)``.

    Examples
    --------
    >>> net = max_network(3)
    >>> net.depth, net.size, net([4, -1, 7])[0]
    (3, 10, Fraction(7, 1))
    """
    m = to_index(m, "m", 1)
    half = Fraction(1, 2)
    result = Network([np.eye(m, dtype=np.int64)], None, exact=True)
    level = m
    while level > 1:
        pairs, odd = level // 2, level % 2
        hidden = 4 * pairs + 2 * odd
        W1 = _zeros((hidden, level), True)
        W2 = _zeros((pairs + odd, hidden), True)
        for p in range(pairs):
            x, y, r = 2 * p, 2 * p + 1, 4 * p
            for row, (cx, cy), out in zip(
                range(r, r + 4),
                [(1, 1), (-1, -1), (1, -1), (-1, 1)],
                [half, -half, half, half],
                strict=True,
            ):
                W1[row, x], W1[row, y] = Fraction(cx), Fraction(cy)
                W2[p, row] = out
        if odd:
            r = 4 * pairs
            W1[r, level - 1], W1[r + 1, level - 1] = Fraction(1), Fraction(-1)
            W2[pairs, r], W2[pairs, r + 1] = Fraction(1), Fraction(-1)
        result = compose(Network([W1, W2], None, exact=True), result)
        level = pairs + odd
    return result


def max_networks(*nets: Network) -> Network:
    r"""The pointwise maximum $\max\{f_1, \dots, f_m\}$ of scalar networks (Lemma D.3).

    The nets are padded with identity layers to a common depth, put side by side
    (:func:`parallel`) and composed with :func:`max_network` (Lemma D.1). With $f_i$ of depth
    $k_i + 1$ and size $s_i$ the result has

    * depth $\max_i k_i + \lceil \log_2 m \rceil + 1$ [Lemma D.3, RECON], and
    * size $\sum_i s_i + \sum_i 2(\max_j k_j - k_i) + $ :func:`max_tree_size` ``(m)``
      [toolkit accounting, DERIVED; the paper's size term is not known, see the digest].

    Examples
    --------
    >>> x = Network([[[1], [-1]], [[1, -1]]])           # x written with 2 ReLUs
    >>> neg = Network([[[1], [-1]], [[-1, 1]]])         # -x
    >>> net = max_networks(x, neg)                     # |x|
    >>> net.depth, net.size, net([-5])[0]
    (3, 8, Fraction(5, 1))
    """
    if not nets:
        raise InvalidArgument("max_networks needs at least one network")
    _check_networks({f"nets[{i}]": n for i, n in enumerate(nets)})
    for i, n in enumerate(nets):
        if n.n_out != 1:
            raise InvalidArgument(f"nets[{i}] has n_out={n.n_out}; the max needs scalar networks")
    depth = max(n.depth for n in nets)
    padded = [pad_depth(n, depth) for n in nets]
    gadget = max_network(len(nets))
    for layer in range(depth - 1):
        specs = {p.activations[layer].spec for p in padded}
        if len(specs) > 1:
            raise InvalidArgument(
                f"after identity padding, hidden layer {layer} would mix activations "
                f"{sorted(specs)}: a layer has one activation, and an activation without an "
                "identity gadget (such as abs) is padded with relu; pass nets of equal depth"
            )
    par = parallel(*padded)
    return compose(gadget if par.exact else gadget.to_float(), par)


def affine_network(matrix: Any, offset: Any = None, *, exact: bool | None = None) -> Network:
    r"""An affine map $T(x) = A x + c$, $\mathbb{R}^n \to \mathbb{R}^m$, as a one-hidden-layer net.

    $T(x) = \sigma(T(x)) - \sigma(-T(x))$: one hidden layer of $2m$ ReLUs, no output bias, so
    depth 2 and size $2m$ and the result is in Def. 1's class [Lemma D.4, as recalled in the
    reference digest (tag RECALL?): a toolkit statement].

    Examples
    --------
    >>> net = affine_network([[1, 2]], [3])
    >>> net.depth, net.size, net([1, 1])[0]
    (2, 2, Fraction(6, 1))
    """
    probe = Network([matrix], [offset], exact=exact)
    A, c = probe.weights[0], probe.biases[0]
    m = A.shape[0]
    I = np.eye(m, dtype=np.int64)
    out_w = np.hstack([I, -I])
    return Network(
        [np.vstack([A, -A]), out_w if probe.exact else out_w.astype(np.float64)],
        [np.concatenate([c, -c]), None],
        exact=probe.exact,
    )
