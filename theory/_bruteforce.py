r"""Brute-force oracle: the exact function of a one-input network, found by walking its regions.

This is the slow, obviously-correct twin of :func:`theory.pwl1d.pwl_from_network` (SymPy keeps
such oracles beside the fast path, e.g. ``combinatorics/testutil.py``). It shares no algorithm
with the fast path: instead of composing PWL functions layer by layer, it walks along the real
line one *activation region* at a time.

For an exact network $f: \mathbb{R} \to \mathbb{R}^{n_{out}}$ and an activation pattern $P$
(the piece index of every hidden neuron, :mod:`theory.activations` convention: piece $j$ of an
activation with breakpoints $b_1 < \dots < b_r$ is $(b_j, b_{j+1}]$), every hidden
pre-activation is affine in $x$ on the region $R_P = \{x : \text{pattern}(x) = P\}$:

.. math::

    z_{l}(x) = W_l\, a_{l-1}(x) + b_l, \qquad
    a_{l,i}(x) = s^{(l)}_{P_{l,i}}\, z_{l,i}(x) + o^{(l)}_{P_{l,i}}, \qquad a_0(x) = x,

with the slopes $s$ and intercepts $o$ of :attr:`Activation.slopes` / :attr:`Activation.offsets`.
So $R_P = \bigcap_{l,i} \{x : b_{P_{l,i}} < z_{l,i}(x) \le b_{P_{l,i}+1}\}$ is an interval whose
ends are solved for exactly. The walk starts in the leftmost region (unbounded on the left),
records the right end of the current region, steps to the region immediately to its right (a
point just right of the end, halved towards it until no region lies in between), and stops in the
region that is unbounded on the right. The function is affine inside each region, so it is the
linear interpolation of its values at the recorded ends (computed with ``net(x)``), extended by the
slopes of the two unbounded regions.

Only exact ``Fraction`` arithmetic is used; each step costs one forward pass.
"""

from __future__ import annotations

from fractions import Fraction

from .errors import InexactInput, InvalidArgument
from .networks import Network
from .pwl1d import PWL1D

__all__ = ["pwl_from_network_bruteforce"]

# (slope, offset) of every neuron of a layer as a function of x inside one region
_AffineLayer = list[tuple[Fraction, Fraction]]


_Region = tuple[Fraction | None, Fraction | None, _AffineLayer, tuple[int, ...]]


def _region(net: Network, x: Fraction) -> _Region:
    r"""The activation region of ``x`` as ``(left, right, outputs, pattern)``.

    ``left``/``right`` are the infimum and supremum of the region (``None`` for $\mp\infty$),
    ``outputs`` the affine maps ``(slope, offset)`` of the network outputs on the region and
    ``pattern`` the piece index of every hidden neuron, flattened.
    """
    left: Fraction | None = None
    right: Fraction | None = None
    # a_0(x) = 1 * x + 0
    layer: _AffineLayer = [(Fraction(1), Fraction(0))]
    pattern: list[int] = []
    n_hidden = len(net.weights) - 1
    for l_idx, (weights, bias) in enumerate(zip(net.weights, net.biases, strict=True)):
        z: _AffineLayer = []
        for row, b in zip(weights, bias, strict=True):
            slope = sum(
                (Fraction(w) * s for w, (s, _) in zip(row, layer, strict=True)), Fraction(0)
            )
            offset = Fraction(b) + sum(
                (Fraction(w) * o for w, (_, o) in zip(row, layer, strict=True)), Fraction(0)
            )
            z.append((slope, offset))
        if l_idx == n_hidden:
            # internal invariant: the region contains x
            assert (left is None or left <= x) and (right is None or x <= right), (left, x, right)
            return left, right, z, tuple(pattern)
        act = net.activations[l_idx]
        bps = [Fraction(b) for b in act.breakpoints]
        new_layer: _AffineLayer = []
        for slope, offset in z:
            value = slope * x + offset
            piece = sum(1 for b in bps if b < value)  # breakpoint -> piece on its left
            pattern.append(piece)
            lo = bps[piece - 1] if piece > 0 else None  # piece is (lo, hi]
            hi = bps[piece] if piece < len(bps) else None
            if slope != 0:
                # {x : lo < slope x + offset <= hi} is an interval: tighten the region's ends
                for bound, is_lower in ((lo, True), (hi, False)):
                    if bound is None:
                        continue
                    crossing = (bound - offset) / slope
                    if is_lower == (slope > 0):  # the constraint bounds x from the left
                        left = crossing if left is None else max(left, crossing)
                    else:
                        right = crossing if right is None else min(right, crossing)
            s_act = Fraction(act.slopes[piece])
            o_act = Fraction(act.offsets[piece])
            new_layer.append((s_act * slope, s_act * offset + o_act))
        layer = new_layer
    raise AssertionError("unreachable: a network has at least one affine map")  # pragma: no cover


def pwl_from_network_bruteforce(net: Network, output: int = 0) -> PWL1D:
    r"""The exact function of a one-input network, by walking its activation regions.

    An independent oracle for :func:`theory.pwl1d.pwl_from_network` (see the module docstring for
    the algorithm). Slow but simple: one exact forward pass per activation region visited.

    Parameters
    ----------
    net : Network
        An exact network with ``n_in == 1`` and any piecewise-linear activations.
    output : int
        Which output coordinate, ``0 <= output < net.n_out``.

    Returns
    -------
    PWL1D
        The function $x \mapsto f(x)_{\text{output}}$, exactly.

    Raises
    ------
    InexactInput
        If ``net`` is a float network (convert explicitly with ``net.to_exact()``).
    InvalidArgument
        If ``net`` is not a :class:`~theory.networks.Network`, ``net.n_in != 1``, or ``output``
        is not an int in ``range(net.n_out)``.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1], [1]], [[1, -2]]], [[0, -1], None])    # relu(x) - 2 relu(x - 1)
    >>> f = pwl_from_network_bruteforce(net)
    >>> f.breakpoints, f.slopes
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1), Fraction(-1, 1)))

    Notes
    -----
    Regions are intervals (an intersection of the intervals on which each neuron stays in its
    piece), possibly a single point; the recorded points are all region ends, a superset of the
    breakpoints of $f$, and :class:`~theory.pwl1d.PWL1D` drops the ones where the slope does not
    change.

    References
    ----------
    Arora, Basu, Mianjy, Mukherjee, "Understanding Deep Neural Networks with Rectified Linear
    Units", ICLR 2018, Sec. 1.1 (Def. 1, Def. 3) and Lemma D.5.
    """
    if not isinstance(net, Network):
        raise InvalidArgument(f"net={net!r} must be a theory.networks.Network")
    if not net.exact:
        raise InexactInput("net is a float network; convert it explicitly with net.to_exact()")
    if net.n_in != 1:
        raise InvalidArgument(f"net.n_in={net.n_in} must be 1 (a network of one input)")
    if isinstance(output, bool) or not isinstance(output, int):
        raise InvalidArgument(f"output={output!r} must be an int")
    if not 0 <= output < net.n_out:
        raise InvalidArgument(f"{output=} must be in range(net.n_out) = range({net.n_out})")

    # 1. the leftmost region: jump left past the left end until the region is unbounded
    # (the asserts below are internal invariants: each region is one interval, so a walk in one
    # direction never meets a pattern twice; they turn a would-be endless loop into an error)
    x = Fraction(0)
    left, right, outs, pattern = _region(net, x)
    seen = {pattern}
    while left is not None:
        x = left - 1 - abs(left)
        left, right, outs, pattern = _region(net, x)
        assert pattern not in seen, "left walk revisited a region"
        seen.add(pattern)
    left_slope = outs[output][0]

    # 2. walk right, recording the right end of every region
    ends: list[Fraction] = []
    walked = {pattern}
    while right is not None:
        end = right
        ends.append(end)
        y = end + 1
        skipped: set[tuple[int, ...]] = set()
        while True:
            left, right, outs, pattern = _region(net, y)
            # y's region lies right of the region ending at `end` (regions are disjoint intervals)
            assert left is not None and left >= end, (left, end)
            if left == end:  # it is the region immediately to the right of `end`
                break
            assert pattern not in skipped, "search for the next region revisited a region"
            skipped.add(pattern)
            y = (end + left) / 2  # a region lies in between: move closer
        assert pattern not in walked, "right walk revisited a region"
        walked.add(pattern)
    right_slope = outs[output][0]

    if not ends:
        return PWL1D.affine(left_slope, net(Fraction(0))[output])
    points = [(e, net(e)[output]) for e in ends]
    return PWL1D.from_points(points, left_slope=left_slope, right_slope=right_slope)
