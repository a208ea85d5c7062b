"""The demo project: about a minute of generated footage with example segments.

Six ten-second shots with hard cuts (bars, test pattern, fractal, cellular life...),
a different tone per shot, and loud noise bursts standing in for laughter; each frame
shows its number. Nothing here is committed: ``annotator demo`` makes it on the spot.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.project.project import Project

FPS = 25
SHOT_SECONDS = 10
SIZE = "640x360"
SHOTS = [
    ("smptehdbars", 440),
    ("testsrc2", 550),
    ("mandelbrot", 660),
    ("life=mold=10:ratio=0.2:death_color=#203040:life_color=#e0c060", 330),
    ("cellauto=rule=110", 770),
    ("rgbtestsrc", 880),
]
FRAME_TEXT = "text='frame %{frame_num}':x=12:y=h-th-12:fontsize=26:fontcolor=white:box=1:boxcolor=black@0.6"
# Loud noise bursts (seconds): stand-ins for laughter.
BURSTS = [(14.0, 15.2), (27.0, 28.6), (41.4, 42.4), (52.0, 53.8)]

# (label, start_frame, end_frame, note, verdict)
EXAMPLES: list[tuple[str, int, int, str, Verdict | None]] = [
    ("conversation", 0, 250, "studio intro over bars", Verdict.APPROVED),
    ("laughter", 350, 380, "burst 1", Verdict.APPROVED),
    ("vehicle showcase", 250, 500, "test pattern stands in for the limousine", None),
    ("driving", 500, 750, "", None),
    ("laughter", 675, 715, "burst 2", Verdict.NEEDS_FIX),
    ("animal interaction", 750, 1000, "the horse and the two dogs", None),
    ("laughter", 1035, 1060, "burst 3", None),
    ("gift exchange", 1000, 1250, "", Verdict.REJECTED),
    ("driver swap", 1100, 1180, "they change seats", None),
    ("laughter", 1300, 1345, "burst 4", None),
    ("agreement signing", 1250, 1500, "", None),
]


def _video_graph(with_text: bool) -> str:
    parts = []
    for index, (source, _tone) in enumerate(SHOTS):
        joiner = ":" if "=" in source else "="
        parts.append(
            f"{source}{joiner}s={SIZE}:r={FPS},trim=duration={SHOT_SECONDS},"
            f"setpts=PTS-STARTPTS,format=yuv420p[v{index}];"
        )
    chain = "".join(f"[v{index}]" for index in range(len(SHOTS)))
    text = ",drawtext=" + FRAME_TEXT if with_text else ""
    return "".join(parts) + f"{chain}concat=n={len(SHOTS)}:v=1:a=0{text}[v]"


def _audio_graph() -> str:
    total = SHOT_SECONDS * len(SHOTS)
    tones = "".join(
        f"sine=frequency={tone}:sample_rate=48000:duration={SHOT_SECONDS},volume=2.4[a{index}];"
        for index, (_source, tone) in enumerate(SHOTS)
    )
    chain = "".join(f"[a{index}]" for index in range(len(SHOTS)))
    gate = "+".join(f"between(t,{start},{end})" for start, end in BURSTS)
    noise = f"anoisesrc=a=0.9:sample_rate=48000:duration={total},volume='{gate}':eval=frame[noise];"
    return (
        tones
        + noise
        + f"{chain}concat=n={len(SHOTS)}:v=0:a=1[tones];[tones][noise]amix=inputs=2:normalize=0[a]"
    )


def make_demo_footage(path: Path) -> Path:
    """Encode the demo clip (H.264 + AAC); frame numbers drawn when a font is available."""
    for with_text in (True, False):
        graph = _video_graph(with_text) + ";" + _audio_graph()
        command = ["ffmpeg", "-v", "error", "-y", "-filter_complex", graph, "-map", "[v]", "-map", "[a]"]
        command += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-g", "50", "-c:a", "aac"]
        command += ["-shortest", str(path)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return path
    raise RuntimeError(f"ffmpeg could not make the demo footage: {result.stderr.strip()[-500:]}")


def build_demo(directory: Path, vocabulary: Vocabulary, progress: Callable[[str], None] = print) -> Project:
    """Create the demo project in ``directory`` (which must not hold a project yet)."""
    directory.mkdir(parents=True, exist_ok=True)
    media = directory / "media"
    media.mkdir(exist_ok=True)
    progress("generating a minute of demo footage with ffmpeg...")
    clip = make_demo_footage(media / "state-visit.mp4")
    project = Project.create(directory, vocabulary)
    video = project.add_video(clip)
    labels = {label.name: label for label in project.store.labels()}
    with project.store.transaction():
        for name, start, end, note, verdict in EXAMPLES:
            label_id = labels[name].id
            assert label_id is not None
            segment = project.store.add_segment(
                Segment(video.id, label_id, start, end, annotator="demo", note=note)
            )
            if verdict is not None:
                project.store.add_review(Review(segment.id, "demo reviewer", verdict))
    progress(f"demo project ready in {directory} ({len(EXAMPLES)} segments)")
    return project
