"""Option values coerced without pydantic: the CLI's start-up cost (issue 9).

typer 0.29 coerces every value of a command's options through a pydantic ``TypeAdapter``.
Importing pydantic and building the adapters of one command takes about 50 ms, a quarter of a
one-claim ``factcheck verify``. The options of factcheck are text, whole numbers, paths, enums and
lists of those: for these, ``FastCommand`` gives each parameter a coercion that calls typer's own
helpers directly (``coerce_cli_choice``, ``coerce_cli_path``), as typer's adapters do inside
pydantic. A value they refuse (and any other annotation) goes through typer's own coercion,
so that every error message is typer's, word for word.

This relies on typer internals (``typer.core._TyperParameter`` and ``typer._coercion``).
When they are missing (another typer version), ``FastCommand`` behaves as ``TyperCommand``:
slower, never different. tests/test_startup.py compares both coercions on every option.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

#: One value coerced: (value, parameter, context) -> the value the command receives.
Leaf = Callable[[Any, Any, Any], Any]

try:  # typer's internals as of 0.29; absent elsewhere (then typer coerces as usual)
    from typer import _coercion, _param_types
    from typer.core import _TyperParameter

    _INTERNALS: bool = all(hasattr(obj, name) for obj, name in (
        (_coercion, "RuntimeParam"), (_coercion, "build_runtime_param"),
        (_param_types, "coerce_cli_choice"), (_param_types, "coerce_cli_path"),
        (_TyperParameter, "get_runtime_param")))
except ImportError:  # pragma: no cover - another typer version
    _INTERNALS = False


def _flag(value: Any, param: Any, ctx: Any) -> bool:
    if not isinstance(value, bool):
        # "yes", "0", ...: typer's own coercion reads them
        raise TypeError("not a bool")
    return value


def _text(value: Any, param: Any, ctx: Any) -> str:
    if not isinstance(value, str):
        # bytes or another type: typer's own coercion decides
        raise TypeError("not text")
    return value


def _whole(info: Any) -> Leaf:
    low, high = getattr(info, "min", None), getattr(info, "max", None)

    def coerce(value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError("not a whole number")
        if isinstance(value, str) and not (value.isascii() and value.isdigit()):
            raise TypeError("not digits")  # signs, spaces, "3.0": typer's coercion decides
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError("out of range")  # typer's coercion words the error
        return number

    return coerce


def _choice(kind: type[Enum], case_sensitive: bool) -> Leaf:
    choices = tuple(kind)

    def coerce(value: Any, param: Any, ctx: Any) -> Any:
        return _param_types.coerce_cli_choice(value, choices=choices,
                                              case_sensitive=case_sensitive, ctx=ctx)

    return coerce


def _path(info: Any) -> Leaf:
    def coerce(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str | Path):
            raise TypeError("not a path")
        # typer makes the Path through pydantic; a Path given is used as it is.
        return _param_types.coerce_cli_path(Path(value), info, path_type=Path, param=param,
                                            ctx=ctx)

    return coerce


def _leaf(annotation: Any, info: Any) -> Leaf | None:
    """The direct coercion of one annotation, or None: typer's own (through pydantic)."""
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int:
        return _whole(info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation, bool(info.case_sensitive))
    if annotation is Path and info.path_type is None:
        return _path(info)
    return None


if _INTERNALS:

    @dataclass(frozen=True)
    class _Direct(_coercion.RuntimeParam):
        """A parameter's coercion without pydantic; typer's own on any refusal."""

        descriptor: Any
        leaf: Leaf
        is_list: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if self.is_list:
                    items = value if isinstance(value, list | tuple) else [value]
                    return [self.leaf(item, param, ctx) for item in items]
                return self.leaf(value, param, ctx)
            except Exception:
                # Deliberately broad: whatever the direct path refuses, typer's own coercion
                # decides, so that its result and its error message are exactly typer's.
                typer_own = _coercion.build_runtime_param(self.descriptor)
                return typer_own._coerce_value(value, param=param, ctx=ctx)


def direct(param: Any) -> Any | None:
    """The direct coercion of a typer parameter, or None (typer's own applies)."""
    if not _INTERNALS or not isinstance(param, _TyperParameter):
        return None
    descriptor = param.type_descriptor
    annotation = descriptor.annotation
    is_list = False
    if descriptor.is_list:
        annotation = getattr(annotation, "__args__", (None,))[0]
        is_list = True
    elif descriptor.is_tuple or descriptor.is_file:
        return None
    leaf = _leaf(annotation, descriptor.parameter_info)
    if leaf is None:
        return None
    return _Direct(descriptor.parameter_info, descriptor.annotation, descriptor, leaf, is_list)


def prime(params: list[Any]) -> None:
    """Give each parameter not coerced yet its direct coercion, where there is one.

    typer builds a parameter's coercion the first time a value (even None) is processed,
    except a flag's ``True``/``False``.
    """
    for param in params:
        if getattr(param, "_runtime_param", False) is None:
            fast = direct(param)
            if fast is not None:
                param._runtime_param = fast


class FastCommand(TyperCommand):
    """A typer command whose option values are coerced without pydantic (see the module)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # a click Context
        """Prime the parameters' coercion, then parse as typer does."""
        prime(self.get_params(ctx))  # with the help option click adds
        rest: list[str] = super().parse_args(ctx, args)
        return rest


class FastGroup(TyperGroup):
    """The typer group of the commands, its own options coerced without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # a click Context
        """Prime the parameters' coercion, then parse as typer does."""
        prime(self.get_params(ctx))  # with the help option click adds
        rest: list[str] = super().parse_args(ctx, args)
        return rest
