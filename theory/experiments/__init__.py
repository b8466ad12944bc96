r"""Experiments as functions: seeded, small enough for a laptop CPU, each returning tidy tables.

Map
---
``theory.experiments.zhu2020``  Zhu, Lin, Tang (2020): distance from training points to their
                                region's boundary over training (finding 1); exact local counts
                                at training versus random and test points (finding 2).
``theory.experiments.qi2023``   Qi, Wei (2023): exact region counts in $[-1, 1]^2$ across
                                training snapshots for moons, gaussian quantiles and random
                                labels; decision-boundary refinement; partition pictures.
``theory.experiments._training`` the shared parts: :class:`Table`, :func:`make_dataset`
                                (scikit-learn generators and bundled digits, never
                                downloaded), :func:`train_snapshots` (scikit-learn's
                                ``MLPClassifier`` with Adam, snapshots at fractional epochs).

Conventions
-----------
* Every experiment takes a ``seed`` (default fixed) and gives the same table on every run with
  the same library versions.
* ``full=False`` (default) runs a reduced experiment in seconds (the sizes used in CI and by the
  observation checkers in :mod:`proofs_checks`); ``full=True`` the full one, in minutes at
  most. Explicit size arguments override either.
* Counts are exact ``int`` (the region engines of :mod:`theory.regions` and
  :mod:`theory.local`); accuracies, distances, areas and test statistics are float64.
* The papers' bodies were not available (digest ``regions-and-loss-surfaces.md``, sections 5
  and 6): the claims tested are those of their abstracts [READ]; set-ups are the authors'
  published code where known [CODE] and the toolkit's choice elsewhere, as each docstring
  says.

Examples
--------
>>> from theory.experiments import make_dataset, train_snapshots
>>> X, y = make_dataset("moons", 64, seed=0)
>>> [s.steps for s in train_snapshots(X, y, widths=(4,), epochs=[0, 1], seed=0)]
[0, 2]
"""

from __future__ import annotations

from . import qi2023 as qi2023
from . import zhu2020 as zhu2020
from ._training import DATASETS as DATASETS
from ._training import Snapshot as Snapshot
from ._training import Table as Table
from ._training import make_dataset as make_dataset
from ._training import predict_labels as predict_labels
from ._training import scale_to_unit_box as scale_to_unit_box
from ._training import split as split
from ._training import train_snapshots as train_snapshots
from .qi2023 import RegionCountRun as RegionCountRun
from .qi2023 import estimate_label_change as estimate_label_change
from .qi2023 import estimate_label_change_grid as estimate_label_change_grid
from .qi2023 import region_counts_by_dataset as region_counts_by_dataset
from .qi2023 import region_counts_over_training as region_counts_over_training
from .zhu2020 import LocalCountComparison as LocalCountComparison
from .zhu2020 import boundary_distance_over_training as boundary_distance_over_training
from .zhu2020 import local_counts as local_counts
from .zhu2020 import local_counts_train_vs_random as local_counts_train_vs_random

__all__ = [
    "DATASETS",
    "LocalCountComparison",
    "RegionCountRun",
    "Snapshot",
    "Table",
    "boundary_distance_over_training",
    "estimate_label_change",
    "estimate_label_change_grid",
    "local_counts",
    "local_counts_train_vs_random",
    "make_dataset",
    "predict_labels",
    "qi2023",
    "region_counts_by_dataset",
    "region_counts_over_training",
    "scale_to_unit_box",
    "split",
    "train_snapshots",
    "zhu2020",
]
