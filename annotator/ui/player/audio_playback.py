"""The player's sound: PCM from ``AudioDecodeThread`` pushed into one ``QAudioSink``.

One sink per engine, created on first use and kept for the engine's life (sinks are not
created and destroyed per play). A GUI-thread timer writes what the sink has room for;
nothing else touches the sink, and no signal of it is connected, so no audio-backend
thread ever calls into Python. ``heard_media_s`` is the audio clock the picture follows:
the media time of the sample being heard, from what the device has consumed minus the
output latency measured on this machine (``docs/performance.md``, "Sound in sync").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices

from annotator.media.audio_decode_thread import BYTES_PER_FRAME, AudioDecodeThread

FEED_MS = 10
OUTPUT_LATENCY_S = 0.0
"""Between a sample leaving Qt's buffer and being heard (see the module's docstring)."""
NO_DEVICE = "No audio output device: playing without sound"


def output_format(rate: int) -> QAudioFormat:
    audio_format = QAudioFormat()
    audio_format.setSampleRate(rate)
    audio_format.setChannelCount(2)
    audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return audio_format


class AudioPlayback(QObject):
    """Plays a file's sound from a media time at a speed; reports what is being heard."""

    unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder = AudioDecodeThread()
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._feed = QTimer(self)
        self._feed.setInterval(FEED_MS)
        self._feed.timeout.connect(self._on_feed_timeout)
        self._path: Path | None = None
        self._video_start_s = 0.0
        self._start_media_s = 0.0
        self._speed = 1.0
        self._reported = False

    @property
    def playing(self) -> bool:
        return self._io is not None

    def load(self, path: Path | None, video_start_s: float) -> None:
        """The file whose sound ``start`` plays (None: a video without sound)."""
        self.stop()
        self._path, self._video_start_s = path, float(video_start_s)
        if path is not None and not self._reported and not QMediaDevices.audioOutputs():
            self._reported = True
            self.unavailable.emit(NO_DEVICE)

    def unload(self) -> None:
        self.load(None, 0.0)

    def start(self, media_s: float, speed: float) -> bool:
        """Play from ``media_s`` at ``speed``; False if there is no sound to play."""
        self.stop()
        if self._path is None or not QMediaDevices.audioOutputs():
            return False
        sink = self._sink or self._make_sink()
        self._decoder.start(self._path, media_s, self._video_start_s, speed)
        self._start_media_s, self._speed = media_s, speed
        self._io = sink.start()
        if self._io is None or sink.error() != QAudio.Error.NoError:
            self.stop()
            return False
        self._feed.start()
        return True

    def stop(self) -> None:
        self._feed.stop()
        self._decoder.stop()
        if self._io is not None and self._sink is not None:
            self._sink.stop()
        self._io = None

    def shutdown(self) -> None:
        """Stop for good: the decode thread ends and the sink goes."""
        self.stop()
        self._decoder.shutdown()
        if self._sink is not None:
            self._sink.deleteLater()
            self._sink = None

    def heard_media_s(self) -> float | None:
        """The media time of the sample being heard; None before the first is heard, and
        after the last (the sound is shorter than the picture)."""
        if self._sink is None or self._io is None:
            return None
        heard_s = self._sink.processedUSecs() / 1e6 - OUTPUT_LATENCY_S
        if heard_s <= 0 or (self._decoder.ended and self._sink.state() == QAudio.State.IdleState):
            return None
        return self._start_media_s + self._speed * heard_s

    def _make_sink(self) -> QAudioSink:
        self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), output_format(self._decoder.rate), self)
        return self._sink

    def _on_feed_timeout(self) -> None:
        if self._sink is None or self._io is None:
            return
        room = self._sink.bytesFree() // BYTES_PER_FRAME * BYTES_PER_FRAME
        if room > 0:
            chunk = self._decoder.read(room)
            if chunk:
                self._io.write(chunk)
