r"""Theorem 2.1: every PWL $f: \mathbb{R}^n \to \mathbb{R}$ is a ReLU DNN of depth at most
$\lceil \log_2(n+1) \rceil + 1$.

.. math::

    f = \sum_{j=1}^p s_j \max_{i \in S_j} \ell_i,\quad |S_j| \le n + 1 \quad
    \text{(Wang \& Sun 2005, eq. (2.1))}
    \ \Longrightarrow\ f \text{ has a ReLU DNN with} \le \lceil \log_2(n+1) \rceil
    \text{ hidden layers.}

[Arora et al., ICLR 2018, Sec. 2, Thm 2.1 (READ; ceil restored per S2), eq. (2.1) (READ-S2).]
The paper gives no size bound; sizes are reported against the toolkit's accounting
(:func:`theory.representation.wang_sun_size`, max gadget trees + identity padding, DERIVED).
That a ReLU DNN is PWL (the first half) is what :mod:`theory.regions` computes: a net is affine
on each of its finitely many exact activation regions.

What is constructive in the toolkit (:mod:`theory.representation`)
-----------------------------------------------------------------
All of it, for every $n$: the max of $m$ affine maps (:func:`max_affine_network`), a Wang-Sun
form to a net (:func:`wang_sun_network`), and *a network or a CPWL function given by pieces to
a Wang-Sun form with* $|S_j| \le n + 1$ (:func:`wang_sun_from_network`: DC decomposition and
a triangulation identity, proved in the module docstring; :func:`wang_sun_from_pieces`: the
max-min representation, then the same identity). Wang and Sun's own proof is not what is run,
and the construction is exact but exponential: practical for small inputs only.

What is run
-----------
* Max of $m = 1..6$ affine maps on $\mathbb{R}$ and $m = 2, 3$ on $\mathbb{R}^2$: hidden layers
  $\lceil \log_2 m \rceil$, size ``max_tree_size(m)``; equality: exact PWL equality
  ($n = 1$) or :func:`is_representation` (a proof, $n = 2$).
* Hand-written Wang-Sun forms ($n = 1, 2, 3$) to nets: depth $\le \lceil\log_2(n+1)\rceil + 1$,
  size $=$ ``wang_sun_size``; equality proved by :func:`is_representation` (the net's exact
  regions against the form).
* Networks to nets of depth $\lceil \log_2(n+1) \rceil + 1$: the paper's $h_a$ / $H$ nets and
  seeded random nets for $n = 1$ (both methods; proof: exact PWL equality), the README's
  $\sigma(x) + \sigma(y) - \sigma(x+y)$ and seeded random nets for $n = 2, 3$: the form is proved
  equal to the input net (:func:`is_representation`), the constructed net is proved equal to the
  input net by exact region enumeration of the difference (:func:`is_same_function`) where that
  is cheap (the README net, a width-1 net), else checked at 40 exact random points (the label
  says which); labels report the number of Wang-Sun terms and the sizes. (Larger nets, e.g.
  $n = 2$ with widths (3, 3), are in ``tests/test_representation.py``.)
* CPWL functions given by pieces ($n = 1$: a tent on intervals; $n = 2$: $\max(x, y)$ on its two
  half-planes and the exact regions of a random net): proved equal on the pieces.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from typing import Any

from theory.networks import Network, compose, max_tree_size
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_network, random_rational
from theory.regions import Whole, enumerate_regions
from theory.representation import (
    MaxAffine,
    WangSunForm,
    is_representation,
    is_same_function,
    log_depth_hidden_layers,
    max_affine_network,
    wang_sun_from_network,
    wang_sun_from_pieces,
    wang_sun_network,
    wang_sun_size,
)

from .._common import paper_networks, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.thm2_1"
REFERENCE = "Arora et al. (ICLR 2018), Thm 2.1, eq. (2.1)"
CLAIM = (
    "Every PWL f: R^n -> R (here: given by a ReLU DNN, by a Wang-Sun form with |S_j| <= n+1, or "
    "by pieces) is a ReLU DNN of depth <= ceil(log2(n+1)) + 1, i.e. <= ceil(log2(n+1)) hidden "
    "layers; the max of m affine maps needs ceil(log2 m) hidden layers."
)
EXPECTED = Verdict.CONFIRMED


def _depth_bound(n: int) -> int:
    return log_depth_hidden_layers(n) + 1


def check_max(matrix: Sequence[Sequence[Any]], offset: Sequence[Any], label: str) -> list[Case]:
    """The max of affine maps: ceil(log2 m) hidden layers, max_tree_size(m), exact."""
    g = MaxAffine(matrix, offset)
    m, n = g.num_functions, g.n_in
    net = max_affine_network(g)
    if n == 1:
        ref = None
        for r, c in zip(g.matrix, g.offset, strict=True):
            f = pwl_from_network(Network([[list(r)]], [[c]]))
            ref = f if ref is None else ref.maximum(f)
        same, how = pwl_from_network(net) == ref, "exact PWL equality"
    else:
        form = WangSunForm(g.matrix, g.offset, [(1, range(m))])
        same, how = is_representation(form, net), "proof on the arrangement"
    layers = (m - 1).bit_length()
    return [
        Case(
            f"{label}, m={m} [{how}]: hidden layers",
            layers,
            net.hidden_layers,
            "==",
            same and net.hidden_layers == layers,
        ),
        Case(
            f"{label}, m={m}: size",
            max_tree_size(m),
            net.size,
            "==",
            net.size == max_tree_size(m),
            statement="sanity",
        ),
    ]


def check_form(form: WangSunForm, label: str) -> list[Case]:
    """A Wang-Sun form with |S_j| <= n+1 to a net of depth <= ceil(log2(n+1)) + 1."""
    net = wang_sun_network(form)
    bound = _depth_bound(form.n_in)
    same = is_representation(form, net)
    return [
        Case(
            f"{label} (n={form.n_in}, {form.num_terms} terms, max |S_j| = {form.max_term_size}) "
            "[proof on the arrangement]: depth",
            bound,
            net.depth,
            "<=",
            form.is_wang_sun and same and net.depth <= bound,
        ),
        Case(
            f"{label}: size",
            wang_sun_size(form),
            net.size,
            "==",
            net.size == wang_sun_size(form),
            statement="sanity",
        ),
    ]


def check(
    net: Network, label: str, rng: random.Random, method: str = "auto", *, prove: bool = False
) -> Case:
    """A network to an equivalent one of depth ceil(log2(n+1)) + 1, exactly.

    For n >= 2 the form is always proved equal to ``net``; the constructed net is proved equal
    to ``net`` by :func:`is_same_function` when ``prove`` (seconds for sizes about 30, minutes
    beyond 100), else checked at 40 exact random points.
    """
    n = net.n_in
    form = wang_sun_from_network(net, method=method)
    deep = wang_sun_network(form)
    bound = _depth_bound(n)
    if n == 1:
        same, how = pwl_from_network(deep) == pwl_from_network(net), "exact PWL equality"
    else:
        same = is_representation(form, net)
        if prove:
            same = same and is_same_function(net, deep)
            how = "form and net: proofs"
        else:
            pts = [[random_rational(rng, 6, 7) for _ in range(n)] for _ in range(40)]
            same = same and all(deep(x)[0] == net(x)[0] for x in pts)
            how = "form: proof; net: 40 exact points"
    text = (
        f"{label} (n={n}, input depth {net.depth}, size {net.size}; {form.num_terms} Wang-Sun "
        f"terms, max |S_j| = {form.max_term_size}, constructed size {deep.size}) [{how}]: depth"
    )
    return Case(text, bound, deep.depth, "<=", same and form.is_wang_sun and deep.depth <= bound)


def check_pieces(pieces: Sequence[Any], label: str, n: int) -> Case:
    """A CPWL function given by pieces to a net of depth ceil(log2(n+1)) + 1."""
    form = wang_sun_from_pieces(pieces)
    deep = wang_sun_network(form)
    bound = _depth_bound(n)
    same = is_representation(form, pieces)
    return Case(
        f"{label} ({len(pieces)} pieces; {form.num_terms} terms, constructed size {deep.size}) "
        "[proof on the pieces]: depth",
        bound,
        deep.depth,
        "<=",
        same and form.is_wang_sun and deep.depth <= bound,
    )


def run() -> CheckResult:
    rng = random.Random(20180201)
    cases: list[Case] = []
    for m in range(1, 7):
        cases += check_max(
            [[random_rational(rng)] for _ in range(m)],
            [random_rational(rng) for _ in range(m)],
            "max of affine maps on R",
        )
    for m in (2, 3):
        cases += check_max(
            [[random_rational(rng), random_rational(rng)] for _ in range(m)],
            [random_rational(rng) for _ in range(m)],
            "max of affine maps on R^2",
        )
    forms = [
        ("|x|", WangSunForm([[1], [-1]], None, [(1, [0, 1])])),
        ("max(x, y, 0)", WangSunForm([[1, 0], [0, 1], [0, 0]], None, [(1, [0, 1, 2])])),
        (
            "max(x, y, 0) - max(x, y) + max(x, -y)",
            WangSunForm(
                [[1, 0], [0, 1], [0, 0], [1, 0], [0, -1]],
                None,
                [(1, [0, 1, 2]), (-1, [0, 1]), (1, [3, 4])],
            ),
        ),
        (
            "max(x, y, z, 0) + z",
            WangSunForm(
                [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]], None, [(1, [0, 1, 2, 3]), (1, [2])]
            ),
        ),
    ]
    for label, form in forms:
        cases += check_form(form, label)
    paper = paper_networks()
    for label, net, _ in paper:
        cases.append(check(net, label, rng))
    deep_paper = compose(paper[0][1], paper[1][1])
    cases.append(check(deep_paper, "h_(1/2) o h_(1/3,2/3) (depth 3)", rng))
    cases.append(check(deep_paper, "h_(1/2) o h_(1/3,2/3) (depth 3), method dc", rng, "dc"))
    for widths in ((3,), (2, 2), (3, 3)):
        cases.append(check(random_network(widths, rng=rng), f"random net {widths}", rng))
    readme = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]])
    cases.append(check(readme, "relu(x) + relu(y) - relu(x + y)", rng, prove=True))
    for n, widths in ((2, (1,)), (2, (2,)), (2, (3,)), (2, (2, 2)), (3, (2,))):
        net = random_network(widths, rng=rng, n_in=n)
        cases.append(check(net, f"random net {widths}", rng, prove=widths == (1,)))
    tent = [([[1]], [0], [0], 0), ([[-1], [1]], [0, 1], [2], 0), ([[-1]], [-1], [-2], 4)]
    cases.append(check_pieces(tent, "tent 0 / 2x / 4 - 2x on (-inf,0], [0,1], [1,inf)", 1))
    halves = [([[-1, 1]], [0], [1, 0], 0), ([[1, -1]], [0], [0, 1], 0)]
    cases.append(check_pieces(halves, "max(x, y) on its two half-planes", 2))
    small = random_network((2,), rng=random.Random(4), n_in=2)
    regions = enumerate_regions(small, Whole(2), exact=True).regions
    cases.append(check_pieces(regions, "the exact regions of a random net (2,)", 2))
    return result(sys.modules[__name__], cases)
