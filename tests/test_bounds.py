"""theory.bounds: values from the paper and the reference digest; symbolic == numeric."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from theory.bounds import arora_1d_pieces_bound, arora_pieces_by_size_bound, arora_size_lower_bound
from theory.errors import InvalidArgument


@pytest.mark.parametrize(("widths", "value"), [((2, 2), 12), ((3,), 4), ((1, 1, 1), 8)])
def test_arora_1d_pieces_bound_digest_values(widths: tuple[int, ...], value: int) -> None:
    """Lemma D.5 values listed in the reference digest, section 7."""
    assert arora_1d_pieces_bound(widths) == value


@pytest.mark.parametrize(
    ("k", "value"),
    [
        (2, sympy.Integer(3)),
        (3, sympy.Rational(79, 2)),
        (4, 511),
        (5, sympy.Rational(15623, 2)),
        (6, 139967),
    ],
)
def test_arora_size_lower_bound_cor3_4_table(k: int, value: sympy.Expr) -> None:
    """Cor. 3.4: p = k^(k^2) pieces at depth k + 1 need >= (1/2) k^(k+1) - 1 nodes (digest)."""
    assert arora_size_lower_bound(k ** (k * k), k) == value


@pytest.mark.parametrize(("kp", "approx"), [(1, 39.5), (2, 8.0), (3, 5.49), (4, 5.0)])
def test_arora_size_lower_bound_thm3_1_table(kp: int, approx: float) -> None:
    """Thm 3.1 with k = 4, w = 3 (p = 81): (1/2) k' 81^(1/k') - 1, digest table to 2 decimals."""
    assert abs(float(arora_size_lower_bound(81, kp)) - approx) < 0.005


@given(st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_arora_1d_pieces_bound_symbolic_equals_numeric(widths: list[int]) -> None:
    """Substituting integers into the symbolic bound gives the integer bound."""
    syms = sympy.symbols(f"w1:{len(widths) + 1}", positive=True, integer=True)
    expr = arora_1d_pieces_bound(list(syms))
    assert expr.subs(dict(zip(syms, widths, strict=True))) == arora_1d_pieces_bound(widths)
    assert arora_1d_pieces_bound(widths) == 2 ** (len(widths) - 1) * (widths[0] + 1) * sympy.prod(
        widths[1:]
    )


@given(st.integers(1, 30), st.integers(1, 6))
def test_arora_pieces_by_size_bound_is_inverse_of_lower_bound(s: int, k: int) -> None:
    """p = (2s/k)^k pieces make the size lower bound (1/2) k p^(1/k) - 1 equal to s - 1 < s."""
    p_max = arora_pieces_by_size_bound(s, k)
    assert (
        sympy.simplify(sympy.Rational(1, 2) * k * p_max ** sympy.Rational(1, k) - 1 - (s - 1)) == 0
    )


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (arora_1d_pieces_bound, ([],)),
        (arora_1d_pieces_bound, ([0, 2],)),
        (arora_1d_pieces_bound, ([sympy.Rational(1, 2)],)),
        (arora_size_lower_bound, (0, 1)),
        (arora_pieces_by_size_bound, (3, 0)),
    ],
)
def test_bounds_bad_arguments(call, args) -> None:  # type: ignore[no-untyped-def]
    """Non-positive or non-integer sizes raise InvalidArgument."""
    with pytest.raises(InvalidArgument):
        call(*args)


@given(st.integers(1, 5), st.integers(1, 4), st.integers(2, 5), st.integers(1, 7))
def test_arora_zonotope_pieces_bound_formula(n: int, k: int, w: int, m: int) -> None:
    """Prop. 3.8 as printed, (sum_{i<n} C(m-1, i)) w^k, written out with math.comb; symbolic
    form substitutes to the same integer. Figure 1's left panel (n = k = w = m = 2) prints 8."""
    from math import comb

    from theory.bounds import arora_zonotope_pieces_bound

    want = sum(comb(m - 1, i) for i in range(n)) * w**k
    assert arora_zonotope_pieces_bound(n, k, w, m) == want
    s = sympy.symbols("n k w m", integer=True, positive=True)
    expr = arora_zonotope_pieces_bound(*s)
    assert expr.subs(dict(zip(s, (n, k, w, m), strict=True))).doit() == want
    assert arora_zonotope_pieces_bound(2, 2, 2, 2) == 8


def test_arora_zonotope_pieces_bound_bad_arguments() -> None:
    from theory.bounds import arora_zonotope_pieces_bound

    with pytest.raises(InvalidArgument, match="w=1"):
        arora_zonotope_pieces_bound(2, 2, 1, 2)
    with pytest.raises(InvalidArgument, match="m"):
        arora_zonotope_pieces_bound(2, 2, 2, 0)
