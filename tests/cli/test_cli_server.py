"""The CLI on a server project: ``new``, ``add-video``, ``import``, ``export`` and ``labels``
print and write the same bytes on ``postgresql://...`` as on a folder, ids and paths apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")
ROWS = (
    "video,label,start_frame,end_frame,note,annotator,status,reviewer\n"
    'numbered_25.mp4,Laughter,50,80,"=cheers, loud",ann,approved,rev\n'
    "numbered_25.mp4,driving,0,25,road,ann,,\n"
    "numbered_25.mp4,greeting/handshake,30,31,,bob,rejected,rev\n"
)


def _session(run, project: str, clip: Path, work: Path, media: Path) -> list[str]:
    """Every command of the contract on ``project``; what each printed and wrote."""
    work.mkdir()
    source = work / "in.csv"
    source.write_text(ROWS)
    bad = work / "bad.csv"  # its third row ends past the video: refused whole, nothing written
    bad.write_text(
        "video,label,start_frame,end_frame\nnumbered_25.mp4,driving,1,5\nnumbered_25.mp4,driving,10,500\n"
    )
    root = ["--media-root", media]
    outputs = []
    for args in (
        ["new", project],
        ["add-video", project, clip],
        ["labels", project],
        ["import", project, source],
        ["export", project],
        ["export", project, "--format", "json", "-o", work / "out.json"],
        ["export", project, "--format", "eaf", "--video", clip.name, "-o", work / "out.eaf"],
        ["export", project, "--format", "vtt", "--video", clip.name, "-o", work / "out.vtt"],
        ["export", project, "--status", "approved"],
        ["import", project, source],
        ["import", project, bad],
        ["export", project],
        ["stats", project, "--by", "annotator"],
        ["search", project, "laugh"],
        ["search", project, "status:rejected"],
    ):
        result = run(*root, *args)
        outputs.append(f"{args[0]} -> {result.exit_code}\n{result.output}")
    outputs += [(work / name).read_text() for name in ("out.json", "out.eaf", "out.vtt")]
    return [_neutral(text, project, clip, work) for text in outputs]


def _neutral(text: str, project: str, clip: Path, work: Path) -> str:
    for place, name in (
        (project, "PROJECT"),
        (str(work), "WORK"),
        (str(clip), "CLIP"),
        (str(clip.parent), "CLIPS"),
    ):
        text = text.replace(place, name)
    text = text.replace("PROJECT/annotations.db", "PROJECT")  # `new` names the file, or the URL
    return STAMP.sub("TIME", UUID.sub("ID", text))


def test_the_contract_prints_the_same_on_a_url_as_on_a_folder(
    run, pg_url: str, clip_25fps: Path, tmp_path: Path
) -> None:
    # The clip is outside the folder and outside the media root: both store its absolute path.
    folder = _session(run, str(tmp_path / "proj"), clip_25fps, tmp_path / "a", tmp_path)
    server = _session(run, pg_url, clip_25fps, tmp_path / "b", tmp_path)
    assert "import -> 0\nimported 3 segments" in folder[3]  # the sessions did the work
    assert "exported 6 segments" in folder[-7]  # imported twice (rows without ids are new rows)
    assert "import -> 2\nError: bad.csv line 3, field end_frame" in folder[-8]
    assert folder[-5].count("laughter") == 2  # search: both laughter segments
    assert folder[-4].count("greeting/handshake") == 2  # both rejected ones
    assert server == folder


def test_a_server_project_stores_paths_under_the_media_root(
    run, pg_url: str, clip_25fps: Path, tmp_path: Path
) -> None:
    run("new", pg_url)
    result = run("--media-root", clip_25fps.parent.parent, "add-video", pg_url, clip_25fps)
    assert result.exit_code == 0, result.output
    assert f"added {clip_25fps.parent.name}/{clip_25fps.name}:" in result.output
    moved = tmp_path / "elsewhere" / clip_25fps.parent.name
    moved.parent.mkdir()
    moved.symlink_to(clip_25fps.parent)
    exported = run(
        "--media-root", moved.parent, "export", pg_url, "--format", "json", "-o", tmp_path / "x.json"
    )
    assert exported.exit_code == 0, exported.output


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://annotator@127.0.0.1:{port}/missing", "has no database 'missing'"),
        ("postgresql://annotator:pw@127.0.0.1:{port}/x", "a password does not belong in the URL"),
        ("postgresql://alice@127.0.0.1:{port}/postgres", "the server refused the password for user 'alice'"),
        ("postgresql://annotator@127.0.0.1:{free}/x", "no server answers at 127.0.0.1:{free}"),
    ],
)
def test_a_bad_url_is_one_line_and_exit_2(
    run, pg_server, url: str, message: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pg_server import free_port

    monkeypatch.setenv("PGPASSWORD", "not the password")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    free = free_port()
    url, message = url.format(port=pg_server.port, free=free), message.format(free=free)
    result = run("labels", url)
    assert result.exit_code == 2
    assert message in result.output
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_the_media_root_comes_from_the_environment_and_caches_stay_on_this_machine(
    run, pg_url: str, clip_25fps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.project.project import Project

    monkeypatch.setenv("ANNOTATOR_MEDIA_ROOT", str(clip_25fps.parent))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    run("new", pg_url)
    result = run("add-video", pg_url, clip_25fps)
    assert result.output == f"added {clip_25fps.name}: 100 frames at 25 fps\n"
    with Project.open(pg_url) as opened:
        assert opened.cache.root == tmp_path / "cache" / "annotator" / "media"
        assert opened.video_path(opened.store.videos()[0]) == clip_25fps
    assert any((tmp_path / "cache" / "annotator" / "media").iterdir())  # the probe result
