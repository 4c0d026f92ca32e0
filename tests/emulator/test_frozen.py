"""Frozen records behave as frozen dataclasses do: built by field, compared and hashed by value, immutable."""

import copy
import dataclasses
import pickle
import re

import pytest

from emulator.frozen import FrozenRecord, frozen_record


@frozen_record
class Point(FrozenRecord):
    """A test record."""

    x: int
    y: int
    label: str = ""


@frozen_record
class Other(FrozenRecord):
    """Same fields as Point, another class."""

    x: int
    y: int
    label: str = ""


def test_positional_keyword_and_default_arguments():
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2, label="")
    assert Point(1, 2, "a").label == "a"
    assert repr(Point(1, 2, "a")) == "Point(x=1, y=2, label='a')"


@pytest.mark.parametrize("build, message", [
    (lambda: Point(1), "missing 1 required argument(s): 'y'"),
    (lambda: Point(1, 2, "a", 4), "takes 3 positional arguments but 4 were given"),
    (lambda: Point(1, 2, z=3), "unexpected keyword argument 'z'"),
    (lambda: Point(1, 2, x=3), "multiple values for argument 'x'"),
])
def test_wrong_arguments_raise_type_error(build, message):
    with pytest.raises(TypeError, match=re.escape(message)):
        build()


def test_equality_and_hash_are_by_value_and_class():
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != Other(1, 2)
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "a")) == hash((1, 2, "a"))
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2


def test_fields_cannot_be_assigned_or_deleted():
    p = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.new = 1  # type: ignore[attr-defined]
    assert p == Point(1, 2)


def test_dataclass_helpers_copy_and_pickle_work():
    p = Point(1, 2, "a")
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "label"]
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "label": "a"}
    assert dataclasses.replace(p, y=5) == Point(1, 5, "a")
    assert copy.copy(p) == copy.deepcopy(p) == pickle.loads(pickle.dumps(p)) == p
    assert Point.__match_args__ == ("x", "y", "label")


def test_a_record_filled_through_its_dict_is_the_same_record():
    p = object.__new__(Point)
    p.__dict__.update(x=1, y=2, label="")
    assert p == Point(1, 2) and hash(p) == hash(Point(1, 2)) and repr(p) == "Point(x=1, y=2, label='')"


def test_a_default_factory_is_refused():
    with pytest.raises(TypeError, match="default_factory"):
        @frozen_record
        class Bad(FrozenRecord):
            items: list = dataclasses.field(default_factory=list)
