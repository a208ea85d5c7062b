"""The video view and the player panel mirror the engine."""

from __future__ import annotations

from fractions import Fraction

from player_helpers import image_frame_number, load_and_wait
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage

from annotator.domain.frame_times import FrameTimes
from annotator.ui.player.player_panel import PlayerPanel, position_text, speed_text
from annotator.ui.player.video_view import NOTHING_LOADED, VideoView, letterbox


def test_letterbox_keeps_the_aspect_ratio() -> None:
    assert letterbox(QSize(1920, 1080), QRect(0, 0, 800, 800)) == QRect(0, 175, 800, 450)
    assert letterbox(QSize(1920, 1080), QRect(0, 0, 1000, 450)) == QRect(100, 0, 800, 450)
    assert letterbox(QSize(), QRect(0, 0, 10, 10)).isEmpty()


def test_view_paints_the_image_inside_black_bars(qtbot) -> None:
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    assert view.message == NOTHING_LOADED
    image = QImage(160, 90, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    view.set_image(image)
    grab = view.grab().toImage()
    assert grab.pixelColor(200, 200) == QColor("white")
    assert grab.pixelColor(200, 10) == QColor("black")
    view.set_message("broken")
    assert view.image.isNull()
    assert view.message == "broken"


def test_readout_text() -> None:
    assert position_text(55, 100, Fraction(11, 5), Fraction(25)) == "frame 55 / 100   00:00:02:05   2.200 s"
    assert "00:01:00;02" in position_text(1800, 2000, Fraction(1800 * 1001, 30000), Fraction(30000, 1001))
    assert speed_text(-2.0) == "-2x"
    assert speed_text(0.25) == "0.25x"


def test_panel_readout_follows_the_frame_on_screen(qtbot, engine, proxy_clip) -> None:
    path, times = proxy_clip
    panel = PlayerPanel(engine, Fraction(25))
    qtbot.addWidget(panel)
    load_and_wait(qtbot, engine, path, times)
    with qtbot.waitSignal(engine.frame_shown, timeout=3000):
        engine.seek_frame(55)
    assert panel.position_label.text() == "frame 55 / 250   00:00:02:05   2.200 s"
    assert image_frame_number(panel.view.image) == 55


def test_panel_drop_frame_readout(qtbot, engine, proxy_clip_2997) -> None:
    path, times = proxy_clip_2997
    panel = PlayerPanel(engine, Fraction(30000, 1001))
    qtbot.addWidget(panel)
    load_and_wait(qtbot, engine, path, times)
    with qtbot.waitSignal(engine.frame_shown, timeout=3000):
        engine.seek_frame(31)
    assert panel.position_label.text() == "frame 31 / 200   00:00:01;01   1.034 s"


def test_panel_buttons_and_speed(qtbot, engine, proxy_clip) -> None:
    path, times = proxy_clip
    panel = PlayerPanel(engine)
    qtbot.addWidget(panel)
    load_and_wait(qtbot, engine, path, times)
    with qtbot.waitSignal(engine.playing_changed):
        qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.play_button.text() == "Pause"
    engine.shuttle_forward()
    assert panel.speed_label.text() == "2x"
    with qtbot.waitSignal(engine.playing_changed):
        qtbot.mouseClick(panel.play_button, Qt.MouseButton.LeftButton)
    assert panel.play_button.text() == "Play"


def test_panel_shows_errors_in_the_view(qtbot, engine, tmp_path) -> None:
    panel = PlayerPanel(engine)
    qtbot.addWidget(panel)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 100)
    with qtbot.waitSignal(engine.error_occurred, timeout=5000):
        engine.load(broken, FrameTimes.constant(Fraction(25), 10))
    assert panel.view.message.startswith("Cannot play this video")
