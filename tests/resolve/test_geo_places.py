"""Toponym resolution through the real pipeline: disambiguation, supplement, metonymy, actors."""

from __future__ import annotations

import pytest

from dateline.resolve.geo.store import haversine_km
from dateline.schema import PlacePrecision

ALEPPO, ALEPPO_GOVERNORATE, TURKEY, GEORGIA_US, GEORGIA_COUNTRY = 170063, 170062, 298795, 4197000, 614540


def _places(pipeline, make_article, text):
    return pipeline.extract(make_article(text)).places


def _by_text(places, text):
    found = [p for p in places if p.text == text or any(p.text == t for t in (text,))]
    assert found, [p.text for p in places]
    return found[0]


def test_seed_places(pipeline, shared):
    from dateline.ingest import read_articles  # noqa: PLC0415
    from dateline.settings import Settings  # noqa: PLC0415

    article = next(iter(read_articles([str(shared("seed", "abc-2016-12-04-aleppo.txt"))], Settings())))
    places = pipeline.extract(article).places
    ids = {p.geonames_id for p in places}
    assert {ALEPPO, 163843, 2660646, TURKEY, 2921044, 524901} <= ids
    hanano = _by_text(places, "Hanano")
    assert haversine_km(hanano.lat, hanano.lon, 36.22, 37.18) < 5
    assert hanano.precision is PlacePrecision.NEIGHBORHOOD
    assert ALEPPO_GOVERNORATE not in ids


@pytest.mark.parametrize(
    ("text", "surface", "geonames_id"),
    [
        ("Government forces pushed deeper into east Aleppo on Sunday.", "Aleppo", ALEPPO),
        ("Rebels shelled western Aleppo, Syria, overnight.", "Aleppo", ALEPPO),
        ("Turkey closed its border crossings on Monday.", "Turkey", TURKEY),
        ("Turkish officials met their counterparts in Turkey's capital.", "Turkey", TURKEY),
        ("He was born in Georgia and later moved to Atlanta for college.", "Georgia", GEORGIA_US),
        ("Russian tanks rolled into Georgia, approaching Tbilisi and Gori.", "Georgia", GEORGIA_COUNTRY),
        ("Lavrov held talks in Geneva with his counterpart.", "Geneva", 2660646),
        ("Protesters gathered in Deraa after Friday prayers.", "Deraa", 170905),
        ("The fire started on Main Street in Alexandria, La., late Sunday.", "Alexandria", 4314550),
        ("Clashes were reported in Idlib province on Tuesday.", "Idlib", 169387),
        # a country's own name beats a city that only has it as a historical alternate name (Arak, Iran)
        ("Health officials in Iran, Syria and Iraq reported new cases of bird flu.", "Iraq", 99237),
        # local news: readings that share a state win together (Gainesville, Hall County and Georgia)
        (
            "Sewage spilled into a creek in Gainesville on Monday. Hall County officials said Georgia inspectors came.",
            "Gainesville",
            4196586,
        ),
        (
            "Sewage spilled into a creek in Gainesville on Monday. Hall County officials said Georgia inspectors came.",
            "Georgia",
            GEORGIA_US,
        ),
        # oceans and seas are regions, not Atlantic, Iowa
        ("Migrants drowned in the Mediterranean after crossing from Libya.", "Mediterranean", None),
        # natural features the populated-place extracts lack come from the curated supplement
        ("Kurdish forces pushed east of the Euphrates near Deir ez-Zor.", "Euphrates", None),
        ("Floods cut roads across Sumatra and Java on Monday.", "Sumatra", None),
        # a former name of a country is that country; a former state is a curated region
        ("The rebels have captured half of Zaire since launching their offensive.", "Zaire", 203312),
        ("The nerve agent was developed by the Soviet Union in the 1970s.", "Soviet Union", None),
        # "X Valley" named after its town
        ("The outbreak was traced to lettuce grown in the Salinas Valley of California.", "Salinas Valley",
         5391295),
        # a namesake town only counts a county when the county is named as one ("Medina" is not
        # Medina County, Ohio, so Mecca is not the Ohio town that once carried that name)
        ("One pilgrim died in Mecca, the others in Medina.", "Mecca", 104515),
        ("One pilgrim died in Mecca, the others in Medina.", "Medina", 109223),
    ],
)  # fmt: skip
def test_disambiguation(pipeline, make_article, text, surface, geonames_id):
    places = _places(pipeline, make_article, text)
    place = next((p for p in places if surface in p.text), None)
    assert place is not None, [(p.text, p.geonames_id) for p in places]
    if geonames_id is None:  # a curated region without a GeoNames id
        assert place.precision is PlacePrecision.REGION and place.lat is not None, place
    else:
        assert place.geonames_id == geonames_id, (place.name, place.country, place.feature)


def test_east_aleppo_is_the_city_not_the_governorate(pipeline, make_article):
    place = _places(pipeline, make_article, "Thousands fled east Aleppo as the siege tightened.")[0]
    assert place.geonames_id == ALEPPO
    assert place.precision is PlacePrecision.CITY
    assert place.admin1 == "Ḩalab"


def test_neighbourhood_found_by_the_gazetteer_and_gated_on_its_city(pipeline, make_article):
    places = _places(pipeline, make_article, "Families returned to the Hanano district of eastern Aleppo.")
    hanano = _by_text(places, "Hanano")
    assert hanano.label is None  # the NER did not find it; the gazetteer matcher did
    assert haversine_km(hanano.lat, hanano.lon, 36.22, 37.18) < 5
    # the same name without its city in the article is not placed in Aleppo
    elsewhere = _places(pipeline, make_article, "Police cordoned off the Old City after the blast.")
    assert all(haversine_km(p.lat, p.lon, 36.2, 37.16) > 50 for p in elsewhere if p.lat is not None)


def test_aleppos_old_city(pipeline, make_article):
    places = _places(pipeline, make_article, "Rebels said troops were approaching Aleppo's Old City.")
    old_city = _by_text(places, "Old City")
    assert haversine_km(old_city.lat, old_city.lon, 36.199, 37.157) < 3


@pytest.mark.parametrize(
    ("text", "surface", "metonymy"),
    [
        ("Lavrov said Moscow was ready to negotiate the rebels' exit from the city.", "Moscow", True),
        ("Turkey said it would not allow the fighters to cross.", "Turkey", True),
        ("Talks with Moscow collapsed in September.", "Moscow", True),
        ("The delegation flew to Moscow on Friday.", "Moscow", False),
        ("Thousands of refugees crossed into Turkey.", "Turkey", False),
    ],
)
def test_metonymy(pipeline, make_article, text, surface, metonymy):
    place = _by_text(_places(pipeline, make_article, text), surface)
    assert place.metonymy is metonymy
    assert place.geonames_id is not None  # still resolved: the actor stage may use it


def test_places_tagged_as_other_entities_move_out_of_actors(pipeline, make_article):
    text = "An official said that Aleppo has been under siege since summer, and Aleppo is suffering."
    document = pipeline.extract(make_article(text))
    assert _by_text(document.places, "Aleppo").geonames_id == ALEPPO
    assert all(a.name != "Aleppo" for a in document.actors)


@pytest.mark.parametrize(
    ("text", "surface", "is_place"),
    [
        # towns the small NER model calls a person, an organisation or a product
        ("Grozny's streets are still heavily patrolled by troops every night.", "Grozny", True),
        ("North Ossetians this past week demonstrated in Beslan against the governor.", "Beslan", True),
        ("And in the southern province of Muthanna, an army captain was killed.", "Muthanna", True),
        # a surname of a person named in full earlier is never a town of that name
        ("Jesse Jackson arrived on Monday. Jackson said the vote was stolen.", "Jackson", False),
    ],
)
def test_mistagged_towns(pipeline, make_article, text, surface, is_place):
    places = pipeline.extract(make_article(text)).places
    assert any(p.text == surface for p in places) is is_place, [p.text for p in places]


def test_unresolvable_gpe_is_dropped_not_fatal(pipeline, make_article):
    document = pipeline.extract(make_article("A commander of the Fastaqim group told Reuters in Beirut."))
    assert all(p.geonames_id is not None for p in document.places)
    assert any(p.geonames_id == 276781 for p in document.places)  # Beirut


def test_generic_words_are_not_foreign_divisions():
    """ "Western" (a Rwandan province) or "Gulf" (Papua New Guinea) need the article to be there."""
    from dateline.resolve.geo.index import index_path, load_gazetteer  # noqa: PLC0415
    from dateline.resolve.geo.resolver import Toponym, resolve_toponyms  # noqa: PLC0415

    gazetteer = load_gazetteer(index_path(None))
    alone = resolve_toponyms(gazetteer, [Toponym("western", "Western", ((0, 7),))])
    assert alone[0].entry is None
    in_rwanda = resolve_toponyms(
        gazetteer, [Toponym("western", "Western", ((0, 7),)), Toponym("kigali", "Kigali", ((20, 26),))]
    )
    assert in_rwanda[0].entry is not None and in_rwanda[0].entry.country == "RW"


@pytest.mark.parametrize(
    ("text", "surface", "near", "how_far_km"),
    [
        # named next to it
        (
            "An air strike hit Al-Quds Hospital in Aleppo overnight, medics said.",
            "Al-Quds Hospital",
            ALEPPO,
            1,
        ),
        # named inside it
        (
            "Worshippers filled the Manila Cathedral on Sunday, days after the storm.",
            "Manila Cathedral",
            1701668,
            1,
        ),
        # the article's local place; a street named after another city stays in the article's city
        (
            "Police closed Jaffa Road after a stabbing on Monday. Jerusalem police said the suspect was "
            "arrested. Shops in Jerusalem reopened by the evening.",
            "Jaffa Road",
            281184,
            1,
        ),
    ],
)
def test_facilities_are_placed_in_their_town(pipeline, make_article, text, surface, near, how_far_km):
    places = _places(pipeline, make_article, text)
    facility = _by_text(places, surface)
    town = next(p for p in places if p.geonames_id == near) if near != 1701668 else None
    assert facility.geonames_id is None  # not the town itself
    assert facility.lat is not None and facility.precision is PlacePrecision.CITY
    if town is not None:
        assert haversine_km(facility.lat, facility.lon, town.lat, town.lon) < how_far_km
    else:
        assert haversine_km(facility.lat, facility.lon, 14.6, 121.0) < 20  # Manila


def test_natural_features_are_not_put_in_the_articles_town(pipeline, make_article):
    text = "Floodwater from the Neches River reached homes in Lufkin on Monday, Lufkin officials said."
    river = _by_text(_places(pipeline, make_article, text), "Neches River")
    assert river.lat is None and river.geonames_id is None


def test_countries_sit_at_their_geonames_point(pipeline, make_article):
    places = _places(pipeline, make_article, "Wildfires spread across Canada and India this summer.")
    canada, india = _by_text(places, "Canada"), _by_text(places, "India")
    assert haversine_km(canada.lat, canada.lon, 60.10867, -113.64258) < 1
    assert haversine_km(india.lat, india.lon, 22.0, 79.0) < 1


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        # a town and the county it lies in settle each other (local news)
        (
            "The Henry County commission met in Paris on Tuesday to discuss the school budget.",
            "Paris",
            "Tennessee",
        ),
        (
            "The Henry County commission met in Paris on Tuesday to discuss the school budget.",
            "Henry County",
            "Tennessee",
        ),
        # "City, State": the state the city is in, not the capital named like it
        ("A bakery in Tacoma, Washington, reopened on Monday.", "Washington", "Washington"),
        # a list goes on after "New York": it is an item, not the state Washington lies in
        ("After stops in Washington, New York and Boston, the Saudi crown prince ended his tour of the "
         "United States in Houston.", "Washington", "District of Columbia"),
        # a capital beats a same-named division when nothing says otherwise
        ("The talks will take place in Washington next week.", "Washington", "District of Columbia"),
        # the capital of a country the article names beats a namesake town in the story's setting
        (
            "Police in Salisbury and London said the agent came from Russia. The United Kingdom expelled "
            "23 diplomats. In Washington, officials said the United States would follow.",
            "Washington",
            "District of Columbia",
        ),
        # a state listed with other states of its country, not the country named like it
        (
            "Guard units from Hawaii, Nevada and Louisiana flew to Georgia for the exercise.",
            "Georgia",
            "Georgia",
        ),
        # "the 25th District of Florida" names a congressional district, not a district called Florida
        (
            "Congressman Mario Diaz-Balart (25th District of Florida) spoke in Immokalee, Collier County.",
            "Florida",
            "Florida",
        ),
        # a plural type noun after a list types all its items
        ("Wildfires burned in Eastland and Callahan counties, the Texas Fire Service said.", "Eastland",
         "Texas"),
        # items of a list are alike: a state among states, even with the country named
        (
            "Cases were reported in the United States, in Oregon, Utah, Washington and Wyoming.",
            "Washington",
            "Washington",
        ),
    ],
)  # fmt: skip
def test_local_context(pipeline, make_article, text, surface, admin1):
    place = _by_text(_places(pipeline, make_article, text), surface)
    assert place.admin1 == admin1, (place.name, place.admin1)


@pytest.mark.parametrize(
    ("surface", "name", "kind"),
    [
        ("Kurdish", "Kurdistan", "region"),
        ("Central American", "Central America", "region"),
        ("Korean", "South Korea", "country"),
        ("Sicilian", "Sicilia", "admin1"),
    ],
)
def test_demonyms_used_as_places(surface, name, kind):
    """A demonym tagged as a place ("the Kurdish enclave") is its country, region or division."""
    from dateline.resolve.geo.index import load_gazetteer  # noqa: PLC0415
    from dateline.resolve.geo.normalize import name_key  # noqa: PLC0415
    from dateline.resolve.geo.resolver import Toponym, resolve_toponyms  # noqa: PLC0415

    (found,) = resolve_toponyms(load_gazetteer(), [Toponym(name_key(surface), surface, ((0, len(surface)),))])
    assert found.entry is not None and (found.entry.name, found.entry.kind.value) == (name, kind)


def test_plural_type_noun_types_the_whole_list(pipeline, make_article):
    text = "Wildfires burned in Eastland and Callahan counties, the Texas Fire Service said."
    place = _by_text(_places(pipeline, make_article, text), "Eastland")
    assert place.precision is PlacePrecision.ADMIN2, (place.name, place.feature)


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        # a leading Arabic article is dropped in English ("Al Qāmishlī")
        ("Turkish artillery fired on Qamishli and other towns in north-east Syria on Tuesday.", "Qamishli",
         "Al Qāmishlī", "SY"),
        # English spellings of divisions of conflict zones
        ("Al-Shabab fighters attacked a base in Lower Shabelle, Somalia, on Sunday.", "Lower Shabelle",
         "Shabeellaha Hoose", "SO"),
        ("Iraqi forces advanced in Salahuddin province, north of Baghdad.", "Salahuddin province", "Şalāḩ ad Dīn",
         "IQ"),
        ("Coalition jets struck targets near Hodeidah, Yemen, overnight.", "Hodeidah", "Al Ḩudaydah", "YE"),
        # a Russian republic by its bare name ("Dagestan, Respublika")
        ("Gunmen attacked a police post in Dagestan, Russia, on Friday.", "Dagestan", "Dagestan, Respublika",
         "RU"),
        # an Indonesian regency without "Kabupaten"
        ("The tsunami struck Pangandaran, on the south coast of Java, Indonesia.", "Pangandaran",
         "Kabupaten Pangandaran", "ID"),
        # former first-level divisions still named by archives and older reports
        ("Cholera cases rose in Nyanza Province, western Kenya, officials said.", "Nyanza Province",
         "Nyanza Province", "KE"),
        ("Fighting displaced thousands in Katanga, in the south of the Democratic Republic of Congo.",
         "Katanga", "Katanga", "CD"),
        ("Police in Yorkshire said two men were arrested after the attack.", "Yorkshire", "Yorkshire",
         "GB"),
    ],
)  # fmt: skip
def test_news_forms_and_former_divisions(pipeline, make_article, text, surface, name, country):
    place = _by_text(_places(pipeline, make_article, text), surface)
    assert (place.name, place.country) == (name, country)


def test_a_former_division_does_not_outrank_a_current_one_without_context():
    """Sri Lanka's current Western Province comes before Kenya's (abolished 2013) when nothing says which."""
    from dateline.resolve.geo.index import load_gazetteer  # noqa: PLC0415
    from dateline.resolve.geo.resolver import rank_name  # noqa: PLC0415

    first = rank_name(load_gazetteer(), "Western Province")[0]
    assert first["country"] == "LK", first


@pytest.mark.parametrize(
    ("text", "geonames_id"),
    [
        ("He lives in New York and works in finance.", 5128581),  # AP style: the city
        ("A girl from Buffalo, New York, died of the virus on Monday.", 5128638),  # "City, State"
        ("Cases were reported in New Jersey, New York, Ohio and Oregon.", 5128638),  # a state among states
        ("Former New York Gov. Mario Cuomo rose to national fame.", 5128638),  # the state's office
    ],
)
def test_new_york_city_or_state(pipeline, make_article, text, geonames_id):
    assert _by_text(_places(pipeline, make_article, text), "New York").geonames_id == geonames_id


def test_a_large_division_is_not_placed_on_its_namesake_city():
    """The published point of New York State was New York City's; the state sits at the centre of its
    towns instead, more than 150 km from the city."""
    from dateline.resolve.geo.index import load_gazetteer  # noqa: PLC0415
    from dateline.resolve.geo.resolver import rank_name  # noqa: PLC0415

    state = next(r for r in rank_name(load_gazetteer(), "New York state") if r["geonames_id"] == 5128638)
    assert haversine_km(state["lat"], state["lon"], 40.71, -74.01) > 150


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # the article's continent tips a near-tie between namesakes
        (
            "Leaders from across Europe met Ukraine's president in Venice on Monday, and the United States "
            "sent an envoy.",
            "Venice",
            "IT",
        ),
    ],
)
def test_continent_context(pipeline, make_article, text, surface, country):
    place = _by_text(_places(pipeline, make_article, text), surface)
    assert place.country == country, (place.name, place.country)


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        # the type noun "airport" makes a city's name its airport
        ("Fighting raged around Donetsk airport on Sunday, Ukrainian officials said.", "Donetsk",
         "Donetsk International Airport", "UA"),
        # an airport's own name, and its namesake town abroad only where the text is there
        ("British police searched an Aeroflot plane at Heathrow airport, officials in London said.",
         "Heathrow", "London Heathrow Airport", "GB"),
        ("Passengers landing at Schiphol on Friday were screened for the virus.", "Schiphol",
         "Amsterdam Airport Schiphol", "NL"),
        # without the type noun the city is the city
        ("Shelling hit Donetsk on Sunday, Ukrainian officials said.", "Donetsk", "Donetsk", "UA"),
    ],
)  # fmt: skip
def test_airports(pipeline, make_article, text, surface, name, country):
    place = _by_text(_places(pipeline, make_article, text), surface)
    assert (place.name, place.country) == (name, country)
    assert (place.precision is PlacePrecision.POINT) == name.endswith(("Airport", "Schiphol"))


@pytest.mark.parametrize(
    ("name", "city", "stem"),
    [
        ("London Heathrow Airport", "London", "Heathrow"),
        ("Washington Dulles International Airport", "Washington", "Dulles"),
        ("Amsterdam Airport Schiphol", "Amsterdam", "Schiphol"),
        ("Kabul International Airport", "Kabul", "Kabul"),
        ("Al Asad Air Base", "", "Al Asad"),
    ],
)
def test_airport_stems(name, city, stem):
    from dateline.resolve.geo.airports import _stem  # noqa: PLC0415

    assert _stem(name, city) == stem


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a generic name followed by "and" is no adjective ("Western countries"), and a type noun types it
        ("Mining communities in the North West and Limpopo provinces of South Africa went to court.",
         "North West", "North-West"),
        # "the Gulf" is the Persian Gulf, never Gulf Province of Papua New Guinea
        ("The embargo on Qatar, a fellow US ally in the Gulf, entered its second year.", "Gulf", "Persian Gulf"),
        # a conflict-zone garrison from the supplement
        ("Russia accused the United States of sending weapons to the al-Tanf area of southern Syria.",
         "al-Tanf", "Al-Tanf"),
    ],
)  # fmt: skip
def test_generic_names_and_regions(pipeline, make_article, text, surface, name):
    assert _by_text(_places(pipeline, make_article, text), surface).name == name
