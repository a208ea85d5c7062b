"""The pictures the player showed last, keyed by frame index (least recently used go).

Stepping back onto a frame just seen (or just played) shows it at once, without a round
trip to the decode thread. At proxy size (960x540, 4 bytes a pixel) a picture is ~2 MB,
so the default 32 cost ~66 MB. (``media.backends.frame_cache.DecodedFrameCache`` is the decoder's own
cache of RGB arrays; this one holds ready-to-paint ``QImage``s.)
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QImage


class PictureCache:
    """Keeps the ``capacity`` most recently used pictures."""

    def __init__(self, capacity: int = 32) -> None:
        self._capacity = max(0, capacity)
        self._images: OrderedDict[int, QImage] = OrderedDict()

    def __len__(self) -> int:
        return len(self._images)

    def __contains__(self, frame: int) -> bool:
        return frame in self._images

    def get(self, frame: int) -> QImage | None:
        """The cached picture of ``frame`` (marking it recently used), or None."""
        image = self._images.get(frame)
        if image is not None:
            self._images.move_to_end(frame)
        return image

    def put(self, frame: int, image: QImage) -> None:
        if self._capacity == 0:
            return
        self._images[frame] = image
        self._images.move_to_end(frame)
        while len(self._images) > self._capacity:
            self._images.popitem(last=False)

    def clear(self) -> None:
        self._images.clear()
