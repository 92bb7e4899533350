"""Frozen dataclasses built faster: one store of all fields instead of one per field."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

_T = TypeVar("_T")


def stored_at_once(cls: type[_T]) -> type[_T]:
    """``cls``, a frozen dataclass, with an ``__init__`` that stores all its fields at once.

    A frozen dataclass's own ``__init__`` stores each field with its own
    ``object.__setattr__``; the objects a run builds by the thousand (claims, specs, bars,
    outcomes, results) are built in about half the time by storing the whole ``__dict__`` in
    one call. The parameters, their order and defaults are the dataclass's (a default factory
    is called when its argument is left out); fields, equality, ordering, hashing, ``repr``,
    ``replace`` and pickling are untouched (tests/test_claims_model_init.py holds every class
    that uses it to the generated one). The source is generated, as ``dataclasses``
    generates its own.

    A class made with ``slots=True`` (the claims model: a run can hold a million claims) has
    no ``__dict__``: each field is stored through its slot's descriptor instead, still one
    call per field without the frozen check, and the object takes a quarter of the memory.
    """
    slotted = "__slots__" in vars(cls)  # dataclass(slots=True) sets it on the class it makes
    namespace: dict[str, Any] = {"_store": object.__setattr__, "_MISSING": MISSING}
    params: list[str] = []
    items: list[str] = []
    for f in fields(cls):  # type: ignore[arg-type]
        if not f.init or f.kw_only:  # pragma: no cover - no class here has such fields
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields are stored at once")
        value = f.name
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
        else:
            params.append(f.name)
        if slotted:
            namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
            items.append(f"    _set_{f.name}(self, {value})\n")
        else:
            items.append(f"{f.name!r}: {value}")
    body = ("".join(items) or "    pass\n") if slotted else (
        f"    _store(self, '__dict__', {{{', '.join(items)}}})\n")
    source = f"def __init__(self, {', '.join(params)}):\n{body}"
    exec(source, namespace)  # the source holds only the field names above
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    setattr(cls, "__init__", init)  # noqa: B010 - mypy refuses assigning to a method
    return cls
