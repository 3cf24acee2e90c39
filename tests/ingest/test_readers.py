"""JSONL, RSS/Atom, WARC readers and input expansion, through ``read_articles``."""

from __future__ import annotations

import gzip
import uuid

import pytest

from dateline.ingest import Failure, read_articles
from dateline.schema import Article

PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<meta property="article:published_time" content="2023-10-14T07:45:00+03:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>
<p>{body}</p><p>Officials said the strike hit a residential building shortly after midnight,
and rescuers were still searching the rubble for survivors on Saturday morning.</p>
<p>The regional governor said emergency services had evacuated residents from nearby streets.</p>
</article><footer>Copyright 2023 Example Monitor</footer></body></html>"""


def _split(items):
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    return articles, failures


def test_jsonl_reads_text_and_html_and_reports_bad_lines(fixture_path):
    articles, failures = _split(list(read_articles([str(fixture_path("jsonl", "articles.jsonl"))])))
    assert [a.id for a in articles] == ["wire-001", "wire-002", articles[2].content_hash]
    first = articles[0]
    assert first.title == "Protesters march in Goma against M23 advance"
    assert first.published == "2024-05-09T11:20+00:00"
    assert first.url == "https://wire.example.org/2024/05/09/goma-protest"
    assert first.text.startswith("Hundreds of people marched")
    assert first.source.record == "line 1"
    assert articles[1].published == "2024-05-09"
    assert "car bomb exploded" in articles[1].text
    assert sorted((f.source.rsplit(":", 1)[1], f.code) for f in failures) == [
        ("3", "E105"), ("4", "E105"), ("5", "E105"),
    ]  # fmt: skip


def test_jsonl_gzip(tmp_path, fixture_path):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(fixture_path("jsonl", "articles.jsonl").read_bytes()))
    articles, failures = _split(list(read_articles([str(path)])))
    assert len(articles) == 3 and len(failures) == 3


def test_rss_items_become_articles(fixture_path):
    articles, failures = _split(list(read_articles([str(fixture_path("feeds", "conflict.rss"))])))
    assert [a.url for a in articles] == [
        "https://wire.example.org/2024/03/02/idlib-shelling",
        "https://wire.example.org/2024/03/01/aid-convoy",
    ]
    shelling = articles[0]
    assert shelling.title == "Shelling kills four in Idlib countryside, rescuers say"
    assert shelling.published == "2024-03-02T14:05+00:00"
    assert len(shelling.blocks) == 3  # full content:encoded, not the one-line summary
    assert "White Helmets" in shelling.text
    assert articles[1].text.startswith("A convoy of 20 trucks")
    assert [f.code for f in failures] == ["E105"]  # the item without any text


def test_atom_entry(fixture_path):
    (article,) = list(read_articles([str(fixture_path("feeds", "conflict.atom"))]))
    assert article.url == "https://monitor.example.net/2023/10/14/kherson-depot"
    assert article.published == "2023-10-14T04:45+00:00"
    assert article.text.split("\n\n") == [
        "Drones struck a fuel depot on the outskirts of Kherson overnight, the regional governor said on Saturday.",
        "No casualties were reported.",
    ]


def _warc_record(uri: str, content_type: str, body: bytes) -> bytes:
    """One gzip member holding a WARC/1.0 response record, written by hand as crawlers do."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    payload = http + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2023-10-14T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + payload + b"\r\n\r\n")


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    return b"".join(_warc_record(*record) for record in records)


WARC_RECORDS = [
    ("https://monitor.example.net/a", "text/html; charset=utf-8",
     PAGE.format(title="Drone strike hits Kherson", body="A drone strike hit a building in Kherson.").encode()),
    ("https://monitor.example.net/style.css", "text/css", b"body { color: red }"),
    ("https://monitor.example.net/b", "text/html; charset=windows-1252",
     PAGE.format(title="Café shelled in Kharkiv", body="Shelling hit a café in Kharkiv’s centre.").encode("cp1252")),
]  # fmt: skip


def test_warc_gz_html_responses(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(WARC_RECORDS))
    articles, failures = _split(list(read_articles([str(path)])))
    assert not failures
    assert [a.url for a in articles] == ["https://monitor.example.net/a", "https://monitor.example.net/b"]
    assert articles[0].title == "Drone strike hits Kherson"
    assert "Kharkiv’s centre" in articles[1].text
    assert articles[0].source.format == "warc"


def test_truncated_warc_keeps_earlier_records(tmp_path):
    data = _warc(WARC_RECORDS)
    path = tmp_path / "truncated.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    articles, failures = _split(list(read_articles([str(path)])))
    assert [a.url for a in articles] == ["https://monitor.example.net/a"]
    assert len(failures) == 1 and failures[0].code == "E105"
    assert "truncated" in str(failures[0])


def test_directory_and_glob_expansion(tmp_path, fixture_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(fixture_path("text", "el-fasher-2024-06-16.txt").read_text())
    (tmp_path / "two.jsonl").write_bytes(fixture_path("jsonl", "articles.jsonl").read_bytes())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("ignored")
    from_dir, _ = _split(list(read_articles([str(tmp_path)])))
    from_glob, _ = _split(list(read_articles([str(tmp_path / "**" / "*.txt")])))
    assert len(from_dir) == 4
    assert [a.source.path for a in from_glob] == [str(tmp_path / "sub" / "one.txt")]


@pytest.mark.parametrize("path", ["does/not/exist.txt", "nothing-*.jsonl"])
def test_missing_paths_are_failures(path):
    (failure,) = list(read_articles([path]))
    assert failure.code == "E101"


def test_same_text_same_id_across_formats(tmp_path):
    body = "Gunmen killed 12 villagers in central Mali on Friday, officials said."
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text("  " + body.replace(" ", "  ") + "\n")
    a, b = [x for x in read_articles([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])]
    assert a.id == b.id == a.content_hash
    assert a.source.path != b.source.path
