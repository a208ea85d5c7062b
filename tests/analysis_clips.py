"""Footage with a known truth for the analyses, generated with ffmpeg (never committed);
the session fixtures that make it are in ``tests/conftest.py``.

``shot_clip``: 300 frames at 25 fps, 320x180: a hard cut at frame 75, a dissolve over
frames 150-174 and a fade through black over frames 225-249.
``sound_clip``: 12 s: digital silence to 2 s, spoken English (espeak-ng) from 2 s, a quiet
noise bed from 7 s with a loud noise burst from 9.0 to 9.6 s.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HARD_CUT = 75
DISSOLVE = (150, 175)
FADE = (225, 250)
SPEECH_FROM_S = 2.0
BURST_S = (9.0, 9.6)

_SOURCES = [
    "testsrc2=s=320x180:r=25:d=3",
    "mandelbrot=s=320x180:r=25,trim=duration=4,setpts=PTS-STARTPTS",
    "smptehdbars=s=320x180:r=25:d=4",
    "life=s=320x180:r=25:mold=10:ratio=0.2:death_color=#203040:life_color=#e0c060,"
    "trim=duration=3,setpts=PTS-STARTPTS",
]


def make_shot_clip(path: Path, output_args: tuple[str, ...] = (), retime: str | None = None) -> Path:
    chains = [f"{source},settb=AVTB,format=yuv420p[v{n}]" for n, source in enumerate(_SOURCES)]
    chains += [
        "[v0][v1]concat=n=2:v=1:a=0,settb=AVTB[x1]",
        "[x1][v2]xfade=transition=fade:duration=1:offset=6[x2]",
        "[x2][v3]xfade=transition=fadeblack:duration=1:offset=9"
        + (f",setpts='{retime}'" if retime else "")
        + "[v]",
    ]
    command = ["ffmpeg", "-v", "error", "-y", "-filter_complex", ";".join(chains), "-map", "[v]"]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p"]
    command += [*(("-fps_mode", "vfr") if retime else ()), *output_args, str(path)]
    subprocess.run(command, check=True, capture_output=True)
    return path


VFR_LATE = ("-output_ts_offset", "1.5"), "if(lt(N,100),N*0.04,4+(N-100)*0.06)/TB"
"""Output arguments and retiming that make the shot clip start 1.5 s in, its frames 40 ms
apart, then 60 ms from frame 100."""


def make_sound_clip(clips_dir: Path) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.skip("needs espeak-ng (scripts/setup installs it)")
    speech = clips_dir / "speech.wav"
    text = "Good evening. The two leaders met in the capital today and exchanged gifts before lunch."
    subprocess.run(["espeak-ng", "-w", str(speech), text], check=True, capture_output=True)
    path = clips_dir / "sounds.mp4"
    graph = (
        f"[1:a]aresample=48000,adelay={int(SPEECH_FROM_S * 1000)}:all=1,apad=whole_dur=12[speech];"
        "anoisesrc=a=0.05:c=pink:r=48000:d=12:seed=7,volume='if(lt(t,7),0,1)':eval=frame[bed];"
        f"anoisesrc=a=0.5:c=white:r=48000:d=12:seed=8,volume='between(t,{BURST_S[0]},{BURST_S[1]})':eval=frame[burst];"
        "[speech][bed][burst]amix=inputs=3:normalize=0,atrim=0:12[a]"
    )
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=160x90:r=25:d=12",
               "-i", str(speech), "-filter_complex", graph, "-map", "0:v", "-map", "[a]",
               "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "128k",
               "-shortest", str(path)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    return path
