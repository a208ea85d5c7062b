"""Footage with a known truth for ``bench_analysis``, built once under /tmp (never committed).

``shot_clip``: real footage that is not ours, from Debian's ``opencv-doc`` (vtest.avi, a
street seen from above; box.mp4 and cup.mp4, objects handled on a table; Megamind.avi, a
film excerpt with three cuts of its own; tree.avi) and ``forensics-samples-files`` (a
phone video), joined with ffmpeg at 960x540 (a proxy's size) and 25 fps. Each source frame
becomes exactly one frame (``setpts=N/25/TB``), so the truth is known to the frame: 7 hard
cuts (4 joins, 3 inside Megamind.avi) and 3 gradual transitions (2 dissolves, 1 fade
through black), all listed in ``SHOT_TRUTH``. If the packages are not installed, their
.deb files are downloaded with ``apt-get download`` and unpacked here (no root needed).

``sound_clip``: 3 minutes: sentences spoken by espeak-ng, white and pink noise bursts 15 dB
over a quiet bed, and stretches of digital silence, at the times in ``SOUND_TRUTH``.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "annotator-bench-analysis"
FPS = 25
DEBS = ("opencv-doc", "forensics-samples-files")
OPENCV = "usr/share/doc/opencv-doc/examples/data"
HTML = "usr/share/doc/opencv-doc/opencv4/html"
PHONE = "usr/share/forensics-samples/original-files/movie1/VID_20191220_170832.mp4"


@dataclass(frozen=True)
class Piece:
    source: str  # path inside the packages
    first: int  # first source frame
    frames: int
    join: str  # how it joins the piece before: "hard", "dissolve" or "fadeblack"
    cuts: tuple[int, ...] = ()  # its own cuts, in frames from its first


PIECES = [
    Piece(f"{OPENCV}/vtest.avi", 0, 150, "hard"),
    Piece(f"{HTML}/box.mp4", 0, 150, "hard"),
    Piece(f"{HTML}/cup.mp4", 0, 150, "dissolve"),
    Piece(f"{OPENCV}/Megamind.avi", 0, 270, "hard", cuts=(98, 154, 200)),
    Piece(f"{OPENCV}/tree.avi", 0, 68, "fadeblack"),  # all of it: 68 frames, timed irregularly
    Piece(PHONE, 0, 41, "hard"),
    Piece(f"{OPENCV}/vtest.avi", 400, 200, "dissolve"),
    Piece(f"{HTML}/box.mp4", 300, 150, "hard"),
]
TRANSITION = 25  # frames of a dissolve or fade


def _packages() -> Path:
    """Where the packages' files are: / if installed, else unpacked under CACHE."""
    if (Path("/") / OPENCV / "vtest.avi").exists() and (Path("/") / PHONE).exists():
        return Path("/")
    root = CACHE / "debs"
    if not (root / PHONE).exists():
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(["apt-get", "download", *DEBS], cwd=root, check=True, capture_output=True)
        for deb in root.glob("*.deb"):
            subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
        for packed in (root / HTML).glob("*.mp4.gz"):
            subprocess.run(["gunzip", "-kf", str(packed)], check=True)
    return root


def shot_truth() -> tuple[list[int], list[tuple[int, int]]]:
    """Hard cuts (first frame of the new shot) and gradual transitions ``[start, end)``."""
    cuts: list[int] = []
    gradual: list[tuple[int, int]] = []
    position = 0
    for number, piece in enumerate(PIECES):
        if number > 0 and piece.join == "hard":
            cuts.append(position)
        elif number > 0:
            position -= TRANSITION  # the transition overlaps the two pieces
            gradual.append((position, position + TRANSITION))
        cuts += [position + cut for cut in piece.cuts]
        position += piece.frames
    return sorted(cuts), gradual


def _frames(path: Path) -> int:
    command = ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
               "stream=nb_read_frames", "-of", "csv=p=0", str(path)]  # fmt: skip
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())


def _encode(graph: str, inputs: list[Path], output: Path) -> None:
    command = ["ffmpeg", "-v", "error", "-y", *(arg for path in inputs for arg in ("-i", str(path))),
               "-filter_complex", graph, "-map", "[v]", "-r", str(FPS), "-c:v", "libx264",
               "-preset", "ultrafast", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p",
               str(output)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)


def _piece(root: Path, number: int, piece: Piece) -> Path:
    """The piece alone, 960x540, one output frame per source frame."""
    target = CACHE / f"piece{number}.mp4"
    last = piece.first + piece.frames - 1
    _encode(f"[0:v]select='between(n,{piece.first},{last})',setpts=N/{FPS}/TB,"
            "scale=960:540:force_original_aspect_ratio=decrease,pad=960:540:-1:-1,setsar=1,"
            f"format=yuv420p,settb=1/{FPS}[v]", [root / piece.source], target)  # fmt: skip
    if _frames(target) != piece.frames:
        raise RuntimeError(f"{piece.source}: {_frames(target)} frames where {piece.frames} were asked")
    return target


def _join(before: Path, length: int, piece_file: Path, piece: Piece, target: Path) -> int:
    """``before`` (``length`` frames) then the piece, joined as the piece says."""
    if piece.join == "hard":
        _encode("[0:v][1:v]concat=n=2:v=1:a=0[v]", [before, piece_file], target)
        expected = length + piece.frames
    else:
        transition = piece.join.replace("dissolve", "fade")
        offset = (length - TRANSITION) / FPS
        _encode(f"[0:v][1:v]xfade=transition={transition}:duration={TRANSITION / FPS}:offset={offset}[v]",
                [before, piece_file], target)  # fmt: skip
        expected = length - TRANSITION + piece.frames
    if _frames(target) != expected:
        raise RuntimeError(f"joining {piece.source}: {_frames(target)} frames where {expected} were expected")
    return expected


def shot_clip() -> Path:
    path = CACHE / "shots_960x540.mp4"
    if path.exists():
        return path
    root = _packages()
    CACHE.mkdir(parents=True, exist_ok=True)
    joined, length = _piece(root, 0, PIECES[0]), PIECES[0].frames
    for number, piece in enumerate(PIECES[1:], start=1):
        target = CACHE / f"joined{number}.mp4"
        length = _join(joined, length, _piece(root, number, piece), piece, target)
        joined = target
    joined.rename(path)
    return path


SENTENCES = [
    "Good evening. Here is the news.",
    "The two leaders met in the capital this morning and drove together to the palace.",
    "Crowds lined the streets and children waved small flags.",
    "After lunch they visited a farm, where the guest was shown a horse and two dogs.",
    "In the evening they exchanged gifts and signed an agreement on trade.",
    "The visit ends tomorrow with a concert in the old theatre.",
]


@dataclass(frozen=True)
class SoundTruth:
    speech: list[tuple[float, float]]  # seconds
    loud: list[tuple[float, float]]
    silence: list[tuple[float, float]]
    seconds: float


def sound_clip() -> tuple[Path, SoundTruth]:
    """The mix (with a grey picture, so it has frames) and where each kind of sound is."""
    CACHE.mkdir(parents=True, exist_ok=True)
    speech: list[tuple[float, float]] = []
    inputs: list[str] = []
    delays: list[str] = []
    at = 5.0
    for number, text in enumerate(SENTENCES):
        wav = CACHE / f"sentence{number}.wav"
        subprocess.run(["espeak-ng", "-w", str(wav), text], check=True, capture_output=True)
        probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(wav)]
        length = float(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)
        speech.append((at, at + length))
        inputs += ["-i", str(wav)]
        delays.append(f"[{number + 1}:a]aresample=48000,adelay={int(at * 1000)}:all=1[s{number}]")
        at += length + (12.0 if number % 2 else 20.0)  # room for bursts and silences between them
    seconds = 180.0
    loud = [(s[1] + 4.0, s[1] + 4.8) for s in speech[::2]] + [(s[1] + 2.0, s[1] + 3.0) for s in speech[1::2]]
    silence = [(0.0, 4.0), *((s[1] + 8.0, s[1] + 11.0) for s in speech[::2])]
    path = CACHE / "sounds_3min.mp4"
    if not path.exists():
        bursts = "+".join(f"between(t,{a},{b})" for a, b in loud)
        quiet = "+".join(f"between(t,{a},{b})" for a, b in silence)
        graph = ";".join([
            *delays,
            f"anoisesrc=a=0.02:c=pink:r=48000:d={seconds}:seed=3,volume='if({quiet},0,1)':eval=frame[bed]",
            f"anoisesrc=a=0.3:c=white:r=48000:d={seconds}:seed=4,volume='{bursts}':eval=frame[burst]",
            f"[bed][burst]{''.join(f'[s{n}]' for n in range(len(SENTENCES)))}"
            f"amix=inputs={len(SENTENCES) + 2}:normalize=0,atrim=0:{seconds}[a]",
        ])  # fmt: skip
        picture = f"color=c=gray:s=160x90:r={FPS}:d={seconds}"
        command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", picture, *inputs,
                   "-filter_complex", graph, "-map", "0:v", "-map", "[a]", "-c:v", "libx264",
                   "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k", "-shortest", str(path)]  # fmt: skip
        subprocess.run(command, check=True)
    return path, SoundTruth(speech, loud, silence, seconds)


def hour_clip() -> Path:
    """An hour at 960x540 (a proxy of an hour of 1080p): the shot clip's pictures and the
    mix's sound, each looped."""
    path = CACHE / "hour_960x540.mp4"
    if not path.exists():
        shots, (sounds, _) = shot_clip(), sound_clip()
        partial = path.with_suffix(".partial.mp4")
        command = ["ffmpeg", "-v", "error", "-y", "-stream_loop", "-1", "-i", str(shots), "-stream_loop",
                   "-1", "-i", str(sounds), "-map", "0:v", "-map", "1:a", "-t", "3600", "-c:v", "copy",
                   "-c:a", "copy", str(partial)]  # fmt: skip
        subprocess.run(command, check=True)
        partial.rename(path)
    return path
