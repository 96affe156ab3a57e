"""What a build's processes pay for at start that none of their work needs.

jsonschema, which nbformat imports and so papermill, imports `rfc3987_syntax` whenever it
is installed (JupyterLab brings it: jupyter-events asks for jsonschema's non-GPL format
checkers), and that module compiles some 35 Lark grammars as it is imported: 2 to 3 s
(about half of papermill's import) in the fork server every build starts before its first
chapter, in the command that runs a single chapter, and in every test process that runs
one. Only jsonschema's "iri" and "iri-reference" formats use it, and no notebook schema
asks for them (python-jsonschema/jsonschema#1428).

`defer_iri_grammars` puts a stand-in in its place: the first IRI jsonschema checks imports
the real module, which answers that check and every later one, so what is valid does not
change, only when the grammars are compiled.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import types

IRI_MODULE = "rfc3987_syntax"


@functools.cache
def _real_module() -> types.ModuleType:
    """The real module, imported in the stand-in's place the first time it is needed."""
    if isinstance(sys.modules.get(IRI_MODULE), _StandIn):
        sys.modules.pop(IRI_MODULE, None)
    return importlib.import_module(IRI_MODULE)


class _StandIn(types.ModuleType):
    """`rfc3987_syntax` until its first use: every name is the real module's, imported then."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_module(), name)


def _is_valid_syntax(rule: str, value: str) -> bool:
    """The stand-in's `is_valid_syntax`: the real module's answer (imported at first use)."""
    return _real_module().is_valid_syntax(rule, value)


def defer_iri_grammars() -> bool:
    """Put the stand-in in `rfc3987_syntax`'s place, when it is installed and neither it
    nor jsonschema's format checkers were imported yet; whether it did."""
    if IRI_MODULE in sys.modules or "jsonschema._format" in sys.modules:
        return False
    try:
        if importlib.util.find_spec(IRI_MODULE) is None:
            return False
    except (ImportError, ValueError):  # a broken install: leave the import to fail as it would
        return False
    stand_in = _StandIn(IRI_MODULE, __doc__)
    stand_in.is_valid_syntax = _is_valid_syntax  # type: ignore[attr-defined]
    sys.modules[IRI_MODULE] = stand_in
    return True
