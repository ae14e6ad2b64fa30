"""Every message of the investor's journey exists in zh and en with the same parameters,
and every key the code asks for is in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zoneatlas.matching.arrays import INTENSITY_KEYS
from zoneatlas.matching.constraints import HARD
from zoneatlas.messages import LANGUAGES, MESSAGES, Bi, placeholders, text
from zoneatlas.parcels import vocab
from zoneatlas.policies.benefits import KINDS
from zoneatlas.policies.rules import FIELDS, OPS
from zoneatlas.policies.vocab import ENTERPRISE_TYPES, FRAMEWORKS, LEVELS

pytestmark = pytest.mark.unit
SRC = Path(__file__).resolve().parents[2] / "src" / "zoneatlas"
#: Literal keys passed to the catalogue's functions anywhere in the package.
CALL = re.compile(r"\b(?:text|reason|label)\(\s*\"([a-z_]+\.[a-z_.=!<>]+)\"")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_parameters(key: str) -> None:
    templates = MESSAGES[key]
    assert set(templates) == set(LANGUAGES), f"{key} lacks a language"
    for language in LANGUAGES:
        assert templates[language].strip(), f"{key}.{language} is empty"
    names = placeholders(key)
    assert names["zh"] == names["en"], f"{key}: zh uses {names['zh']}, en {names['en']}"
    rendered = text(key, **{name: Bi("甲", "A") for name in names["zh"]})
    assert set(rendered) == set(LANGUAGES)


def test_chinese_templates_are_chinese() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    symbolic = {"unit.pct"}
    for key, templates in MESSAGES.items():
        if key not in symbolic:
            assert han.search(templates["zh"]), f"{key}.zh has no Chinese text"


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(CALL.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no keys"
    missing = sorted(used - set(MESSAGES))
    assert not missing, f"keys used but not in the catalogue: {missing}"


def test_every_computed_key_is_in_the_catalogue() -> None:
    computed = (
        [f"rule.op.{op}" for op in OPS]
        + [f"field.{name}" for name in FIELDS]
        + [f"enterprise.{key}" for key in ENTERPRISE_TYPES]
        + [f"policy.level.{key}" for key in LEVELS]
        + [f"policy.framework.{key}" for key in FRAMEWORKS]
        + [f"benefit.{kind}" for kind in KINDS]
        + [f"intensity.{key}" for key in INTENSITY_KEYS]
        + list(HARD.values())
        + [
            f"policy.status.{s}"
            for s in (
                "eligible",
                "not_eligible",
                "needs_info",
                "expired",
                "not_yet_effective",
                "active",
            )
        ]
        + [f"rule.{kind}" for kind in ("all", "any", "not")]
    )
    missing = sorted(set(computed) - set(MESSAGES))
    assert not missing, f"computed keys missing from the catalogue: {missing}"


def test_vocabulary_terms_have_both_languages() -> None:
    for terms in vocab.VOCABULARIES.values():
        for term in terms:
            assert term.zh and term.en
