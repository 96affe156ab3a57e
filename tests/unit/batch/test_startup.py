"""papermill's import without the IRI grammars (`batch.startup`): jsonschema answers the
same for IRIs, and the grammars are compiled only when an IRI is checked."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers.batch import startup

# Worked by hand from RFC 3987: an IRI may hold non-ASCII letters but no space, and a
# reference may be a bare fragment.
IRI_CASES = [
    ("https://example.org/caf\u00e9", "iri", True),
    ("not an iri", "iri", False),
    ("#resumen", "iri-reference", True),
    ("/a b", "iri-reference", False),
]


def _fresh(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_papermill_is_imported_without_the_grammars_and_iris_are_checked_as_before():
    pytest.importorskip(startup.IRI_MODULE, reason="jsonschema has no IRI checker to defer")
    seen = _fresh(
        "import json, sys, helpers.batch, papermill, jsonschema\n"
        "before = 'lark' in sys.modules\n"
        "check = jsonschema.FormatChecker()\n"
        f"answers = [check.conforms(v, f) for v, f, _ in {IRI_CASES!r}]\n"
        "print(json.dumps({'lark_before': before, 'answers': answers,"
        " 'real_after': type(sys.modules['rfc3987_syntax']).__name__ == 'module'}))"
    )
    assert seen == {
        "lark_before": False,
        "answers": [ok for _, _, ok in IRI_CASES],
        "real_after": True,
    }


def test_the_stand_in_gives_every_other_name_of_the_real_module():
    pytest.importorskip(startup.IRI_MODULE, reason="no module to stand in for")
    seen = _fresh(
        "import json, sys, helpers.batch, rfc3987_syntax\n"
        "print(json.dumps({'stand_in': type(rfc3987_syntax).__name__,"
        " 'iri_rule': rfc3987_syntax.is_valid_syntax_iri('https://example.org/'),"
        " 'real_now': type(sys.modules['rfc3987_syntax']).__name__}))"
    )
    assert seen == {"stand_in": "_StandIn", "iri_rule": True, "real_now": "module"}


def test_nothing_stands_in_when_the_module_is_absent_or_jsonschema_came_first(monkeypatch):
    monkeypatch.delitem(sys.modules, startup.IRI_MODULE, raising=False)
    monkeypatch.delitem(sys.modules, "jsonschema._format", raising=False)
    monkeypatch.setattr(startup.importlib.util, "find_spec", lambda name: None)
    assert startup.defer_iri_grammars() is False
    assert startup.IRI_MODULE not in sys.modules

    monkeypatch.setattr(startup.importlib.util, "find_spec", lambda name: object())
    monkeypatch.setitem(sys.modules, "jsonschema._format", object())
    assert startup.defer_iri_grammars() is False
    assert startup.IRI_MODULE not in sys.modules
