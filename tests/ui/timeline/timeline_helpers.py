"""Mouse helpers: real press/move/release on the timeline's viewport at frame positions."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

from annotator.ui.timeline import TimelineView

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def point_at(view: TimelineView, frame: float, label_id: int) -> QPoint:
    """Viewport point at frame edge ``frame`` in the middle of a label's track."""
    rect = view.track_rect(label_id)
    return view.mapFromScene(QPointF(view.scale.x(frame), rect.center().y()))


def drag(
    qtbot,
    view: TimelineView,
    start: QPoint,
    end: QPoint,
    steps: int = 4,
    modifier: Qt.KeyboardModifier = NO_MODIFIER,
    button: Qt.MouseButton = LEFT,
) -> None:
    """Press at ``start``, move in ``steps`` moves to ``end``, release there."""
    viewport = view.viewport()
    qtbot.mousePress(viewport, button, modifier, start)
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        y = start.y() + (end.y() - start.y()) * step // steps
        qtbot.mouseMove(viewport, QPoint(x, y))
    qtbot.mouseRelease(viewport, button, modifier, end)


def click(qtbot, view: TimelineView, pos: QPoint, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.mouseClick(view.viewport(), LEFT, modifier, pos)
