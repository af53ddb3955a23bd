"""The rows of the compare view's tabs: for each tab, its groups (added, removed, …) and
their items, in the words of app.analysis.compare_text. An item that stands for a card
or a pain point carries ("card" | "pain point", UUID) so it can be shown on the map."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.analysis.compare_model import Comparison, PainRef
from app.analysis.compare_text import (
    card_text,
    changed_fields,
    field_line,
    move_line,
    place,
)
from app.canvas.tooltips import plain_tip

TABS = (
    ("cards", "Cards"),
    ("pain points", "Pain points"),
    ("systems", "Systems"),
    ("journey", "Hand-offs and contact points"),
)

Row = tuple[tuple[str, str, str], tuple[str, str] | None, list[tuple[str, str, str]]]
Group = tuple[str, str, list[Row]]  # key, title, rows


def _pain(pain: PainRef) -> str:
    return f"[{pain.severity}] {' '.join(pain.description.split()) or '(no description)'}"


def groups(key: str, c: Comparison) -> Iterator[Group]:
    """The groups of one tab, each with its rows (texts, target, child texts)."""
    if key == "cards":
        yield (
            "added",
            "Added",
            [((card_text(r), place(r), "new in the to-be"), ("card", r.id), []) for r in c.added],
        )
        yield (
            "removed",
            "Removed",
            [
                ((card_text(r), place(r), "only in the as-is"), ("card", r.id), [])
                for r in c.removed
            ],
        )
        yield (
            "changed",
            "Changed",
            [
                (
                    (card_text(ch.after), place(ch.after), changed_fields(ch)),
                    ("card", ch.after.id),
                    [("", "", field_line(f)) for f in ch.fields],
                )
                for ch in c.changed
            ],
        )
        yield (
            "moved",
            "Moved",
            [
                ((card_text(m.after), place(m.after), move_line(m)), ("card", m.after.id), [])
                for m in c.moved
            ],
        )
    elif key == "pain points":
        yield (
            "resolved",
            "Resolved",
            [
                (
                    (_pain(r.pain), r.pain.where, r.how),
                    ("pain point", (r.to_be or r.pain).id),
                    [],
                )
                for r in c.resolved
            ],
        )
        yield (
            "remaining",
            "Remaining",
            [
                (
                    (_pain(r.pain), r.pain.where, "new in the to-be" if r.new else "still open"),
                    ("pain point", r.pain.id),
                    [],
                )
                for r in c.remaining
            ],
        )
    elif key == "systems":
        both = [name for name in c.after.systems if name in c.before.systems]
        yield (
            "retired",
            "Retired",
            [((n, "", "used in the as-is only"), None, []) for n in c.systems_retired],
        )
        yield "added", "Added", [((n, "", "new in the to-be"), None, []) for n in c.systems_added]
        yield "kept", "Used in both", [((n, "", ""), None, []) for n in both]
    else:
        for side, label in ((c.before, "as-is"), (c.after, "to-be")):
            yield (
                f"hand-offs {label}",
                f"Hand-offs in the {label}",
                [
                    (
                        (
                            f"{h.from_role or '?'} → {h.to_role or '?'}",
                            place(h.source),
                            f"{card_text(h.source, 50)} → {card_text(h.target, 50)}",
                        ),
                        ("card", h.source.id),
                        [],
                    )
                    for h in side.hand_offs
                ],
            )
        for side, label in ((c.before, "as-is"), (c.after, "to-be")):
            yield (
                f"contacts {label}",
                f"Contact points in the {label}",
                [
                    (
                        (
                            p.name,
                            p.kind,
                            f"{len(p.card_ids)} card" + ("s" * (len(p.card_ids) != 1)),
                        ),
                        ("card", p.card_ids[0]) if p.card_ids else None,
                        [],
                    )
                    for p in side.contact_points
                ],
            )


def fill_tree(
    tree: QTreeWidget,
    key: str,
    comparison: Comparison,
    role: Qt.ItemDataRole,
    expanded: set[str] | None,
) -> None:
    """Replace the tree's rows; groups open as they were (all open the first time)."""
    current = tree.currentItem()
    held = current.data(0, role) if current is not None else None
    keep = tuple(held) if held else None
    tree.setUpdatesEnabled(False)
    try:
        tree.clear()
        for group_key, title, rows in groups(key, comparison):
            group = QTreeWidgetItem([f"{title} ({len(rows)})"])
            group.setData(1, role, group_key)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for texts, target, children in rows:
                item = QTreeWidgetItem(list(texts))
                item.setData(0, role, target)
                for column, text in enumerate(texts):
                    item.setToolTip(column, plain_tip(text))
                group.addChild(item)
                for child in children:
                    sub = QTreeWidgetItem(list(child))
                    sub.setData(0, role, target)
                    sub.setToolTip(2, plain_tip(child[2]))
                    item.addChild(sub)
                if keep is not None and target == keep and tree.currentItem() is None:
                    tree.setCurrentItem(item)
            group.setExpanded(expanded is None or group_key in expanded)
    finally:
        tree.setUpdatesEnabled(True)
