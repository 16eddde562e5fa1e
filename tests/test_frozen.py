"""``@frozen`` behaves as ``@dataclass(frozen=True, slots=True)`` does: each test builds the same
class with both and compares what they do."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, InitVar, dataclass, field
from typing import Any, ClassVar

import pytest

from wallet_app.frozen import COMPILE_AFTER, frozen


def both(make: Any) -> tuple[Any, Any]:
    """The class ``make(decorator)`` builds, with the standard decorator and with ours."""
    return make(dataclass(frozen=True, slots=True)), make(frozen)


def rich_record(decorate: Any) -> Any:
    @decorate
    class Record:
        """A record with every kind of field the wallet uses."""

        kind: ClassVar[str] = "record"
        name: str
        count: int = 0
        tags: list[str] = field(default_factory=list)
        secret: str = field(default="", repr=False)
        note: str = field(default="", compare=False)
        cached: int = field(default=0, compare=False, hash=False)

    return Record


def test_construction_defaults_and_factories_match() -> None:
    std, ours = both(rich_record)
    for args, kwargs in [(("a",), {}), (("a", 2, ["x"], "s", "n", 3), {}), ((), {"name": "b"})]:
        left, right = std(*args, **kwargs), ours(*args, **kwargs)
        assert dataclasses.asdict(left) == dataclasses.asdict(right)
        assert repr(left).replace("Record", "") == repr(right).replace("Record", "")
    assert ours("a").tags is not ours("a").tags  # a new list per instance
    assert ours.__match_args__ == std.__match_args__
    assert ours.__slots__ == std.__slots__
    assert ours.kind == "record"
    with pytest.raises(TypeError):
        ours()  # the required field is missing
    with pytest.raises(TypeError):
        ours("a", unknown=1)


def _outcome(cls: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
    """What constructing gives: the fields as a dict, or the TypeError's message without the
    class's name."""
    try:
        return dataclasses.asdict(cls(*args, **kwargs))
    except TypeError as exc:
        return str(exc).split(".__init__()", 1)[-1]


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a",), {}),
    (("a", 2, ["x"], "s", "n", 3), {}),
    ((), {"name": "b", "cached": 4}),
    (("a",), {"tags": ["t"], "note": "n"}),
    ((), {}),  # missing name
    (("a", 1, [], "s", "n", 3, "extra"), {}),  # too many
    (("a",), {"unknown": 1}),
    (("a",), {"name": "b"}),  # twice
]


def test_the_first_constructions_bind_as_the_compiled_init_does() -> None:
    """Before and after the switch to the compiled ``__init__`` (at COMPILE_AFTER calls), the
    same arguments give the same record or the same TypeError."""
    std, ours = both(rich_record)
    binding = ours.__init__
    before = [_outcome(ours, args, kwargs) for args, kwargs in CALLS]
    while ours.__init__ is binding:
        ours("fill")
    after = [_outcome(ours, args, kwargs) for args, kwargs in CALLS]
    assert before == after
    assert after[:4] == [_outcome(std, args, kwargs) for args, kwargs in CALLS[:4]]
    assert all(isinstance(outcome, str) for outcome in before[4:])
    assert before[4] == " missing 1 required positional argument: 'name'"
    assert before[6] == " got an unexpected keyword argument 'unknown'"
    assert before[7] == " got multiple values for argument 'name'"
    assert ours("a").tags is not ours("a").tags
    assert COMPILE_AFTER > 1

    @frozen
    class Pair:
        a: int
        b: int

    wrong = [((1, 2, 3), {}), ((), {}), ((1,), {})]
    early = [_outcome(Pair, args, kwargs) for args, kwargs in wrong]
    binding = Pair.__init__
    for _ in range(COMPILE_AFTER):
        Pair(1, 2)
    assert Pair.__init__ is not binding
    assert early == [_outcome(Pair, args, kwargs) for args, kwargs in wrong]
    assert early[0] == " takes 3 positional arguments but 4 were given"
    assert early[2] == " missing 1 required positional argument: 'b'"


def test_equality_and_hash_follow_the_field_options() -> None:
    std, ours = both(rich_record)
    for cls in (std, ours):
        a, b = cls("a", 1, note="x", cached=1), cls("a", 1, note="y", cached=2)
        assert a == b  # note and cached are not compared
        assert a != cls("a", 2)
        assert a != ("a", 1)
        assert cls("a") == cls("a")
    hashable_std, hashable = both(
        lambda decorate: decorate(
            type(
                "Key",
                (),
                {
                    "__annotations__": {"a": "int", "b": "str", "c": "int"},
                    "c": field(default=0, hash=False),
                },
            )
        )
    )
    assert hash(hashable(1, "x", 5)) == hash(hashable(1, "x", 6))
    assert {hashable(1, "x"): "found"}[hashable(1, "x")] == "found"
    assert hash(hashable_std(1, "x", 5)) == hash(hashable_std(1, "x", 6))


def test_assignment_and_deletion_raise() -> None:
    _, ours = both(rich_record)
    value = ours("a")
    with pytest.raises(FrozenInstanceError):
        value.name = "b"
    with pytest.raises(FrozenInstanceError):
        del value.name
    with pytest.raises(AttributeError):
        value.other = 1


def test_replace_copy_and_pickle() -> None:
    _, ours = both(rich_record)
    value = ours("a", 2, ["t"], "s")
    changed = dataclasses.replace(value, count=3)
    assert (changed.name, changed.count, changed.tags) == ("a", 3, ["t"])
    assert copy.copy(value) == value
    assert copy.deepcopy(value) == value and copy.deepcopy(value).tags is not value.tags
    assert [f.name for f in dataclasses.fields(value)] == [
        "name",
        "count",
        "tags",
        "secret",
        "note",
        "cached",
    ]


@frozen
class Pickled:
    """Module level, so pickle finds it."""

    a: int
    b: tuple[str, ...] = ()


def test_pickle_round_trip() -> None:
    value = Pickled(1, ("x",))
    assert pickle.loads(pickle.dumps(value)) == value


def test_own_methods_are_kept() -> None:
    @frozen
    class Shown:
        a: int

        def __repr__(self) -> str:
            return "hidden"

    @frozen
    class Same:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    assert repr(Shown(1)) == "hidden"
    assert Same(1) == Same(2)
    assert hash(Same(1)) == hash(Same(1))  # a hash is added, as dataclasses add one


def test_what_is_not_supported_says_so() -> None:
    with pytest.raises(TypeError, match="__post_init__"):

        @frozen
        class Posted:
            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="InitVar"):

        @frozen
        class WithInitVar:
            a: int
            b: InitVar[int]

    with pytest.raises(TypeError, match="kw_only"):

        @frozen
        class KeywordOnly:
            a: int = field(kw_only=True)


def test_fields_checks_and_inheritance_match() -> None:
    """What the class made without dataclasses.dataclass shares with the standard one: the
    fields (ClassVars left out), is_dataclass, __match_args__, the checks at decoration,
    and subclasses (ours of ours, the standard decorator's of ours)."""
    std, ours = both(rich_record)
    assert dataclasses.is_dataclass(ours) and dataclasses.is_dataclass(ours("a"))
    assert [
        (f.name, f.type, f.default, f.init, f.repr, f.hash, f.compare)
        for f in dataclasses.fields(ours)
    ] == [
        (f.name, f.type, f.default, f.init, f.repr, f.hash, f.compare)
        for f in dataclasses.fields(std)
    ]
    for decorate in (dataclass(frozen=True, slots=True), frozen):
        with pytest.raises(ValueError, match="mutable default"):

            @decorate
            class Mutable:
                a: list[int] = []  # noqa: RUF012

        with pytest.raises(TypeError, match="non-default argument 'b' follows default"):

            @decorate
            class Order:
                a: int = 0
                b: int

    def child(decorate: Any, base: Any) -> Any:
        @decorate
        class Child(base):  # type: ignore[misc, valid-type]
            extra: int = 7

            def describe(self) -> str:
                return f"{self.name}/{self.extra}"

        return Child

    for base in (std, ours):
        made_std, made_ours = child(dataclass(frozen=True, slots=True), base), child(frozen, base)
        for made in (made_std, made_ours):
            value = made("n", 2, extra=3)
            assert [f.name for f in dataclasses.fields(made)][-1] == "extra"
            assert (value.name, value.count, value.extra, value.describe()) == ("n", 2, 3, "n/3")
            assert made.__match_args__ == (*std.__match_args__, "extra")
            assert dataclasses.replace(value, extra=4).extra == 4
            with pytest.raises(FrozenInstanceError):
                value.extra = 5
            assert not hasattr(value, "__dict__")
