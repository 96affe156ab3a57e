"""Analysts' text per chapter and language: Markdown split into sections, placeholders
filled from figures.

`narratives/<lang>/COL.md` is one edition's text (`en`, `es`, `pt`); a flat
`narratives/COL.md` is English, as datasets were written before editions.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..core.errors import InputError
from ..core.geography import REGION, resolve_scope
from ..core.i18n import LANGUAGES, SOURCE_LANGUAGE, language
from .tables import display_name

SECTIONS = {
    "situation": "situation",
    "response": "response",
    "lessons learned": "lessons",
    "lessons": "lessons",
    # the headings of the Spanish and Portuguese editions
    "situación": "situation",
    "respuesta": "response",
    "lecciones aprendidas": "lessons",
    "situação": "situation",
    "resposta": "response",
    "lições aprendidas": "lessons",
}
PLACEHOLDERS = {
    "reached": "people reached in the scope",
    "reached_excluding_in_transit": "people reached, in-transit excluded",
    "in_destination": "people reached in destination",
    "in_transit": "people reached in transit",
    "host_community": "host-community members reached",
    "pendular": "pendular people reached",
    "colombian_returnees": "Colombian returnees reached",
    "target": "people targeted",
    "percent_of_target": "people reached as % of target",
    "reporting_partners": "reporting partners",
    "implementing_partners": "implementing partners",
    "refugee_migrant_led_partners": "refugee- and migrant-led implementing partners",
    "donors": "donors",
    "funding_usd": "budget received (USD)",
    "funding_as_of": "as-of date of the funding extract",
    "scope": "the chapter's scope name",
    "period": "the reporting period",
}
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def placeholders_in(text: str) -> list[str]:
    """Names of `{placeholders}` in a text; `{{` and `}}` are literal braces."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise ValueError(f"unbalanced braces ({exc})") from exc


def split_sections(text: str, file: str) -> dict[str, str]:
    """`## Situation`, `## Response`, `## Lessons learned` -> their text."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = _HEADING.match(line)
        if m:
            key = SECTIONS.get(" ".join(m.group(1).casefold().split()))
            if key is None:
                raise InputError(
                    f"unknown section heading '{m.group(1)}'",
                    file=file,
                    expected="## Situation, ## Response or ## Lessons learned (es, pt: their own)",
                )
            current = key
            sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


Sections = dict[str, str]


class Narratives(Mapping[str, Sections]):
    """The analysts' text of every chapter in every language: `narratives["es", "COL"]`
    (section -> Markdown); `narratives["COL"]` and `.get("COL")` are the active edition's
    (`core.i18n.edition`), so a chapter built inside an edition reads its own language.
    True when any language has any text."""

    def __init__(self, by_language: Mapping[str, Mapping[str, Sections]] | None = None) -> None:
        self.by_language: dict[str, dict[str, Sections]] = {
            lang: dict(texts) for lang, texts in (by_language or {}).items() if texts
        }

    def _texts(self, lang: str | None = None) -> dict[str, Sections]:
        return self.by_language.get(lang or language(), {})

    def __getitem__(self, key: str | tuple[str, str]) -> Sections:
        if isinstance(key, tuple):
            lang, scope = key
            return self.by_language.get(lang, {})[scope]
        return self._texts()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts())

    def __len__(self) -> int:
        return len(self._texts())

    def __bool__(self) -> bool:
        return bool(self.by_language)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Narratives):
            return self.by_language == other.by_language
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Narratives({self.by_language!r})"

    @property
    def languages(self) -> list[str]:
        """The languages with any text, in edition order."""
        return [lang for lang in LANGUAGES if lang in self.by_language]

    def has(self, lang: str, scope: str) -> bool:
        return scope in self.by_language.get(lang, {})

    def missing(self, scope: str, languages: tuple[str, ...] | list[str] = LANGUAGES) -> list[str]:
        """The editions among `languages` with no text for `scope` (what the page says)."""
        return [lang for lang in languages if not self.has(lang, scope)]

    def only(self, scope: str) -> Narratives:
        """The texts of one chapter, every language."""
        return Narratives(
            {
                lang: {s: t for s, t in texts.items() if s == scope}
                for lang, texts in self.by_language.items()
            }
        )

    def as_dict(self) -> dict[str, dict[str, Sections]]:
        """language -> scope -> section -> text (JSON, as the snapshot stores it)."""
        return {lang: dict(texts) for lang, texts in self.by_language.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, Sections]] | None) -> Narratives | None:
        return None if data is None else cls(data)


def _files(folder: Path, base: Path) -> list[tuple[str, Path]]:
    """(language, file) of the Markdown a narratives entry stands for: a folder's `*.md`
    (English) and those of its language folders; or one file (its folder's language)."""
    if not folder.is_dir():
        parent = folder.parent.name
        return [(parent if parent in LANGUAGES else SOURCE_LANGUAGE, folder)]
    out = [(SOURCE_LANGUAGE, f) for f in sorted(folder.glob("*.md"))]
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if sub.name not in LANGUAGES:
            raise InputError(
                f"narratives folder '{sub.name}' is not a language",
                file=display_name(sub, base),
                expected="one folder per language: " + ", ".join(LANGUAGES),
            )
        out.extend((sub.name, f) for f in sorted(sub.glob("*.md")))
    return out


def load_narratives(paths: list[Path], base: Path) -> Narratives:
    """language -> scope -> section -> Markdown text, with every placeholder checked
    against the list."""
    out: dict[str, dict[str, Sections]] = {}
    where: dict[tuple[str, str], str] = {}
    root = Path(base).resolve()
    for folder in paths:
        for lang, f in _files(folder, base):
            name = display_name(f, base)
            real = f.resolve()
            if real != root and root not in real.parents:
                raise InputError(
                    "narrative file leads outside the dataset folder (a symlink?)",
                    file=f"{Path(folder).name}/{f.name}" if folder.is_dir() else f.name,
                    expected="a Markdown file inside the dataset folder",
                )
            if not real.is_file():
                continue
            scope = REGION if f.stem.casefold() in {"region", "regional"} else resolve_scope(f.stem)
            if scope is None:
                raise InputError(
                    f"narrative file name '{f.stem}' is not a chapter scope",
                    file=name,
                    expected="region.md, a platform id or an ISO3 code",
                )
            try:
                text = f.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError("narrative is not UTF-8 text", file=name) from exc
            sections = split_sections(text, name)
            for section, body in sections.items():
                for line in body.splitlines():
                    try:
                        names = placeholders_in(line)
                    except ValueError as exc:
                        raise InputError(str(exc), file=name, column=section) from exc
                    for placeholder in names:
                        if placeholder not in PLACEHOLDERS:
                            raise InputError(
                                f"unknown placeholder '{{{placeholder}}}' in section '{section}'",
                                file=name,
                                expected="one of " + ", ".join(sorted(PLACEHOLDERS)),
                            )
            if (lang, scope) in where:
                raise InputError(
                    f"two {lang} narratives for chapter '{scope}': {where[lang, scope]} and {name}",
                    file=name,
                    expected="one file per chapter and language",
                )
            where[lang, scope] = name
            out.setdefault(lang, {})[scope] = sections
    return Narratives(out)
