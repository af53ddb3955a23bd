"""ChangeSet: undo inverts it, a group merges its parts."""

import pytest

from app.model.changes import ChangeSet


def test_inverted_swaps_added_and_removed() -> None:
    change = ChangeSet(
        "b",
        cards_added=frozenset({"c1"}),
        cards_changed=frozenset({"c2"}),
        connectors_removed=frozenset({"x"}),
        lanes_changed=True,
    )
    undone = change.inverted()
    assert undone.cards_removed == {"c1"} and undone.cards_added == frozenset()
    assert undone.connectors_added == {"x"}
    assert undone.cards_changed == {"c2"} and undone.lanes_changed
    assert undone.inverted() == change


def test_merged_unites_and_drops_changes_of_added_or_removed_cards() -> None:
    first = ChangeSet("b", cards_added=frozenset({"c1"}), steps_changed=True)
    second = ChangeSet("b", cards_changed=frozenset({"c1", "c2"}), connectors_added=frozenset("x"))
    merged = first.merged(second)
    assert merged == ChangeSet(
        "b",
        cards_added=frozenset({"c1"}),
        cards_changed=frozenset({"c2"}),
        connectors_added=frozenset({"x"}),
        steps_changed=True,
    )
    assert merged.structure_changed and not merged.empty
    assert ChangeSet().merged(first) == first
    assert ChangeSet("b").empty


def test_one_change_set_is_about_one_blueprint() -> None:
    with pytest.raises(ValueError, match="one blueprint"):
        ChangeSet("a").merged(ChangeSet("b"))
