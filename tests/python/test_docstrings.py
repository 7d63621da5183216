"""Every public callable and class of the Python package has a docstring with an example, and every
example in the docstrings of the public names (and of their methods and properties) is true.

The examples run with doctest (ELLIPSIS, NORMALIZE_WHITESPACE) from the repository root, in the namespace
of the module that exports the name, plus the names the docstrings share (docs/python.md, "Examples in the
docstrings"): `ghgkit`, `db` (the shipped database), `digital`, `grid`, `reports`, `pipeline`, `plot`,
`json`, and the example inventory `inventory` (examples/lyon/inventory.yaml) with its `result`, computed
once for the whole module.
"""
from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import io
import json
from types import ModuleType
from typing import Any, Iterator

import pytest

import ghgkit
from conftest import REPO

# The public modules and how they export: each lists its public names in __all__.
PUBLIC_MODULES = ("ghgkit", "ghgkit.digital", "ghgkit.grid", "ghgkit.reports", "ghgkit.pipeline", "ghgkit.frame",
                  "ghgkit.plot")
# Modules whose examples need an optional dependency, and which.
NEEDS = {"ghgkit.plot": ("matplotlib",), "ghgkit.frame": ("pandas", "pyarrow", "polars")}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def public_objects() -> Iterator[tuple[str, ModuleType, Any]]:
    """(qualified name, exporting module, object) of every public callable and class, each object once
    (ghgkit re-exports ghgkit.frame's names: they are checked as ghgkit.<name>)."""
    seen: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or id(obj) in seen:
                continue  # constants (FORMATS, __version__) and submodules (ghgkit.plot is listed itself)
            seen.add(id(obj))
            yield f"{module_name}.{name}", module, obj


PUBLIC = list(public_objects())


def member_docstrings(qualified: str, obj: Any) -> Iterator[tuple[str, str]]:
    """(name, docstring) of the object and of its public methods and properties that have examples."""
    yield qualified, inspect.getdoc(obj) or ""
    if not isinstance(obj, type):
        return
    for name, member in vars(obj).items():
        if name.startswith("_"):
            continue
        if isinstance(member, (staticmethod, classmethod)):
            member = member.__func__  # the wrapper does not carry the docstring
        doc = getattr(member, "__doc__", None) or ""
        if ">>>" in doc:
            yield f"{qualified}.{name}", inspect.cleandoc(doc)


def missing_dependency(module_name: str) -> str | None:
    """An optional dependency that the examples of `module_name` need and that is not installed."""
    return next((m for m in NEEDS.get(module_name, ()) if importlib.util.find_spec(m) is None), None)


@pytest.mark.parametrize("qualified, obj", [(q, o) for q, _, o in PUBLIC], ids=[q for q, _, _ in PUBLIC])
def test_public_name_has_a_docstring_with_an_example(qualified: str, obj: Any) -> None:
    doc = obj.__doc__ or ""  # its own docstring: inspect.getdoc would fall back to a base class's
    assert ">>>" in doc, f"{qualified}: its docstring has no example (a line starting with >>>)"


MODULES = [importlib.import_module(name) for name in PUBLIC_MODULES]


@pytest.mark.parametrize("module", MODULES, ids=PUBLIC_MODULES)
def test_module_docstring_examples_are_true(module: ModuleType, shared: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    missing = missing_dependency(module.__name__)
    if missing is not None:
        pytest.skip(f"{missing} is not installed: the examples of {module.__name__} need it")
    run_examples([(module.__name__, inspect.getdoc(module) or "")], module, shared, monkeypatch)


def test_public_names_are_found() -> None:
    names = {q for q, _, _ in PUBLIC}
    for expected in ("ghgkit.FactorDatabase", "ghgkit.Error", "ghgkit.digital.cloud_usage", "ghgkit.grid.parse_time",
                     "ghgkit.reports.render", "ghgkit.pipeline.check", "ghgkit.calculate_frame", "ghgkit.plot.hourly"):
        assert expected in names


@pytest.fixture(scope="module")
def shared(db: ghgkit.FactorDatabase) -> dict[str, Any]:
    import ghgkit.digital
    import ghgkit.grid
    import ghgkit.pipeline
    import ghgkit.reports

    inventory = ghgkit.Inventory.load(REPO / "examples" / "lyon" / "inventory.yaml")
    return {"ghgkit": ghgkit, "db": db, "digital": ghgkit.digital, "grid": ghgkit.grid, "reports": ghgkit.reports,
            "pipeline": ghgkit.pipeline, "plot": ghgkit.plot, "json": json, "inventory": inventory,
            "result": inventory.compute(db)}


@pytest.mark.parametrize("qualified, module, obj", PUBLIC, ids=[q for q, _, _ in PUBLIC])
def test_docstring_examples_are_true(qualified: str, module: ModuleType, obj: Any, shared: dict[str, Any],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    missing = missing_dependency(getattr(obj, "__module__", ""))
    if missing is not None:
        pytest.skip(f"{missing} is not installed: the examples of {qualified} need it")
    run_examples(list(member_docstrings(qualified, obj)), module, shared, monkeypatch)


def run_examples(docstrings: list[tuple[str, str]], module: ModuleType, shared: dict[str, Any],
                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the examples of each (name, docstring) in the namespace of `module` plus `shared`; fail naming
    every failing example."""
    plotting = module.__name__ == "ghgkit.plot"
    if plotting:
        import matplotlib

        matplotlib.use("Agg")  # no display: draw into memory
    monkeypatch.chdir(REPO)  # the examples name files of the repository (examples/...) from its root
    parser = doctest.DocTestParser()
    failures = []
    try:
        for name, doc in docstrings:
            globs = {**vars(module), **shared}
            test = parser.get_doctest(doc, globs, name, None, 0)
            out = io.StringIO()
            runner = doctest.DocTestRunner(optionflags=FLAGS, verbose=False)
            runner.run(test, out=out.write)
            if runner.failures:
                failures.append(f"{name}:\n{out.getvalue()}")
    finally:
        if plotting:
            import matplotlib.pyplot as plt

            plt.close("all")
    assert not failures, "failing docstring examples:\n" + "\n".join(failures)
