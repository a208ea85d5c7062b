"""The player's sound: PCM from ``AudioDecodeThread`` pushed into one ``QAudioSink``.

One sink and one running stream per engine: the stream opens when a video with sound is
loaded and keeps running until the engine shuts down (opening a PulseAudio stream took
0.4-1.7 s here; a running stream with nothing written plays silence). Playing writes PCM
into it; pausing stops writing, and what is already queued (at most ``BUFFER_S``) plays out.

A GUI-thread timer writes what the sink has room for; nothing else touches the sink and no
signal of it is connected, so no audio-backend thread ever calls into Python.

``heard_media_s`` is the audio clock the picture follows. The sink counts the frames the
device has taken; the first sample of a play was written after ``written_before`` frames,
so it is heard once the count passes that, plus the device's own latency (Qt 6.11 gives
PulseAudio 1024 frames: ``DEVICE_LATENCY_S``). ``docs/performance.md`` ("Sound in sync")
has the offset this leaves, measured on a recording of the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from annotator.media.audio_decode_thread import BYTES_PER_FRAME, AudioDecodeThread

FEED_MS = 10
BUFFER_S = 0.08
"""Qt's buffer in front of the device: the most a pause lets play on, and what the GUI
thread may stall for before the sound drops out."""
DEVICE_LATENCY_S = 1024 / 48_000
NO_DEVICE = "No audio output device: playing without sound"


def output_format(rate: int) -> QAudioFormat:
    audio_format = QAudioFormat()
    audio_format.setSampleRate(rate)
    audio_format.setChannelCount(2)
    audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    return audio_format


@dataclass(frozen=True, slots=True)
class _Play:
    media_s: float
    speed: float
    written_before: int  # frames written to the sink before this play's first frame


class AudioPlayback(QObject):
    """Plays a file's sound from a media time at a speed; reports what is being heard."""

    unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder = AudioDecodeThread()
        self._rate = self._decoder.rate
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._written = 0  # frames written to the running stream
        self._feed = QTimer(self)
        self._feed.setInterval(FEED_MS)
        self._feed.timeout.connect(self._on_feed_timeout)
        self._path: Path | None = None
        self._video_start_s = 0.0
        self._play: _Play | None = None
        self._reported = False

    @property
    def playing(self) -> bool:
        return self._play is not None

    def load(self, path: Path | None, video_start_s: float) -> None:
        """The file whose sound ``start`` plays (None: a video without sound). The stream
        opens now, so that it runs by the time the user plays."""
        self.stop()
        self._path, self._video_start_s = path, float(video_start_s)
        if path is None:
            return
        if not QMediaDevices.audioOutputs():
            if not self._reported:
                self._reported = True
                self.unavailable.emit(NO_DEVICE)
            return
        self._open_stream()

    def unload(self) -> None:
        self.load(None, 0.0)

    def start(self, media_s: float, speed: float) -> bool:
        """Play from ``media_s`` at ``speed``; False if there is no sound to play."""
        self.stop()
        if self._path is None or (self._io is None and not self._open_stream()):
            return False
        self._decoder.start(self._path, media_s, self._video_start_s, speed)
        self._play = _Play(media_s, speed, self._written)
        self._feed.start()
        return True

    def stop(self) -> None:
        """Stop writing (the stream keeps running, silent once its buffer has played)."""
        self._feed.stop()
        self._decoder.stop()
        self._play = None

    def shutdown(self) -> None:
        """Stop for good: the decode thread ends, the stream closes and the sink goes."""
        self.stop()
        self._decoder.shutdown()
        if self._sink is not None:
            self._sink.reset()
            self._sink.deleteLater()
        self._sink, self._io = None, None

    def heard_media_s(self) -> float | None:
        """The media time of the sample being heard; None before this play's first sample
        is heard, and after its last (the sound is shorter than the picture)."""
        play, sink = self._play, self._sink
        if play is None or sink is None:
            return None
        taken = round(sink.processedUSecs() * self._rate / 1_000_000)
        heard_s = (taken - play.written_before) / self._rate - DEVICE_LATENCY_S
        if heard_s <= 0 or (self._decoder.ended and taken >= self._written):
            return None
        return play.media_s + play.speed * heard_s

    def _open_stream(self) -> bool:
        if self._sink is None:
            audio_format = output_format(self._rate)
            self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio_format, self)
            self._sink.setBufferSize(round(BUFFER_S * self._rate) * BYTES_PER_FRAME)
        self._io = self._sink.start()
        if self._io is None or self._sink.error() != QtAudio.Error.NoError:
            self._io = None
            return False
        self._written = 0
        return True

    def _on_feed_timeout(self) -> None:
        if self._sink is None or self._io is None or self._play is None:
            return
        room = self._sink.bytesFree() // BYTES_PER_FRAME * BYTES_PER_FRAME
        if room > 0:
            chunk = self._decoder.read(room)
            if chunk:
                self._io.write(chunk)
                self._written += len(chunk) // BYTES_PER_FRAME
