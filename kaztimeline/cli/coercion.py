"""Option values without pydantic: Typer 0.29 and later coerce every option through a pydantic TypeAdapter.

Building those adapters imports pydantic and generates a schema per option on every run: about 70 ms, more than
`list` spends on the bundled data. Our options use five simple types (str, bool, int, Enum, list of those), whose
coercion on valid input is a line each, so `KaztimelineTyper` gives each such option a coercer that handles
valid input itself and hands anything else (a bad value, a type we do not know) to Typer's own coercion, so
error messages stay Typer's. `tests/test_cli_coercion.py` checks every option of every command against
Typer's coercion. Typer before 0.29 coerces through Click, which is already cheap: there this is a no-op.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

import typer
import typer.core

from .empty import RefusesEmptyValues

try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - Typer < 0.29
    RuntimeParam = None

_INTEGER = re.compile(r"-?[0-9]+")
_NOT_HANDLED = object()


def _leaf_coercer(annotation: Any, parameter_info: Any):
    """A function from a raw value to the coerced value or `_NOT_HANDLED`; None when we do not know the type."""
    if parameter_info.parser is not None or getattr(parameter_info, "click_type", None) is not None:
        return None
    if annotation is str:
        return lambda value, ctx: value if isinstance(value, str) else _NOT_HANDLED
    if annotation is bool:
        return lambda value, ctx: value if isinstance(value, bool) else _NOT_HANDLED
    if annotation is int:
        if parameter_info.clamp:
            return None
        low, high = parameter_info.min, parameter_info.max

        def to_int(value, ctx):
            if isinstance(value, str) and _INTEGER.fullmatch(value):
                value = int(value)
            elif type(value) is not int:
                return _NOT_HANDLED
            if (low is not None and value < low) or (high is not None and value > high):
                return _NOT_HANDLED
            return value

        return to_int
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        exact = parameter_info.case_sensitive
        by_text = {str(member.value) if exact else str(member.value).casefold(): member for member in annotation}

        def to_member(value, ctx):
            if isinstance(value, annotation):
                return value
            if isinstance(value, str) and ctx.token_normalize_func is None:
                return by_text.get(value if exact else value.casefold(), _NOT_HANDLED)
            return _NOT_HANDLED

        return to_member
    return None


def _coercer(annotation: Any, parameter_info: Any):
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        leaf = _leaf_coercer(item_type, parameter_info)
        if leaf is None:
            return None

        def to_list(value, ctx):
            if not isinstance(value, (list, tuple)):
                return _NOT_HANDLED
            items = [leaf(item, ctx) for item in value]
            return _NOT_HANDLED if any(item is _NOT_HANDLED for item in items) else items

        return to_list
    return _leaf_coercer(annotation, parameter_info)


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _LightRuntimeParam(RuntimeParam):
        coerce_valid: Any

        def _coerce_value(self, value, param, ctx):
            result = self.coerce_valid(value, ctx)
            if result is _NOT_HANDLED:
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)
            return result


def install_light_coercion(params) -> None:
    """Give each option of a known type a coercer that does not import pydantic."""
    if RuntimeParam is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        if descriptor.file_annotation is not None:
            continue
        coerce_valid = _coercer(descriptor.annotation, descriptor.parameter_info)
        if coerce_valid is not None:
            param._runtime_param = _LightRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, coerce_valid=coerce_valid)


class _LightParams:
    """Typer appends its completion options after __init__ and the help option per context, so coercers go
    in when the parser asks for the parameters."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        install_light_coercion(params)
        return params


class LightCommand(RefusesEmptyValues, _LightParams, typer.core.TyperCommand):
    pass


class LightGroup(_LightParams, typer.core.TyperGroup):
    pass


class KaztimelineTyper(typer.Typer):
    """A Typer app whose commands coerce option values with `install_light_coercion`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=LightGroup, **kwargs)

    def command(self, *args: Any, cls: Any = None, **kwargs: Any):
        return super().command(*args, cls=cls or LightCommand, **kwargs)
