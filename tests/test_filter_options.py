"""Filters are declared once, in `Criteria`: every command that reads events offers each of them."""

from __future__ import annotations

import dataclasses

import pytest
import typer.main

from kaztimeline.cli import app
from kaztimeline.query.criteria import Criteria

READING_COMMANDS = ["list", "export", "timeline", "stats", "actors", "themes", "sources"]


@pytest.mark.parametrize("name", READING_COMMANDS)
def test_every_reading_command_offers_every_filter(name):
    command = typer.main.get_command(app).commands[name]
    offered = {flag for param in command.params for flag in param.opts}
    for spec in dataclasses.fields(Criteria):
        assert set(spec.metadata["flags"]) <= offered, (name, spec.name)


def test_show_takes_no_filter():
    command = typer.main.get_command(app).commands["show"]
    assert "--actor" not in {flag for param in command.params for flag in param.opts}


def test_describe_names_each_filter_by_its_option():
    criteria = Criteria(actors=("Russia", "CSTO"), period="2022", claim_types=("reported",))
    assert criteria.describe() == [("actor", "Russia"), ("actor", "CSTO"), ("period", "2022"),
                                   ("claim-type", "reported")]
