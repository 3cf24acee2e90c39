"""CSV/TSV article tables: columns by name, one article per row, bad rows as Failures."""

from __future__ import annotations

import pytest

from dateline.ingest import Failure, read_articles
from dateline.settings import Settings

BODY = "Government forces shelled the town of Saraqib on Tuesday, killing six civilians, monitors said."


def _read(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return list(read_articles([str(path)], Settings(min_language_chars=10_000)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.csv", f',date,text,source\n0,2019-04-10,"{BODY}",Guardian\n'),
        ("a.csv", f'\ufeffHeadline,Body,Published,URL\nStrikes,"{BODY}",2019-04-10,https://x.example/a\n'),
        ("a.tsv", f"id\ttitle\tcontent\tpubdate\nk1\tStrikes\t{BODY}\t2019-04-10\n"),
    ],
)
def test_columns_are_found_by_name(tmp_path, name, content):
    (article,) = _read(tmp_path, name, content)
    assert article.text == BODY
    assert article.published.startswith("2019-04-10")
    assert article.source.format == "csv" and article.source.record == "row 1"


def test_multiline_cells_and_metadata(tmp_path):
    content = f'title,text,url,publisher\n"Two, paragraphs","{BODY}\n\nSecond paragraph.",https://n.example/1,Outlet\n'
    (article,) = _read(tmp_path, "m.csv", content)
    assert article.text == f"{BODY}\n\nSecond paragraph." and len(article.blocks) == 2
    assert (article.title, article.url, article.publisher) == (
        "Two, paragraphs",
        "https://n.example/1",
        "Outlet",
    )


def test_bad_rows_fail_alone(tmp_path):
    items = _read(tmp_path, "b.csv", f'text,title\n"",empty\n"{BODY}",good\n')
    failure, article = items
    assert isinstance(failure, Failure) and failure.code == "E105" and failure.source.endswith(":1")
    assert article.title == "good"


def test_table_without_a_text_column(tmp_path):
    (failure,) = _read(tmp_path, "n.csv", "name,value\na,1\n")
    assert isinstance(failure, Failure) and "no text" in str(failure)
