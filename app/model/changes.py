"""What one edit (or its undo) changed, named by UUID, so views re-lay out only that."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ChangeSet:
    """The items of one blueprint an edit added, removed or changed.

    ``*_changed`` ids are items that stay but look different (text, fields, cell, position,
    kind, label). The structure flags say the lanes, steps or stages of the blueprint changed
    (added, removed, moved, renamed, resized, regrouped): the grid is re-laid out.
    ``blueprints_changed`` says the project's list of blueprints changed (added, removed,
    renamed); ``blueprint_id`` then names the blueprint added, removed or renamed.
    The method flags say pain points, emotions or key moments (``moments_changed``),
    opportunities or comments changed; overlays, badges and the method's docks follow them.
    ``catalogue_changed`` says the systems catalogue (systems, their owners and data items)
    changed; ``ecosystem_changed`` says the ecosystem map's saved node positions changed.
    An edit of project-wide items (opportunities, the catalogue) has no ``blueprint_id``;
    a catalogue edit then names in ``cards_changed`` the cards of every blueprint whose
    system hint it changes, and each canvas re-lays out those it shows.
    Connectors that only follow a changed card are not listed: the layout re-routes every
    connector of a changed card anyway.
    """

    blueprint_id: str | None = None
    cards_added: frozenset[str] = NOTHING
    cards_removed: frozenset[str] = NOTHING
    cards_changed: frozenset[str] = NOTHING
    connectors_added: frozenset[str] = NOTHING
    connectors_removed: frozenset[str] = NOTHING
    connectors_changed: frozenset[str] = NOTHING
    lanes_changed: bool = False
    steps_changed: bool = False
    stages_changed: bool = False
    blueprints_changed: bool = False
    pain_points_changed: bool = False
    moments_changed: bool = False
    opportunities_changed: bool = False
    comments_changed: bool = False
    catalogue_changed: bool = False
    ecosystem_changed: bool = False

    @property
    def structure_changed(self) -> bool:
        """The grid itself (lanes, steps or stages) changed, not only cards in it."""
        return self.lanes_changed or self.steps_changed or self.stages_changed

    @property
    def method_changed(self) -> bool:
        """Something of the method (pain points, emotions, key moments, opportunities,
        comments) changed: what draws or lists it is refreshed."""
        return (
            self.pain_points_changed
            or self.moments_changed
            or self.opportunities_changed
            or self.comments_changed
        )

    @property
    def empty(self) -> bool:
        return self == ChangeSet(self.blueprint_id)

    def inverted(self) -> ChangeSet:
        """The same change undone: what was added is removed and the other way round."""
        return replace(
            self,
            cards_added=self.cards_removed,
            cards_removed=self.cards_added,
            connectors_added=self.connectors_removed,
            connectors_removed=self.connectors_added,
        )

    def merged(self, other: ChangeSet) -> ChangeSet:
        """Both changes, as one (several commands pushed as one undo step)."""
        if None not in (self.blueprint_id, other.blueprint_id) and (
            self.blueprint_id != other.blueprint_id
        ):
            raise ValueError("one undo step changes one blueprint at most")
        values: dict[str, object] = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if item.name == "blueprint_id":
                values[item.name] = mine if mine is not None else theirs
            else:
                values[item.name] = mine | theirs
        merged = ChangeSet(**values)  # type: ignore[arg-type]
        return replace(
            merged,
            cards_changed=merged.cards_changed - merged.cards_added - merged.cards_removed,
            connectors_changed=(
                merged.connectors_changed - merged.connectors_added - merged.connectors_removed
            ),
        )
