"""ghgkit: greenhouse-gas accounting with units, provenance and uncertainty.

    >>> import ghgkit
    >>> db = ghgkit.FactorDatabase.default()
    >>> e = db.calculate("electricity.grid", 12000, "kWh", region="FR", year=2023)
    >>> round(e.co2e_kg, 1), e.factor_id, len(e.provenance["database_hash"])
    (672.5, 'owid-energy.electricity.grid.FR.2023', 64)
"""
from __future__ import annotations

from importlib import resources as _resources

from . import _core
from ._core import (
    Accelerator,
    CloudInstance,
    Airport,
    CloudRegion,
    Coefficient,
    Cpu,
    Emission,
    Error,
    Factor,
    FactorDatabase,
    FactorError,
    FactorLookupError,
    InputError,
    Inventory,
    InventoryResult,
    LlmModel,
    ServerArchetype,
    UnitError,
    convert,
    dimension_names,
    gwp,
    is_currency_code,
    unit_dimension,
    unit_symbols,
)

from .frame import FrameResult, calculate_frame, col, const
from . import display as _display  # noqa: F401  (attaches _repr_html_ to the result classes)
from . import plot  # noqa: F401  (imports matplotlib only when a plot is drawn)

__version__: str = _core.__version__

_core._set_default_factors(str(_resources.files(__name__) / "factors"))

__all__ = [
    "Accelerator",
    "CloudInstance",
    "Airport",
    "CloudRegion",
    "Coefficient",
    "Cpu",
    "Emission",
    "Error",
    "Factor",
    "FactorDatabase",
    "FactorError",
    "FactorLookupError",
    "FrameResult",
    "InputError",
    "Inventory",
    "InventoryResult",
    "LlmModel",
    "ServerArchetype",
    "UnitError",
    "__version__",
    "calculate_frame",
    "col",
    "const",
    "convert",
    "dimension_names",
    "gwp",
    "is_currency_code",
    "plot",
    "unit_dimension",
    "unit_symbols",
]
