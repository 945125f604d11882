"""An option or argument given an empty value (`--since ""`, `--actor "$UNSET"`) is a usage error, exit 2,
like any other bad value: silently treating it as "no filter" would answer a different question than asked."""

from __future__ import annotations

from typing import Any

import typer
import typer.core


def _is_blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return any(isinstance(item, str) and not item.strip() for item in value)
    return False


class RefusingCommand(typer.core.TyperCommand):
    """A command that, after Click has parsed the command line, refuses blank values the user typed.

    Only values from the command line count: an empty environment variable is no value at all, as Click
    reads it. Completion parses resiliently and is left alone.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if ctx.resilient_parsing:
            return rest
        for param in self.get_params(ctx):
            source = ctx.get_parameter_source(param.name) if param.name else None
            if getattr(source, "name", None) == "COMMANDLINE" and _is_blank(ctx.params.get(param.name)):
                raise typer.BadParameter("empty value; give one, or leave the option out", ctx=ctx, param=param)
        return rest


class KaztimelineTyper(typer.Typer):
    """A Typer app whose commands refuse empty values (`RefusingCommand`)."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any):
        return super().command(*args, cls=cls or RefusingCommand, **kwargs)
