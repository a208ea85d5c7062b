"""Draw an SVG into a PNG with Qt's SVG renderer (the command line's ``--format png``)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from annotator.formats.atomic_text import save_binary


def svg_to_png(svg: str, path: Path, scale: float = 2.0) -> None:
    """Write ``svg`` drawn at ``scale`` times its size to ``path`` (atomically)."""
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QApplication([]))  # a QApplication: what pytest-qt and the window expect
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize() * scale
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    save_binary(path, lambda out: out.write(bytes(data.data())))


_keep: list[QGuiApplication] = []
