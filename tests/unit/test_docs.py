"""Docs stay honest: every CLI command, setting and API route is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from zoneatlas.cli import app
from zoneatlas.settings import Settings

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def _commands(group: object, prefix: str = "zoneatlas") -> list[str]:
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(typer.main.get_command(app))
    assert "zoneatlas import parcels" in commands
    for command in commands:
        assert f"`{command}" in readme, f"{command} is not documented in README.md"


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`ZONEATLAS_{name.upper()}`" in text, name


def test_every_api_route_is_in_the_readme() -> None:
    from zoneatlas.app import create_app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = create_app(Settings(database_url="sqlite://")).openapi()
    for path, operations in schema["paths"].items():
        for method in operations:
            route = f"{method.upper()} {path}"
            assert f"`{route}" in readme, f"{route} is not documented in README.md"
