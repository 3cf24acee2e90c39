"""Actor resolution: dictionary names, titles, nationality words, generic groups, coreference."""

from __future__ import annotations

import pytest

from dateline.resolve.dictionary import load_dictionary


@pytest.fixture(scope="module")
def actors_of(pipeline):
    from dateline.ingest.build import build_article  # noqa: PLC0415
    from dateline.ingest.convert import raw_from_text  # noqa: PLC0415

    def run(text: str, published: str = "2016-12-04"):
        article = build_article(raw_from_text(text, fmt="text", published=published), pipeline.settings)
        doc = pipeline.extract(article)
        return {a.name: a for a in doc.actors}, doc

    return run


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        (
            "Syrian government troops seized the town on Sunday, residents said.",
            "Syrian government troops",
            "military",
            "SYR",
        ),
        (
            "Russian officials said the talks would go ahead in Geneva next week.",
            "Russian officials",
            "government",
            "RUS",
        ),
        (
            "Foreign minister Sergei Lavrov said Moscow was ready to negotiate.",
            "Sergei Lavrov",
            "person",
            "RUS",
        ),
        (
            "Secretary of State John Kerry met his counterpart in Geneva on Friday.",
            "John Kerry",
            "person",
            "USA",
        ),
        (
            "An official from the rebel group Jabha Shamiya confirmed the advance.",
            "Jabha Shamiya",
            "rebel",
            "SYR",
        ),
        (
            "The World Health Organization said hospitals had been destroyed.",
            "World Health Organization",
            "igo",
            None,
        ),
        (
            "Government forces, backed by Iranian militias, surged forward in Aleppo.",
            "Iranian militias",
            "militia",
            "IRN",
        ),
        (
            "The Rapid Support Forces shelled El Fasher on Saturday, doctors said.",
            "Rapid Support Forces",
            "militia",
            "SDN",
        ),
    ],
)
def test_actor_typed(actors_of, text, name, kind, country):
    actors, _ = actors_of(text)
    assert name in actors, sorted(actors)
    assert (actors[name].kind.value, actors[name].country) == (kind, country)


def test_generic_group_takes_article_country(actors_of):
    actors, _ = actors_of(
        "Rebels in Aleppo refused to surrender on Sunday. Government forces continued shelling the city, "
        "and Syrian state media said the army had taken three districts."
    )
    rebels = next(a for a in actors.values() if a.kind and a.kind.value == "rebel")
    assert rebels.country == "SYR"


def test_surname_and_pronoun_link_to_the_person(actors_of):
    actors, doc = actors_of(
        "Foreign minister Sergei Lavrov spoke in Geneva on Saturday. Lavrov said Moscow was ready to talk, "
        "and he added that the rebels must leave."
    )
    lavrov = actors["Sergei Lavrov"]
    surfaces = {doc.article.text[m.start : m.end] for m in lavrov.mentions}
    assert {"Sergei Lavrov", "Lavrov", "he"} <= surfaces


def test_civilian_inferred_from_description(actors_of):
    actors, _ = actors_of(
        '"The destruction is indescribable," Khalil Halabi, 35, a pharmacist fleeing eastern Aleppo, told Reuters.'
    )
    halabi = actors["Khalil Halabi"]
    assert halabi.kind.value == "person"
    assert "pharmacist" in (halabi.description or "")
    assert halabi.country == "SYR"


def test_common_words_do_not_match_names(actors_of):
    actors, _ = actors_of("Eastern Aleppo has been under total siege since late summer, the group said.")
    assert not any(a.canonical and "Total" in a.canonical for a in actors.values())


def test_user_dictionary_directory(tmp_path):
    (tmp_path / "armed_groups.tsv").write_text(
        "id\tcanonical\tkind\tcountry\taliases\tconflict\tactive_from\tactive_to\tsource\n"
        "test-nfl\tNorthern Freedom League\trebel\tMLI\tNFL|Northern League\tMali\t2023-01-01\t\tuser test\n",
        encoding="utf-8",
    )
    book = load_dictionary([tmp_path])
    entry = book.lookup("Northern League")
    assert entry is not None and (entry.kind.value, entry.country) == ("rebel", "MLI")
    assert book.lookup("Levant Front") is not None  # the packaged rows are still there
