"""Our light option coercion gives exactly what Typer's own (pydantic) coercion gives, for every option.

`kaztimeline.cli.coercion` handles valid values of simple types itself and hands everything else to Typer.
These tests build every command, take each option's installed coercer and compare it with the coercer Typer
would build, over valid and invalid values: same value and type, or the same error message.
"""

from __future__ import annotations

from enum import Enum
from typing import get_args, get_origin

import pytest
import typer.main

from kaztimeline.cli import app, coercion

pytestmark = pytest.mark.skipif(coercion.RuntimeParam is None, reason="this Typer coerces through Click")

STRINGS = ["Russia", "", "Tokaïev", " padded ", "--", "2025Q2"]
INTEGERS = ["0", "5", "007", "-1", "-0", "+3", " 3", "3 ", "1.5", "1e3", "abc", "", "१२", "99999999999999999999",
            7, True]


def _samples(annotation):
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        leaves = _samples(item)
        return [(), tuple(leaves[:2]), list(leaves[:1]), tuple(leaves), "not-a-list"]
    if annotation is str:
        return STRINGS + [5, b"bytes"]
    if annotation is int:
        return INTEGERS
    if annotation is bool:
        return [True, False, "true", "no", ""]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = list(annotation)
        return members + [str(m.value) for m in members] + [str(members[0].value).upper(), "nope", ""]
    raise AssertionError(f"no samples for {annotation!r}: add some, or the option is not light-coerced")


def _light_options():
    group = typer.main.get_command(app)
    commands = [("", group), *group.commands.items()]
    for name, command in commands:
        ctx = command.context_class(command, info_name=name or "kaztimeline")
        for param in command.get_params(ctx):
            runtime = getattr(param, "_runtime_param", None)
            if isinstance(runtime, coercion._LightRuntimeParam):
                yield pytest.param(ctx, param, runtime, id=f"{name or 'app'}:{param.name}")


OPTIONS = list(_light_options())


def _outcome(runtime, param, ctx, value):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # noqa: BLE001 - the comparison is the point
        return ("error", type(exc).__name__, str(exc))
    return ("value", type(result), result)


def test_every_option_of_a_simple_type_gets_a_light_coercer():
    names = {p.id for p in OPTIONS}
    # the options `list` needs on every run, and the help option every command has
    for option in ("list:actor", "list:theme", "list:since", "list:fmt", "list:sort", "list:limit",
                   "list:claim_type", "list:help", "app:version", "app:install_completion"):
        assert option in names
    assert len(OPTIONS) >= 60


@pytest.mark.parametrize("ctx, param, runtime", OPTIONS)
def test_light_coercion_equals_typers_own(ctx, param, runtime):
    own = coercion.build_runtime_param(param.type_descriptor)
    assert not isinstance(own, coercion._LightRuntimeParam)
    for value in [None, *_samples(param.type_descriptor.annotation)]:
        assert _outcome(runtime, param, ctx, value) == _outcome(own, param, ctx, value), value


def test_the_comparison_notices_a_wrong_coercer():
    """Guards the guard: a coercer that reads a decimal as an integer differs from Typer's."""
    (ctx, param, runtime) = next(p.values for p in OPTIONS if p.id == "list:limit")
    wrong = coercion._LightRuntimeParam(parameter_info=runtime.parameter_info, annotation=int,
                                        coerce_valid=lambda value, ctx: int(float(value)))
    own = coercion.build_runtime_param(param.type_descriptor)
    assert _outcome(wrong, param, ctx, "1.5") != _outcome(own, param, ctx, "1.5")


def test_a_bad_value_still_gets_typers_message(invoke):
    result = invoke("list", "--limit", "-3")
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.stderr
    result = invoke("list", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr
