r"""Losses $\ell(y, \hat y)$ and the empirical risk of a network on a data set.

The empirical risk of a network $f_\theta$ on data $S = \{(x_i, y_i)\}_{i=1}^n$ is the **mean**

.. math::

    \hat R(\theta) = \frac1n \sum_{i=1}^{n} \ell\bigl(y_i, f_\theta(x_i)\bigr)

(He, Wang, Tao 2020, reference digest section 4.2; the worked toy's risk $2/9$ uses this
convention, it would be $1/9$ under $\frac{1}{2n}$).

The registry (:data:`LOSS_NAMES`, :func:`get_loss`)
---------------------------------------------------
=================  =====================================================  =====  =====  =====
name               $\ell(y, \hat y)$, $r = \hat y - y \in \mathbb{R}^{d_Y}$  rat.   conv.  diff.
=================  =====================================================  =====  =====  =====
``squared``        $\lVert r \rVert_2^2$                                    yes    yes    yes
``absolute``       $\lVert r \rVert_1 = \sum_k |r_k|$                       yes    yes    no
``huber``          $\sum_k H_\delta(r_k)$, $H_\delta(t) = t^2/2$ for         yes    yes    yes
                   $|t| \le \delta$, $\delta(|t| - \delta/2)$ otherwise
``hinge``          $\max\{0, 1 - y \hat y\}$, $y = \pm 1$, $d_Y = 1$         yes    yes    no
``logistic``       $\log(1 + e^{-y \hat y})$, $y = \pm 1$, $d_Y = 1$         no     yes    yes
``cross_entropy``  $-\log \operatorname{softmax}(\hat y)_{c}$, class $c$,     no     yes    yes
                   $d_Y = K \ge 2$ classes (labels or one-hot rows)
=================  =====================================================  =====  =====  =====

"rat." (:attr:`Loss.rational`): the value is rational at rational points, so it is computed
exactly (``Fraction``) for exact inputs; logistic and cross-entropy values are floats.

The hypotheses of the main theorem (reference digest 4.3, RECON-L) ask the gradient in $\hat y$
to vanish **only** at $\hat y = y$. What each loss satisfies
(:attr:`Loss.stationary_only_at_target`, :attr:`Loss.zero_gradient_set`; for the
non-differentiable losses "stationary" means $0 \in \partial_{\hat y} \ell$):

* squared, Huber: $\nabla \ell = 0$ iff $\hat y = y$: the hypothesis holds;
* absolute: not differentiable where some $r_k = 0$; $0 \in \partial \ell$ iff $\hat y = y$;
* hinge: $0 \in \partial \ell$ on the whole half-line $y \hat y \ge 1$ (e.g. $\hat y = 2y$): the
  hypothesis **fails**;
* logistic, cross-entropy (one-hot labels): the gradient never vanishes at a finite $\hat y$
  (it tends to 0 only as $y \hat y \to \infty$, resp. the true logit $\to +\infty$), so the
  hypothesis holds vacuously, and the infimum 0 is not attained.

Every loss here is convex in $\hat y$.

Examples
--------
>>> from fractions import Fraction
>>> sq = get_loss("squared")
>>> sq.value([0], [Fraction(1, 3)]), sq.gradient([0], [Fraction(1, 3)])
(Fraction(1, 9), array([Fraction(2, 3)], dtype=object))
>>> get_loss("huber", delta="1/2").value([0, 0], [Fraction(1, 4), 2])
Fraction(29, 32)
>>> get_loss("hinge").stationary_only_at_target, get_loss("hinge").zero_gradient_set
(False, 'y * yhat >= 1')
>>> from theory.networks import Network
>>> toy = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])        # the constant 1/3
>>> risk(toy, [[-1], [0], [1]], [[0], [1], [0]], "squared")
Fraction(2, 9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from .._exact import as_exact_array, as_float_array, contains_float, to_fraction
from ..errors import InvalidArgument
from ..networks import Network

__all__ = [
    "LOSS_NAMES",
    "Loss",
    "get_loss",
    "risk",
]

Array = npt.NDArray[Any]

#: The registered losses (see the module docstring's table).
LOSS_NAMES = ("squared", "absolute", "huber", "hinge", "logistic", "cross_entropy")

_ZERO = Fraction(0)
_ONE = Fraction(1)

# name: (rational, differentiable, stationary_only_at_target, zero_gradient_set, labels)
_PROPERTIES: dict[str, tuple[bool, bool, bool, str, str]] = {
    "squared": (True, True, True, "yhat = y", "real"),
    "absolute": (True, False, True, "yhat = y", "real"),
    "huber": (True, True, True, "yhat = y", "real"),
    "hinge": (True, False, False, "y * yhat >= 1", "sign"),
    "logistic": (False, True, True, "empty (finite yhat)", "sign"),
    "cross_entropy": (False, True, True, "empty (finite yhat)", "class"),
}


def _is_exact_array(a: Array) -> bool:
    return bool(a.dtype == object)


@dataclass(frozen=True)
class Loss:
    r"""A loss $\ell(y, \hat y)$ of the registry (build it with :func:`get_loss`).

    Parameters
    ----------
    name : str
        One of :data:`LOSS_NAMES`.
    delta : Fraction or None
        Huber's threshold $\delta > 0$ (exact); ``None`` for the other losses.

    Attributes
    ----------
    rational : bool
        Values are rational at rational points (exact ``Fraction`` results).
    convex : bool
        Convex in $\hat y$ (all registered losses are).
    differentiable : bool
        Differentiable in $\hat y$ everywhere.
    stationary_only_at_target : bool
        The digest's RECON-L hypothesis "the gradient vanishes only when $\hat y = y$" (for a
        non-differentiable loss: $0 \in \partial \ell$ only at $\hat y = y$); vacuous for
        logistic and cross-entropy, whose gradient never vanishes.
    zero_gradient_set : str
        Where the gradient vanishes (or $0 \in \partial\ell$), in words.
    labels : {"real", "sign", "class"}
        Targets: real vectors, labels $\pm 1$ (scalar output), or classes (one-hot).
    """

    name: str
    delta: Fraction | None = None
    rational: bool = field(init=False)
    convex: bool = field(init=False)
    differentiable: bool = field(init=False)
    stationary_only_at_target: bool = field(init=False)
    zero_gradient_set: str = field(init=False)
    labels: str = field(init=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or self.name not in LOSS_NAMES:
            raise InvalidArgument(f"loss={self.name!r} must be one of {LOSS_NAMES}")
        if self.name == "huber":
            d = to_fraction(self.delta if self.delta is not None else 1, "delta")
            if d <= 0:
                raise InvalidArgument(f"delta={d} must be > 0 (Huber threshold)")
            object.__setattr__(self, "delta", d)
        elif self.delta is not None:
            raise InvalidArgument(f"delta={self.delta!r} is only a parameter of the huber loss")
        rat, diff, stat, zero, labels = _PROPERTIES[self.name]
        object.__setattr__(self, "rational", rat)
        object.__setattr__(self, "convex", True)
        object.__setattr__(self, "differentiable", diff)
        object.__setattr__(self, "stationary_only_at_target", stat)
        object.__setattr__(self, "zero_gradient_set", zero)
        object.__setattr__(self, "labels", labels)

    def __repr__(self) -> str:
        if self.name == "huber":
            return f"Loss('huber', delta={self.delta})"
        return f"Loss({self.name!r})"

    # -- targets ---------------------------------------------------------------------------------
    def targets(self, Y: Any, *, n_out: int | None = None) -> Array:
        r"""The targets as an ``(n, d_Y)`` array (exact ``Fraction`` objects unless float).

        Parameters
        ----------
        Y : array-like
            ``"real"`` losses: shape ``(n, d_Y)`` or ``(n,)`` (then $d_Y = 1$); exact or float.
            ``"sign"`` losses: labels $\pm 1$, shape ``(n,)`` or ``(n, 1)``. Cross-entropy:
            integer class labels ``(n,)`` in ``0..K-1`` or one-hot rows ``(n, K)``; the result
            is one-hot (exact).
        n_out : int, optional
            The network's output width; cross-entropy labels use it as $K$ (default: the
            largest label + 1, at least 2).

        Examples
        --------
        >>> [[int(v) for v in row] for row in get_loss("cross_entropy").targets([0, 2])]
        [[1, 0, 0], [0, 0, 1]]
        """
        try:
            arr = np.asarray(Y, dtype=object)
        except ValueError:
            raise InvalidArgument("Y is ragged; give shape (n, d_Y) or (n,)") from None
        if arr.ndim not in (1, 2) or arr.shape[0] == 0:
            raise InvalidArgument(
                f"Y must have shape (n, d_Y) or (n,) with n >= 1; got {arr.shape}"
            )
        if self.labels == "real":
            exact = not contains_float(Y)
            conv = as_exact_array if exact else as_float_array
            T = conv(Y, "Y", arr.ndim)
            return T.reshape(T.shape[0], -1) if arr.ndim == 2 else T.reshape(-1, 1)
        if self.labels == "sign":
            if arr.ndim == 2 and arr.shape[1] != 1:
                raise InvalidArgument(
                    f"loss={self.name!r} takes labels +-1 of shape (n,) or (n, 1); Y has shape "
                    f"{arr.shape} (it needs a scalar output, d_Y = 1)"
                )
            out = np.empty((arr.shape[0], 1), dtype=object)
            for i, v in enumerate(arr.reshape(-1)):
                out[i, 0] = _sign_label(v, f"Y[{i}]", self.name)
            return out
        return _one_hot(arr, n_out)

    # -- one sample ------------------------------------------------------------------------------
    def value(self, y: Any, yhat: Any) -> Fraction | float:
        r"""$\ell(y, \hat y)$ for one sample (``y`` a target row, ``yhat`` the prediction).

        Exact for exact inputs and a rational loss; float otherwise.
        """
        t, p = self._pair(y, yhat)
        if self.rational and _is_exact_array(t) and _is_exact_array(p):
            return self._value_exact(t, p)
        return float(self._values_float(t.astype(np.float64)[None], p.astype(np.float64)[None])[0])

    def gradient(self, y: Any, yhat: Any) -> Array:
        r"""$\nabla_{\hat y} \ell(y, \hat y)$, shape ``(d_Y,)``; exact for rational losses.

        Raises
        ------
        InvalidArgument
            Where the loss is not differentiable (absolute: some $r_k = 0$; hinge:
            $y \hat y = 1$); use :meth:`directional_derivative` there.
        """
        t, p = self._pair(y, yhat)
        if self.rational and _is_exact_array(t) and _is_exact_array(p):
            return self._gradient_exact(t, p)
        g = self._gradients_float(t.astype(np.float64)[None], p.astype(np.float64)[None])[0]
        if self.name == "absolute" and np.any(p.astype(np.float64) == t.astype(np.float64)):
            raise InvalidArgument("the absolute loss is not differentiable where yhat_k = y_k")
        if self.name == "hinge" and float(t[0]) * float(p[0]) == 1.0:
            raise InvalidArgument("the hinge loss is not differentiable where y * yhat = 1")
        return g

    def directional_derivative(self, y: Any, yhat: Any, v: Any) -> Fraction | float:
        r"""The one-sided derivative $\frac{d}{dt}\big|_{t=0^+} \ell(y, \hat y + t v)$.

        Exists for every convex loss; equals $\nabla \ell \cdot v$ where $\ell$ is
        differentiable. Exact for exact inputs and a rational loss.

        Examples
        --------
        >>> ab = get_loss("absolute")
        >>> ab.directional_derivative([1], [1], [3]), ab.directional_derivative([1], [1], [-3])
        (Fraction(3, 1), Fraction(3, 1))
        """
        t, p = self._pair(y, yhat)
        d = _row(v, "v", t.shape[0], exact=_is_exact_array(t) and _is_exact_array(p))
        exact = self.rational and _is_exact_array(t) and _is_exact_array(p) and _is_exact_array(d)
        if not exact:
            t, p, d = (a.astype(np.float64) for a in (t, p, d))
        if self.name == "absolute":
            total: Any = _ZERO if exact else 0.0
            for tk, pk, dk in zip(t, p, d, strict=True):
                r = pk - tk
                total += (dk if r > 0 else -dk) if r != 0 else abs(dk)
            return total if exact else float(total)
        if self.name == "hinge":
            m = 1 - t[0] * p[0]
            dm = -t[0] * d[0]
            if m > 0:
                return dm if exact else float(dm)
            if m < 0:
                return _ZERO if exact else 0.0
            return max(dm, 0 * dm) if exact else float(max(dm, 0.0))
        if exact:
            g = self._gradient_exact(t, p)
            return sum((a * b for a, b in zip(g, d, strict=True)), _ZERO)
        g = self._gradients_float(t[None], p[None])[0]
        return float(np.dot(g, d))

    def minimum_value(self) -> Fraction:
        r"""$\inf_{\hat y} \ell(y, \hat y)$ for every admissible target: 0 for every loss here
        (attained at $\hat y = y$ for squared/absolute/Huber, on $y\hat y \ge 1$ for hinge,
        never for logistic and one-hot cross-entropy)."""
        return _ZERO

    # -- data sets -------------------------------------------------------------------------------
    def values(self, Y: Any, Yhat: Any) -> Array:
        r"""Per-sample losses for targets ``Y`` (as from :meth:`targets`) and predictions
        ``Yhat``, both ``(n, d_Y)``: an object array of ``Fraction`` (exact) or float64."""
        T, P = self._pairs(Y, Yhat)
        if self.rational and _is_exact_array(T) and _is_exact_array(P):
            out = np.empty(T.shape[0], dtype=object)
            for i in range(T.shape[0]):
                out[i] = self._value_exact(T[i], P[i])
            return out
        return self._values_float(T.astype(np.float64), P.astype(np.float64))

    def mean(self, Y: Any, Yhat: Any) -> Fraction | float:
        r"""$\frac1n \sum_i \ell(y_i, \hat y_i)$: exact when :meth:`values` is."""
        vals = self.values(Y, Yhat)
        if vals.dtype == object:
            return sum(vals, _ZERO) / len(vals)
        return float(np.mean(vals))

    def gradients(self, Y: Any, Yhat: Any) -> Array:
        r"""Per-sample gradients $\nabla_{\hat y}\ell(y_i, \hat y_i)$, shape ``(n, d_Y)``.

        Exact (object array) for exact inputs and a rational loss. For float inputs the
        absolute and hinge losses return the subgradient with $\operatorname{sign}(0) = 0$
        (resp. $0$ at $y \hat y = 1$), convenient for descent; exact inputs at a kink raise.
        """
        T, P = self._pairs(Y, Yhat)
        if self.rational and _is_exact_array(T) and _is_exact_array(P):
            out = np.empty(T.shape, dtype=object)
            for i in range(T.shape[0]):
                out[i] = self._gradient_exact(T[i], P[i])
            return out
        return self._gradients_float(T.astype(np.float64), P.astype(np.float64))

    # -- internals -------------------------------------------------------------------------------
    def _pair(self, y: Any, yhat: Any) -> tuple[Array, Array]:
        exact = not (contains_float(y) or contains_float(yhat))
        p = _row(yhat, "yhat", None, exact=exact)
        t = _row(y, "y", p.shape[0], exact=exact)
        return t, p

    def _pairs(self, Y: Any, Yhat: Any) -> tuple[Array, Array]:
        T = Y if isinstance(Y, np.ndarray) and Y.ndim == 2 else self.targets(Y)
        exact = _is_exact_array(T) and not contains_float(Yhat)
        P = as_exact_array(Yhat, "Yhat", 2) if exact else as_float_array(Yhat, "Yhat", 2)
        if T.shape != P.shape:
            raise InvalidArgument(f"Y has shape {T.shape} but Yhat has shape {P.shape}")
        return T, P

    def _value_exact(self, t: Array, p: Array) -> Fraction:
        if self.name == "squared":
            return sum(((a - b) ** 2 for a, b in zip(p, t, strict=True)), _ZERO)
        if self.name == "absolute":
            return sum((abs(a - b) for a, b in zip(p, t, strict=True)), _ZERO)
        if self.name == "huber":
            d = self.delta
            assert d is not None
            total = _ZERO
            for a, b in zip(p, t, strict=True):
                r = abs(a - b)
                total += r * r / 2 if r <= d else d * (r - d / 2)
            return total
        return max(_ZERO, 1 - t[0] * p[0])  # hinge

    def _gradient_exact(self, t: Array, p: Array) -> Array:
        out = np.empty(t.shape[0], dtype=object)
        for k, (a, b) in enumerate(zip(p, t, strict=True)):
            r = a - b
            if self.name == "squared":
                out[k] = 2 * r
            elif self.name == "absolute":
                if r == 0:
                    raise InvalidArgument(
                        f"the absolute loss is not differentiable at yhat[{k}] = y[{k}] = {b}; "
                        "use directional_derivative"
                    )
                out[k] = _ONE if r > 0 else -_ONE
            elif self.name == "huber":
                d = self.delta
                assert d is not None
                out[k] = r if abs(r) <= d else (d if r > 0 else -d)
            else:  # hinge
                m = 1 - b * a
                if m == 0:
                    raise InvalidArgument(
                        "the hinge loss is not differentiable at y * yhat = 1; use "
                        "directional_derivative"
                    )
                out[k] = -b if m > 0 else _ZERO
        return out

    def _values_float(self, T: Array, P: Array) -> Array:
        R = P - T
        if self.name == "squared":
            v = np.sum(R * R, axis=1)
        elif self.name == "absolute":
            v = np.sum(np.abs(R), axis=1)
        elif self.name == "huber":
            d = float(self.delta)  # type: ignore[arg-type]
            A = np.abs(R)
            v = np.sum(np.where(A <= d, 0.5 * R * R, d * (A - 0.5 * d)), axis=1)
        elif self.name == "hinge":
            v = np.maximum(0.0, 1.0 - T[:, 0] * P[:, 0])
        elif self.name == "logistic":
            v = np.logaddexp(0.0, -T[:, 0] * P[:, 0])
        else:  # cross-entropy: logsumexp(p) - <t, p> (t one-hot or a probability vector)
            m = np.max(P, axis=1, keepdims=True)
            lse = m[:, 0] + np.log(np.sum(np.exp(P - m), axis=1))
            v = lse - np.sum(T * P, axis=1)
        return np.asarray(v, dtype=np.float64)

    def _gradients_float(self, T: Array, P: Array) -> Array:
        R = P - T
        if self.name == "squared":
            g = 2.0 * R
        elif self.name == "absolute":
            g = np.sign(R)
        elif self.name == "huber":
            d = float(self.delta)  # type: ignore[arg-type]
            g = np.clip(R, -d, d)
        elif self.name == "hinge":
            g = np.where(1.0 - T * P > 0, -T, 0.0)
        elif self.name == "logistic":
            z = T * P
            with np.errstate(over="ignore"):
                g = -T / (1.0 + np.exp(z))
        else:
            m = np.max(P, axis=1, keepdims=True)
            e = np.exp(P - m)
            g = e / np.sum(e, axis=1, keepdims=True) - T
        return np.asarray(g, dtype=np.float64)


def _row(v: Any, name: str, length: int | None, *, exact: bool) -> Array:
    arr = np.asarray(v, dtype=object)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise InvalidArgument(f"{name} must be a vector of shape (d_Y,), got shape {arr.shape}")
    if length is not None and arr.shape[0] != length:
        raise InvalidArgument(f"{name} has {arr.shape[0]} entries, expected {length}")
    return as_exact_array(list(arr), name, 1) if exact else as_float_array(list(arr), name, 1)


def _sign_label(v: Any, name: str, loss: str) -> Fraction:
    if isinstance(v, float | np.floating) and v in (1.0, -1.0):
        return Fraction(int(v))
    try:
        f = to_fraction(v, name)
    except InvalidArgument:
        f = None
    if f not in (1, -1):
        raise InvalidArgument(f"{name}={v!r}: loss={loss!r} takes labels +1 / -1")
    assert f is not None
    return f


def _one_hot(arr: Array, n_out: int | None) -> Array:
    if arr.ndim == 1:
        labels = []
        for i, v in enumerate(arr):
            if isinstance(v, bool | np.bool_) or not isinstance(v, int | np.integer) or v < 0:
                raise InvalidArgument(
                    f"Y[{i}]={v!r}: cross_entropy takes integer class labels 0..K-1 (or one-hot "
                    "rows)"
                )
            labels.append(int(v))
        K = max(max(labels) + 1, 2) if n_out is None else n_out
        if K < 2:
            raise InvalidArgument(f"cross_entropy needs K >= 2 classes (n_out={n_out})")
        if max(labels) >= K:
            raise InvalidArgument(f"class label {max(labels)} is out of range for K={K} outputs")
        out = np.empty((len(labels), K), dtype=object)
        out.fill(_ZERO)
        for i, c in enumerate(labels):
            out[i, c] = _ONE
        return out
    K = arr.shape[1]
    if K < 2 or (n_out is not None and K != n_out):
        raise InvalidArgument(
            f"one-hot targets have {K} columns; cross_entropy needs K >= 2"
            + ("" if n_out is None else f" equal to n_out={n_out}")
        )
    out = np.empty(arr.shape, dtype=object)
    for i, row in enumerate(arr):
        vals = [v.item() if isinstance(v, np.generic) else v for v in row]
        if sorted(vals) != [0] * (K - 1) + [1]:
            raise InvalidArgument(f"Y[{i}]={list(row)} is not a one-hot row (one 1, zeros)")
        out[i] = [Fraction(int(v)) for v in vals]
    return out


def get_loss(loss: Loss | str, *, delta: Any = None) -> Loss:
    r"""The registered loss ``loss`` (a name of :data:`LOSS_NAMES`, or a :class:`Loss`).

    Parameters
    ----------
    loss : str or Loss
    delta : exact scalar, optional
        Huber's threshold (default 1); not allowed for the other losses.

    Examples
    --------
    >>> get_loss("huber", delta="1/2")
    Loss('huber', delta=1/2)
    >>> get_loss("mse")
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: loss='mse' must be one of ('squared', 'absolute', ...)
    """
    if isinstance(loss, Loss):
        if delta is not None and to_fraction(delta, "delta") != loss.delta:
            raise InvalidArgument(f"delta={delta!r} conflicts with {loss!r}")
        return loss
    return Loss(loss, delta)


def risk(net: Network, X: Any, Y: Any, loss: Loss | str = "squared") -> Fraction | float:
    r"""The empirical risk $\hat R(\theta) = \frac1n \sum_i \ell(y_i, f_\theta(x_i))$.

    Parameters
    ----------
    net : Network
        $\mathbb{R}^{d_X} \to \mathbb{R}^{d_Y}$.
    X : (n, d_X) array-like (or (n,) when $d_X = 1$)
    Y : targets as accepted by :meth:`Loss.targets`.
    loss : str or Loss

    Returns
    -------
    Fraction or float
        Exact for an exact network, exact data and a rational loss; float otherwise.

    Examples
    --------
    >>> from theory.networks import Network
    >>> glob = Network([[[1], [-1]], [[-1, -1]]], [[0, 0], [1]])     # 1 - relu(x) - relu(-x)
    >>> risk(glob, [-1, 0, 1], [0, 1, 0])
    Fraction(0, 1)
    >>> round(risk(glob, [-1, 0, 1], [1, 1, -1], "logistic"), 6)
    0.566519
    """
    from .cells import as_inputs

    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    L = get_loss(loss)
    Xa = as_inputs(net, X)
    T = L.targets(Y, n_out=net.n_out)
    if T.shape != (Xa.shape[0], net.n_out):
        raise InvalidArgument(
            f"Y gives targets of shape {T.shape} but the network maps {Xa.shape[0]} inputs to "
            f"R^{net.n_out}"
        )
    P = net(Xa)
    if not net.exact:
        T = T.astype(np.float64)
    return L.mean(T, P)
