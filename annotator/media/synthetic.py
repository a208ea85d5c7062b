"""Footage that carries its own frame number in its pixels, made with ffmpeg lavfi.

Frame n shows n in binary as 16 black or white blocks (two rows of eight, each an eighth of
the width square) across the top of the picture; the blocks survive heavy compression and
scaling, so any decoder's output can be checked by pixels rather than by trusting a
library's frame counter. Used by the tests, the benchmarks and the demo.
"""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

BITS = 16
COLUMNS = 8


_BACKGROUND = "64+mod(X+Y+3*N,128)"


def _pattern_expression(width: int, background: str = _BACKGROUND) -> str:
    """The luma expression: the frame number's bits in the top two rows of blocks, then
    ``background``."""
    block = width // COLUMNS
    bit = f"(floor(X/{block})+{COLUMNS}*floor(Y/{block}))"
    pattern = f"255*mod(floor(N/pow(2,{bit})),2)"
    return f"if(lt(Y,{2 * block}),{pattern},{background})"


def make_numbered_clip(
    path: Path,
    *,
    frames: int = 100,
    fps: Fraction | str = Fraction(25),
    size: tuple[int, int] = (320, 180),
    codec_args: tuple[str, ...] = (
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "50",
        "-pix_fmt",
        "yuv420p",
    ),
    audio: bool = False,
    setpts: str | None = None,
    extra_output_args: tuple[str, ...] = (),
) -> Path:
    """Write a clip of ``frames`` frames whose pixels carry each frame's index.

    ``setpts`` rewrites the timestamps (e.g. a variable-rate expression) after the pattern
    is drawn, so the frame number stays the decoder's frame index.
    """
    width, height = size
    rate = str(Fraction(fps))
    video = (
        f"color=c=gray:s={width}x{height}:r={rate},trim=end_frame={frames},"
        f"geq=lum='{_pattern_expression(width)}':cb=128:cr=128"
    )
    if setpts:
        video += f",setpts='{setpts}'"
    command: list[str] = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", video]
    if audio:
        seconds = float(frames / Fraction(fps)) + 0.5
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
        command += ["-c:a", "aac", "-shortest"]
    if setpts:
        command += ["-fps_mode", "vfr"]
    command += [*codec_args, *extra_output_args, str(path)]
    subprocess.run(command, check=True, capture_output=True)
    return path


def read_frame_number(rgb: Any) -> int:
    """The frame index drawn into an RGB (or grey) image array of any size."""
    height, width = rgb.shape[:2]
    block = width / COLUMNS
    value = 0
    for index in range(BITS):
        column, row = index % COLUMNS, index // COLUMNS
        x = int((column + 0.5) * block)
        y = int((row + 0.5) * block)
        if y >= height:
            break
        pixel = rgb[y, x]
        level = float(pixel.mean()) if hasattr(pixel, "mean") else float(pixel)
        if level > 127:
            value |= 1 << index
    return value


BEEP_HZ = 1000
BEEP_S = Fraction(1, 25)


def make_sync_clip(
    path: Path,
    *,
    seconds: int = 10,
    fps: Fraction = Fraction(25),
    size: tuple[int, int] = (320, 180),
    codec_args: tuple[str, ...] = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0"),
    extra_output_args: tuple[str, ...] = (),
    scale_to: tuple[int, int] | None = None,
) -> Path:
    """Numbered footage whose picture flashes white and whose sound beeps (1 kHz, 40 ms)
    at every whole second, on the same frame, with silence between: what an A/V sync
    measurement looks for. The frame number stays readable during a flash.

    ``scale_to`` draws at ``size`` and scales up with nearest neighbour (the blocks stay
    exact): ffmpeg's ``geq`` is slow at large sizes."""
    width, height = size
    rate = str(Fraction(fps))
    frames = int(seconds * Fraction(fps))
    luma = _pattern_expression(width, background=f"if(lt(mod(N,{rate}),1),235,{_BACKGROUND})")
    video = f"color=c=gray:s={width}x{height}:r={rate},trim=end_frame={frames},geq=lum='{luma}':cb=128:cr=128"
    if scale_to is not None:
        video += f",scale={scale_to[0]}:{scale_to[1]}:flags=neighbor"
    beep = f"if(lt(mod(t,1),{float(BEEP_S)}),0.8*sin(2*PI*{BEEP_HZ}*t),0)"
    audio = f"aevalsrc='{beep}':s=48000:d={seconds}"
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio]
    command += [*codec_args, "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest"]
    command += [*extra_output_args, str(path)]
    subprocess.run(command, check=True, capture_output=True)
    return path
