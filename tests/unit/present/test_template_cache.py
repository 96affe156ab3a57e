"""The templates' compiled code is shared by the editions and kept across imports."""

from __future__ import annotations

import shutil

import jinja2
import pytest

from helpers.core.paths import TEMPLATES_DIR
from helpers.present import render


@pytest.fixture
def compiled(monkeypatch, tmp_path):
    """Fresh environments on a copy of the templates, with a code cache in tmp_path; the
    list of template names Jinja compiled."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(render, "TEMPLATES_DIR", templates)
    monkeypatch.setattr(render, "_ENVS", {})
    cache = render.TemplateCodeCache(str(tmp_path / "cache"))
    monkeypatch.setattr(render, "template_code_cache", lambda: cache)
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_template_is_compiled_once_for_every_edition_and_every_import(compiled, monkeypatch):
    render.environment("en").get_template("section_footnotes.html.j2")
    assert compiled == ["section_footnotes.html.j2"]
    render.environment("es").get_template("section_footnotes.html.j2")
    render.environment("pt").get_template("section_footnotes.html.j2")
    assert compiled == ["section_footnotes.html.j2"]  # the other editions load its code
    monkeypatch.setattr(render, "_ENVS", {})  # as after a reused kernel's fresh import
    render.environment("es").get_template("section_footnotes.html.j2")
    assert compiled == ["section_footnotes.html.j2"]


def test_an_edited_template_is_compiled_again_and_its_new_words_printed(compiled, monkeypatch):
    env = render.environment("en")
    template = render.TEMPLATES_DIR / "probe.html.j2"
    template.write_text("Old words {{ n }}", encoding="utf-8")
    assert env.get_template("probe.html.j2").render(n=1) == "Old words 1"
    template.write_text("New words {{ n }}", encoding="utf-8")
    monkeypatch.setattr(render, "_ENVS", {})
    assert render.environment("es").get_template("probe.html.j2").render(n=2) == "New words 2"
    assert compiled.count("probe.html.j2") == 2


def test_a_cache_that_cannot_be_written_or_made_is_no_cache(monkeypatch, tmp_path, request):
    made_once = render.template_code_cache  # made once per process: made again after
    made_once.cache_clear()
    request.addfinalizer(made_once.cache_clear)
    gone = render.TemplateCodeCache(str(tmp_path / "removed"))  # its folder never made
    monkeypatch.setattr(render, "_ENVS", {})
    monkeypatch.setattr(render, "template_code_cache", lambda: gone)
    page = render.environment("en").from_string("{{ 1 + 1 }}").render()
    assert page == "2"
    assert render.environment("en").get_template("section_footnotes.html.j2") is not None

    def refused(*args, **kwargs):
        raise RuntimeError("The cache directory is not owned by the current user.")

    monkeypatch.setattr(render, "TemplateCodeCache", refused)
    monkeypatch.setattr(render, "template_code_cache", made_once)
    monkeypatch.setattr(render, "_ENVS", {})
    assert render.template_code_cache() is None
    assert render.environment("pt").get_template("section_footnotes.html.j2") is not None
