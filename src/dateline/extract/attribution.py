"""Who says what: reporting clauses (``X said``, ``according to X``, ``X told Reuters``) and their scope."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..schema import Attribution, AttributionRelation, Document
from .index import ActorIndex
from .lexicon import lexicon
from .phrases import core_np

__all__ = ["Claim", "attributions_for", "find_claims"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
_MEDIA_KINDS = frozenset({"media"})
_VIA_NOUNS = frozenset(
    {
        "agency",
        "agencies",
        "reporter",
        "reporters",
        "journalist",
        "journalists",
        "television",
        "tv",
        "radio",
        "media",
    }
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A reporting clause: its source, relation, channel and the text it covers."""

    source: str
    relation: AttributionRelation
    verb: str
    start: int
    end: int
    content: tuple[tuple[int, int], ...]
    actor_id: str | None = None
    via: str | None = None

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content)

    def attribution(self) -> Attribution:
        return Attribution(
            source=self.source, relation=self.relation, actor_id=self.actor_id, via=self.via,
            verb=self.verb, start=self.start, end=self.end,
        )  # fmt: skip


def _subject(verb: Token) -> Token | None:
    """The subject of a reporting verb, inherited through coordination and participles (``..., saying``)."""
    seen = 0
    while seen < 4:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if verb.dep_ in {"conj", "advcl", "xcomp", "acl"} and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _via(verb: Token, index: ActorIndex) -> str | None:
    """The channel: ``told Reuters``, ``to Reuters``, ``telling news agencies``."""
    candidates = [c for c in verb.children if c.dep_ in {"dative", "dobj", "iobj"}]
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "confirmed the attack to AFP"
    for prep in (
        c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"to", "with", "on"}
    ):
        candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for token in candidates:
        actor = index.for_token(token)
        if (
            actor is not None and actor.kind is not None and actor.kind.value in _MEDIA_KINDS
        ) or token.lower_ in _VIA_NOUNS:
            return core_np(token).text if actor is None else actor.name
    return None


def _content(verb: Token) -> list[tuple[int, int]]:
    """Character ranges of what the verb reports (its complement clause, or its object)."""
    parts = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if not parts:
        parts = [c for c in verb.children if c.dep_ == "dobj"]
    adds_to = any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)  # "adding to the 400,000"
    if not parts and not adds_to and verb.i + 1 < verb.sent.end:  # misparsed complement: rest of sentence
        return [(verb.idx + len(verb.text), verb.sent.end_char)]
    return [(p.left_edge.idx, p.right_edge.idx + len(p.right_edge.text)) for p in parts]


def _source_text(subject: Token, index: ActorIndex) -> tuple[str, str | None]:
    actor = index.for_token(subject)
    if subject.pos_ == "PRON":
        return (actor.name, actor.id) if actor else (subject.text, None)
    phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    text = _trim_phrase(phrase)
    return text, actor.id if actor else None


def _trim_phrase(phrase: Span) -> str:
    text = phrase.text.strip(" ,")
    for article in ("The ", "the ", "A ", "a ", "An ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _according_to(doc: Doc, index: ActorIndex) -> list[Claim]:
    claims = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
        if not objects:
            continue
        source, actor_id = _source_text(objects[0], index)
        sent = token.sent
        claims.append(
            Claim(
                source=source,
                relation=AttributionRelation.SAYS,
                verb="according to",
                start=token.idx,
                end=doc[token.i + 1].idx + 2,
                content=((sent.start_char, sent.end_char),),
                actor_id=actor_id,
            )  # fmt: skip
        )
    return claims


_CLAIMS_KEY = "dateline.claims"


def find_claims(document: Document, parsed: Doc) -> list[Claim]:
    """Every reporting clause in the article, innermost claims last.

    Computed once per parse and actor list: the event and figure-link stages both ask, and the
    second gets the first's result (kept in ``parsed.user_data`` next to the actors it used).
    """
    cached = parsed.user_data.get(_CLAIMS_KEY)
    if cached is not None and cached[0] is document.actors:
        return cached[1]
    claims = _find_claims(document, parsed)
    parsed.user_data[_CLAIMS_KEY] = (document.actors, claims)
    return claims


def _find_claims(document: Document, parsed: Doc) -> list[Claim]:
    lex = lexicon()
    index = ActorIndex(document)
    claims = []
    for token in parsed:
        relation = lex.relations.get(token.lemma_.lower()) or lex.relations.get(token.lower_.rstrip("s"))
        has_subject = any(c.dep_ in _SUBJECT_DEPS for c in token.children)
        if relation is None or not (token.pos_ == "VERB" or has_subject):  # "the U.N. estimates" mis-tagged
            continue
        content = _content(token)
        subject = _subject(token)
        if not content or subject is None:
            continue
        source, actor_id = _source_text(subject, index)
        claims.append(
            Claim(
                source=source,
                relation=relation,
                verb=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                content=tuple(content),
                actor_id=actor_id,
                via=_via(token, index),
            )  # fmt: skip
        )
    return claims + _according_to(parsed, index)


def attributions_for(claims: list[Claim], start: int, end: int) -> tuple[Attribution, ...]:
    """Attributions of the text ``[start, end)``: every claim covering it, innermost first."""
    covering = [c for c in claims if c.covers(start, end) and not (c.start <= start < c.end)]
    covering.sort(key=lambda c: min(e - s for s, e in c.content))
    return tuple(c.attribution() for c in covering)
