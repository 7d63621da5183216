"""Pipelines: inventories checked in CI against budgets and targets, and compared year to year.

- `budget`: masses with units, the budget file (`schema: ghgkit.budget/1`), the checks behind
  `ghgkit check`.
- `diff`: the change between two inventory results (`diff_results`), split into activity and factor effects, behind
  `ghgkit diff`.
- `progress`: a progress bar on stderr when it is a terminal outside CI, silent otherwise.

See docs/pipelines.md.
"""
from __future__ import annotations

from .budget import Budget, BudgetError, Check, Limit, Subject, Target, check, load_budget, load_result, parse_mass
from .diff import diff as diff_results, to_json, to_markdown
from .progress import Progress, progress_enabled

__all__ = [
    "Budget",
    "BudgetError",
    "Check",
    "Limit",
    "Progress",
    "Subject",
    "Target",
    "check",
    "diff_results",
    "load_budget",
    "load_result",
    "parse_mass",
    "progress_enabled",
    "to_json",
    "to_markdown",
]
