"""Write a frame as an image file, never leaving half a file behind."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from annotator.media.errors import MediaError


def write_png(rgb: npt.NDArray[np.uint8], path: Path) -> Path:
    """Write an HxWx3 RGB array to ``path`` as PNG (via a temporary file and a rename)."""
    path = Path(path)
    temporary = path.with_name(f".{path.stem}.partial.png")
    ok, encoded = cv2.imencode(".png", cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2BGR))
    if not ok:
        raise MediaError(path, "could not encode the frame as PNG")
    try:
        temporary.write_bytes(encoded.tobytes())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise MediaError(path, f"cannot be written ({error.strerror or error})") from error
    return path
