"""Lookups from text offsets to the document's actors (and their mentions)."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ..schema import Actor, Document

__all__ = ["ActorIndex"]


class ActorIndex:
    """Find the actor whose mention covers a character offset or a token."""

    def __init__(self, document: Document) -> None:
        rows = sorted(((m.start, m.end, a) for a in document.actors for m in a.mentions), key=lambda r: r[:2])
        self._starts = [r[0] for r in rows]
        self._rows = rows
        self.by_id = {a.id: a for a in document.actors}

    def at(self, char: int) -> Actor | None:
        """The actor with a mention covering ``char`` (the innermost, i.e. the latest-starting)."""
        i = bisect.bisect_right(self._starts, char)
        best = None
        for start, end, actor in reversed(self._rows[max(0, i - 8) : i]):
            if start <= char < end and (best is None or start > best[0]):
                best = (start, actor)
        return best[1] if best else None

    def for_token(self, token: Token) -> Actor | None:
        """The actor covering ``token``, looking through a phrase to its head noun."""
        return self.at(token.idx)

    def for_phrase(self, head: Token) -> list[Actor]:
        """Actors of a phrase and of the phrases coordinated with it, without duplicates."""
        found: dict[str, Actor] = {}
        for token in [head, *head.conjuncts]:
            actor = self.at(token.idx)
            if actor is not None:
                found.setdefault(actor.id, actor)
        return list(found.values())
