import subprocess
from pathlib import Path

import numpy as np
import pytest

from annotator.domain.segment import Verdict
from annotator.project.demo import BURSTS, EXAMPLES
from annotator.project.project import Project


def _louder_in_bursts(path: Path) -> bool:
    """Each noise burst (a stand-in for laughter) puts far more sound above 2 kHz, where the
    shots' tones have none, than the second before it."""
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", "8000", "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    samples = np.frombuffer(pcm, np.int16).astype(np.float64)

    def high(start: float, end: float) -> float:
        window = samples[int(start * 8000) : int(end * 8000)]
        power = np.abs(np.fft.rfft(window)) ** 2
        return float(power[np.fft.rfftfreq(len(window), 1 / 8000) > 2000].sum() / len(window))

    return all(high(start, end) > 100 * high(start - 1.2, start - 0.2) for start, end in BURSTS)


@pytest.mark.slow
def test_demo_builds_a_project_with_footage_and_examples(run, tmp_path: Path) -> None:
    directory = tmp_path / "new" / "demo"  # its folder made too
    result = run("demo", directory)
    assert result.exit_code == 0, result.output
    assert "generating a minute of demo footage with ffmpeg..." in result.output
    with Project.open(directory) as project:
        (video,) = project.store.videos()
        assert (video.name, video.info.frame_count, video.info.has_audio) == ("state-visit.mp4", 1500, True)
        assert project.video_path(video) == directory / "media" / "state-visit.mp4"
        segments = project.store.segments()
        assert sorted(
            (project.store.label(s.label_id).name, s.start_frame, s.end_frame, s.note, s.annotator)
            for s in segments
        ) == sorted((name, start, end, note, "demo") for name, start, end, note, _ in EXAMPLES)
        assert _louder_in_bursts(project.video_path(video))
        verdicts = {r.verdict for r in project.store.latest_reviews().values()}
        assert Verdict.APPROVED in verdicts
    again = run("demo", directory)
    assert again.exit_code == 2
