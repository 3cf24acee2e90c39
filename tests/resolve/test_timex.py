"""Time expressions: the resolver (tables + properties), tense from the parse, the stage, attachment."""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.extract import MentionStage
from dateline.ingest.build import build_article
from dateline.ingest.convert import raw_from_text
from dateline.resolve.time import (
    AttachRule,
    Direction,
    ExpressionKind,
    TimeStage,
    clause_direction,
    resolve_expression,
    time_for_span,
)
from dateline.schema import Article, Block, BlockKind, Document, TimePrecision
from dateline.settings import Settings

SUNDAY = datetime(2016, 12, 4, 18, 19)  # the seed article: Sunday 4 December 2016, 6:19 PM
PAST, FUTURE, UNKNOWN = Direction.PAST, Direction.FUTURE, Direction.UNKNOWN


def _day(value: date | None) -> str | None:
    return value.isoformat()[:10] if value is not None else None


@pytest.mark.parametrize(
    ("text", "direction", "start", "end", "precision"),
    [
        # explicit dates
        ("Dec. 4, 2016", UNKNOWN, "2016-12-04", "2016-12-04", "day"),
        ("December 4, 2016, 6:19 PM", UNKNOWN, "2016-12-04", "2016-12-04", "minute"),
        ("4 December", PAST, "2016-12-04", "2016-12-04", "day"),
        ("on 9 May 2020", UNKNOWN, "2020-05-09", "2020-05-09", "day"),
        ("Sept. 11", PAST, "2016-09-11", "2016-09-11", "day"),
        ("May 2020", UNKNOWN, "2020-05-01", "2020-05-31", "month"),
        ("in 2014", PAST, "2014-01-01", "2014-12-31", "year"),
        ("the 1990s", PAST, "1990-01-01", "1999-12-31", "year"),
        ("Around 9 May 2020", UNKNOWN, "2020-05-09", "2020-05-09", "day"),
        # weekdays, by the tense of the clause
        ("Saturday", PAST, "2016-12-03", "2016-12-03", "day"),
        ("on Saturday", PAST, "2016-12-03", "2016-12-03", "day"),
        ("Friday", PAST, "2016-12-02", "2016-12-02", "day"),
        ("Sunday", PAST, "2016-12-04", "2016-12-04", "day"),
        ("Monday", FUTURE, "2016-12-05", "2016-12-05", "day"),
        ("Monday", PAST, "2016-11-28", "2016-11-28", "day"),
        ("Monday", UNKNOWN, "2016-11-28", "2016-11-28", "day"),
        ("last Sunday", UNKNOWN, "2016-11-27", "2016-11-27", "day"),
        ("next Sunday", UNKNOWN, "2016-12-11", "2016-12-11", "day"),
        ("Saturday night", PAST, "2016-12-03", "2016-12-03", "day"),
        ("3 p.m. on Saturday", PAST, "2016-12-03", "2016-12-03", "minute"),
        # weeks, months, years
        ("next week", UNKNOWN, "2016-12-05", "2016-12-11", "week"),
        ("last week", UNKNOWN, "2016-11-21", "2016-11-27", "week"),
        ("the past week", UNKNOWN, "2016-11-27", "2016-12-04", "week"),
        ("past week", PAST, "2016-11-27", "2016-12-04", "week"),
        ("the past 24 hours", PAST, "2016-12-03", "2016-12-04", "day"),
        ("last month", PAST, "2016-11-01", "2016-11-30", "month"),
        ("last year", PAST, "2015-01-01", "2015-12-31", "year"),
        ("earlier this year", PAST, "2016-01-01", "2016-12-04", "year"),
        ("earlier this month", PAST, "2016-12-01", "2016-12-04", "month"),
        ("three days ago", PAST, "2016-12-01", "2016-12-01", "day"),
        ("in three days", FUTURE, "2016-12-07", "2016-12-07", "day"),
        ("yesterday", PAST, "2016-12-03", "2016-12-03", "day"),
        ("overnight", PAST, "2016-12-03", "2016-12-04", "day"),
        ("overnight", FUTURE, "2016-12-04", "2016-12-05", "day"),
        # parts of periods and seasons (conventions in data/time/conventions.toml)
        ("mid-September", PAST, "2016-09-08", "2016-09-23", "week"),
        ("late summer", PAST, "2016-08-07", "2016-09-22", "season"),
        ("since late summer", PAST, "2016-08-07", "2016-12-04", "season"),
        ("by the end of the year", FUTURE, "2016-12-31", "2016-12-31", "day"),
        ("the end of the year", FUTURE, "2016-11-25", "2016-12-31", "season"),
        ("early 2015", PAST, "2015-01-01", "2015-07-02", "season"),
        ("last summer", PAST, "2016-06-21", "2016-09-22", "season"),
        ("winter", PAST, "2015-12-21", "2016-03-19", "season"),
        ("the summer of 2015", PAST, "2015-06-21", "2015-09-22", "season"),
        # ranges
        ("between 2 and 5 May", PAST, "2016-05-02", "2016-05-05", "day"),
        ("2-5 May 2020", UNKNOWN, "2020-05-02", "2020-05-05", "day"),
        ("between 2014 and 2016", PAST, "2014-01-01", "2016-12-31", "year"),
        ("from Monday to Wednesday", PAST, "2016-11-28", "2016-11-30", "day"),
        # fixed holidays
        ("Christmas", PAST, "2015-12-25", "2015-12-25", "day"),
    ],
)
def test_resolve_expression_table(text, direction, start, end, precision):
    result = resolve_expression(text, SUNDAY, direction)
    assert result.kind is ExpressionKind.CALENDAR
    assert (_day(result.start), _day(result.end), result.precision.value) == (start, end, precision)
    assert result.reason is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("seven-day", ExpressionKind.DURATION),
        ("three days", ExpressionKind.DURATION),
        ("for two weeks", ExpressionKind.DURATION),
        ("24 hours", ExpressionKind.DURATION),
        ("5-year-old", ExpressionKind.AGE),
        ("35", ExpressionKind.NUMBER),
        ("1125", ExpressionKind.NUMBER),
        ("Between 8 and", ExpressionKind.NUMBER),
        ("daily", ExpressionKind.FREQUENCY),
        ("every day", ExpressionKind.FREQUENCY),
        ("twice a week", ExpressionKind.FREQUENCY),
    ],
)
def test_non_dates_are_classified(text, kind):
    result = resolve_expression(text, SUNDAY, PAST)
    assert result.kind is kind
    assert result.start is None and result.reason.startswith("not a date")


@pytest.mark.parametrize(
    ("text", "anchor", "reason"),
    [
        ("two days later", SUNDAY, "relative to another event"),
        ("the following day", SUNDAY, "relative to another event"),
        ("Ramadan", SUNDAY, "movable holiday"),
        ("Saturday", None, "no anchor"),
        ("next week", None, "no anchor"),
    ],
)
def test_unresolvable_expressions_keep_a_reason(text, anchor, reason):
    result = resolve_expression(text, anchor, PAST)
    assert result.kind is ExpressionKind.CALENDAR
    assert result.start is None
    assert reason in result.reason


def test_explicit_dates_need_no_anchor():
    result = resolve_expression("Dec. 4, 2016", None)
    assert (_day(result.start), result.anchored) == ("2016-12-04", False)


def test_southern_hemisphere_swaps_seasons():
    january = datetime(2017, 1, 15)
    north = resolve_expression("summer", january, PAST)
    south = resolve_expression("summer", january, PAST, hemisphere="south")
    assert (_day(north.start), _day(north.end)) == ("2016-06-21", "2016-09-22")
    assert (_day(south.start), _day(south.end)) == ("2016-12-21", "2017-03-19")


# -- properties -----------------------------------------------------------------------------------

_FORMATS = ["%B %d, %Y", "%d %B %Y", "%b. %d, %Y", "%Y-%m-%d", "on %d %B %Y", "%A, %B %d, %Y", "%d %b %Y"]
_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@given(
    text=st.text(max_size=60),
    anchor=st.one_of(st.none(), st.datetimes(datetime(1950, 1, 1), datetime(2090, 1, 1))),
)
@settings(max_examples=300, deadline=None)
def test_resolver_never_raises_and_orders_bounds(text, anchor):
    result = resolve_expression(text, anchor, Direction.PAST)
    if result.start is not None:
        assert result.end is not None and result.precision is not None
        assert str(result.start)[:10] <= str(result.end)[:10]
    else:
        assert result.reason


@given(day=_DATES, fmt=st.sampled_from(_FORMATS))
@settings(max_examples=200, deadline=None)
def test_formatted_dates_round_trip(day, fmt):
    text = day.strftime(fmt).replace(" 0", " ")
    result = resolve_expression(text, SUNDAY, UNKNOWN)
    assert (result.start, result.end, result.precision) == (day, day, TimePrecision.DAY), text


@given(anchor=_DATES, weekday=st.integers(0, 6), direction=st.sampled_from([PAST, FUTURE]))
@settings(max_examples=200, deadline=None)
def test_weekday_lands_within_a_week_on_the_right_side(anchor, weekday, direction):
    name = date(2024, 1, 1 + weekday).strftime("%A")  # 1 Jan 2024 was a Monday
    result = resolve_expression(f"on {name}", anchor, direction)
    assert result.start.weekday() == weekday
    offset = (result.start - anchor).days
    assert (-6 <= offset <= 0) if direction is PAST else (0 <= offset <= 6)


@given(anchor=_DATES, month=st.integers(1, 12), day=st.integers(1, 28))
@settings(max_examples=100, deadline=None)
def test_day_and_month_without_year_is_the_latest_one_in_a_past_clause(anchor, month, day):
    text = date(2001, month, day).strftime("%d %B")
    result = resolve_expression(text, anchor, PAST)
    assert result.start <= anchor and anchor - result.start < timedelta(days=366)


# -- the parse ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "word", "direction"),
    [
        (
            "On Saturday foreign minister Sergei Lavrov called on all rebel fighters to lay down their arms.",
            "Saturday",
            PAST,
        ),
        ("The U.N. Security Council is set to discuss a draft resolution on Monday.", "Monday", FUTURE),
        ("The two sides will resume talks on Monday.", "Monday", FUTURE),
        ("A vote is scheduled for Tuesday.", "Tuesday", FUTURE),
        ("Malahifji told Reuters on Sunday that they are not prepared to leave.", "Sunday", PAST),
        ("Russia may veto the resolution on Monday.", "Monday", FUTURE),
        ("Kerry met with Lavrov in Geneva on Friday.", "Friday", PAST),
    ],
)
def test_clause_direction_from_the_parse(nlp, sentence, word, direction):
    token = next(t for t in nlp(sentence) if t.text == word)
    assert clause_direction(token) is direction


def _run(nlp, article: Article) -> tuple[Document, object]:
    parsed = nlp(article.text)
    document = Document(article=article)
    for stage in (MentionStage(), TimeStage()):
        document = stage(document, parsed)
    return document, parsed


def _times(document: Document) -> dict[str, tuple[str | None, str | None]]:
    return {t.text: (t.start, t.end) for t in document.times}


def test_stage_resolves_weekdays_by_tense(nlp):
    text = (
        "On Saturday foreign minister Sergei Lavrov called on rebel fighters to leave the city. "
        "The U.N. Security Council is set to discuss a draft resolution on Monday. "
        "A rebel official told Reuters on Sunday that they will not leave."
    )
    document, _ = _run(nlp, Article(id="t", content_hash="t", text=text, published="2016-12-04T18:19"))
    times = _times(document)
    assert times["Saturday"] == ("2016-12-03", "2016-12-03")
    assert times["Monday"] == ("2016-12-05", "2016-12-05")
    assert times["Sunday"] == ("2016-12-04", "2016-12-04")
    assert all(t.anchor == "2016-12-04T18:19" for t in document.times)


def test_stage_drops_ages_durations_and_frequencies(nlp):
    text = (
        "Khalil Halabi, 35, a pharmacist, said daily bombing had not stopped in the 5-year-old conflict. "
        "The council called for a seven-day truce last month."
    )
    document, _ = _run(nlp, Article(id="t", content_hash="t", text=text, published="2016-12-04"))
    assert set(_times(document)) == {"last month"}


def test_stage_drops_dates_that_are_parts_of_names(nlp):
    text = (
        "On 2 May 2020, forces fired machine guns at 7 July and Engineering College areas. "
        "Residents of the 25 of March sector protested on Monday Avenue."
    )
    document, _ = _run(nlp, Article(id="t", content_hash="t", text=text, published="2020-05-10"))
    assert set(_times(document)) == {"2 May 2020"}


def test_stage_anchors_caption_expressions_on_the_caption_date(nlp):
    body = "Government forces advanced in the city on Saturday."
    caption = "Children who fled last month play in eastern Aleppo, Syria, Dec. 1, 2016."
    text = f"{body}\n\n{caption}"
    blocks = (Block(0, len(body)), Block(len(body) + 2, len(text), BlockKind.CAPTION))
    article = Article(id="t", content_hash="t", text=text, published="2017-01-10", blocks=blocks)
    document, _ = _run(nlp, article)
    by_text = {t.text: t for t in document.times}
    assert (by_text["last month"].start, by_text["last month"].end) == ("2016-11-01", "2016-11-30")
    assert by_text["last month"].anchor == "2016-12-01"
    assert by_text["Saturday"].anchor == "2017-01-10"


def test_stage_keeps_unresolvable_expressions_with_a_reason(nlp):
    text = "Fighting broke out on Saturday. Two days later the rebels withdrew."
    document, _ = _run(nlp, Article(id="t", content_hash="t", text=text, published=None))
    assert document.times and all(t.start is None and t.reason for t in document.times)


def test_time_for_span_rules(nlp):
    text = (
        "At least 30,000 people have fled the city in the past week, the Red Cross said on Friday. "
        "Aid workers said 400,000 people were already forced from their homes. "
        "Troops entered the town."
    )
    article = Article(id="t", content_hash="t", text=text, published="2016-12-04T18:19")
    document, parsed = _run(nlp, article)
    fled = text.index("fled")
    clause = time_for_span(document, parsed, fled, fled + 4)
    assert (clause.rule, clause.ref.text, clause.ref.start) == (AttachRule.CLAUSE, "past week", "2016-11-27")
    said = text.index("said on Friday")
    assert time_for_span(document, parsed, said, said + 4).ref.text == "Friday"
    forced = text.index("forced")
    fallback = time_for_span(document, parsed, forced, forced + 6)
    assert fallback.rule is AttachRule.PUBLICATION and fallback.ref.rule == "publication"
    assert (fallback.ref.start, fallback.ref.end, fallback.ref.precision) == (
        "2016-11-28",
        "2016-12-04",
        TimePrecision.WEEK,
    )


def test_time_for_span_falls_back_to_an_explicit_date_in_the_sentence(nlp):
    text = "On Friday, Kerry said the U.N. estimates 100,000 people may be trapped."
    article = Article(id="t", content_hash="t", text=text, published="2016-12-04T18:19")
    document, parsed = _run(nlp, article)
    trapped = text.index("trapped")
    found = time_for_span(document, parsed, trapped, trapped + 7)
    assert found.ref.start == "2016-12-02" and found.rule in (AttachRule.CLAUSE, AttachRule.SENTENCE)


def test_seed_times_must_recall(nlp, shared):
    seed = shared("seed", "abc-2016-12-04-aleppo.txt")
    tools = shared("tools", "score.py")
    spec = importlib.util.spec_from_file_location("reference_score", tools)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    import json  # noqa: PLC0415

    gold = json.loads(shared("seed", "expected.json").read_text(encoding="utf-8"))
    article = build_article(raw_from_text(seed.read_text(encoding="utf-8"), fmt="text"), Settings())
    document, _ = _run(nlp, article)
    found = [{"text": t.text, "start": t.start, "end": t.end} for t in document.times]
    must = [g for g in gold["times"] if g["level"] == "must"]
    missed = [g["text"] for g in must if not any(score.time_matches({}, t, g) for t in found)]
    assert missed == []
    matched = [t for t in found if any(score.time_matches({}, t, g) for g in gold["times"])]
    assert len(matched) / len(found) >= 0.9
