"""The contact sheet's HTML as a browser reads it: one section per group in the order given,
each segment an article of stills and a list of label, video, time, coder, status and note."""

from __future__ import annotations

from html_tree import Element, parse

from annotator.formats.reports.contact_sheet import SheetEntry, Still, render_sheet


def _entry(group: str, **changes: object) -> SheetEntry:
    fields: dict[str, object] = {
        "group": group,
        "label": "driving",
        "colour": "#1f77b4",
        "video": "clip.mp4",
        "start_tc": "00:00:01:00",
        "end_tc": "00:00:02:12",
        "duration_s": "1.480",
        "note": "",
        "coder": "",
        "status": "unreviewed",
        "stills": (
            Still(25, "00:00:01:00", "stills/clip-25.jpg"),
            Still(43, "00:00:01:18", "stills/clip-43.jpg"),
            Still(61, "00:00:02:11", "stills/clip-61.jpg"),
        ),
    }
    return SheetEntry(**(fields | changes))  # type: ignore[arg-type]


def _details(article: Element) -> list[tuple[str, str]]:
    (details,) = article.find_all("dl")
    assert details.strays() == []
    assert details.tags == ["dt", "dd"] * (len(details.tags) // 2)
    names, values = details.elements[::2], details.elements[1::2]
    return [(name.text, value.text) for name, value in zip(names, values, strict=True)]


def _sheet(entries: list[SheetEntry]) -> Element:
    text = render_sheet("Driving & talk", "2 videos · <all> segments", entries)
    assert text.lower().endswith("</html>\n")  # nothing after the document
    declarations, document = parse(text)
    assert [d.lower() for d in declarations] == ["doctype html"]
    assert document.strays() == []
    (html,) = document.elements
    assert html.tag == "html"
    assert (html.attrs["lang"] or "").lower() == "en"
    assert html.tags == ["head", "body"]
    assert html.strays() == []
    head, body = html.elements
    assert head.tags == ["meta", "title", "style"]
    assert (head.elements[0].attrs["charset"] or "").lower() == "utf-8"
    assert head.elements[1].text == "Driving & talk"
    assert body.strays() == []
    header = body.elements[0]
    assert [(e.tag, e.text) for e in header.elements] == [
        ("h1", "Driving & talk"),
        ("p", "2 videos · <all> segments"),
    ]
    return body


def test_each_group_is_a_section_headed_by_its_name_and_count() -> None:
    entries = [
        _entry("clip.mp4"),
        _entry("clip.mp4", start_tc="00:00:05:00"),
        _entry("ntsc.mp4", video="ntsc.mp4"),
        _entry("phone & co.mp4", video="phone & co.mp4"),
    ]
    body = _sheet(entries)
    assert body.tags == ["header", "section", "section", "section"]
    sections = body.elements[1:]
    assert [section.strays() for section in sections] == [[], [], []]
    assert [section.tags for section in sections] == [
        ["h2", "article", "article"],
        ["h2", "article"],
        ["h2", "article"],
    ]
    assert [section.elements[0].text for section in sections] == [
        "clip.mp4 (2)",
        "ntsc.mp4 (1)",
        "phone & co.mp4 (1)",
    ]
    times = [dict(_details(article))["time"] for article in body.find_all("article")]
    assert times[:2] == ["00:00:01:00 – 00:00:02:12 (1.480 s)", "00:00:05:00 – 00:00:02:12 (1.480 s)"]


def test_a_group_that_comes_back_later_gets_a_section_of_its_own_counting_all_its_entries() -> None:
    body = _sheet([_entry("a"), _entry("b"), _entry("a")])
    assert [section.elements[0].text for section in body.elements[1:]] == ["a (2)", "b (1)", "a (2)"]
    assert [len(section.find_all("article")) for section in body.elements[1:]] == [1, 1, 1]


def test_a_sheet_without_segments_has_its_heading_only() -> None:
    body = _sheet([])
    assert body.tags == ["header"]


def test_an_article_shows_the_stills_in_order_with_their_timecodes() -> None:
    (article,) = _sheet([_entry("g")]).find_all("article")
    assert article.tags == ["div", "dl"]
    stills = article.elements[0]
    assert stills.attrs["class"] == "stills"
    assert stills.strays() == []
    assert stills.tags == ["figure"] * 3
    shown = []
    for figure in stills.elements:
        assert figure.strays() == []
        image, caption = figure.elements
        assert (image.tag, caption.tag) == ("img", "figcaption")
        shown.append((image.attrs["src"], image.attrs["alt"], caption.text))
    assert shown == [
        ("stills/clip-25.jpg", "frame 25", "00:00:01:00"),
        ("stills/clip-43.jpg", "frame 43", "00:00:01:18"),
        ("stills/clip-61.jpg", "frame 61", "00:00:02:11"),
    ]


def test_the_details_name_label_video_time_coder_and_status() -> None:
    (article,) = _sheet([_entry("g")]).find_all("article")
    assert _details(article) == [
        ("label", "driving"),
        ("video", "clip.mp4"),
        ("time", "00:00:01:00 – 00:00:02:12 (1.480 s)"),
        ("coder", "-"),
        ("status", "unreviewed"),
    ]
    (swatch,) = [span for span in article.find_all("span") if span.attrs.get("class") == "swatch"]
    assert swatch.attrs["style"] == "background:#1f77b4"


def test_a_note_a_coder_and_a_two_word_status_are_shown_as_written() -> None:
    entry = _entry("g", note="first line\n<b>bold</b> & more", coder="ana", status="needs_fix")
    (article,) = _sheet([entry]).find_all("article")
    assert _details(article)[3:] == [
        ("coder", "ana"),
        ("status", "needs fix"),
        ("note", "first line\n<b>bold</b> & more"),
    ]
    (status,) = [
        span for span in article.find_all("span") if span.attrs.get("class", "").startswith("status")
    ]
    assert status.attrs["class"] == "status-needs_fix"
