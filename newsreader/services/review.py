"""Reviewing quotes, shared by the reader and the command line (headless).

:func:`load_reviewed` gives the command line an article's annotations with the
stored reviews applied (``newsreader review``, ``export``, ``bookmarks
export``). :class:`ReviewSession` is the reader's side: it keeps the engine's
annotations and the reviews in memory, turns each key press into a
:class:`ReviewWrite` for the store (a worker writes it) and remembers what
each action replaced so that the last one can be undone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsreader.model import Annotations, Article, Quote, Span, SpeakerKind
from newsreader.review import (
    ANONYMOUS_LABEL,
    Review,
    ReviewedAnnotations,
    apply_reviews,
    span_choices,
)
from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError
from newsreader.store.reviews import ReviewStore


def load_reviewed(
    article: Article, annotations: Annotations, store: BookmarkStore | None = None
) -> tuple[ReviewedAnnotations, str | None]:
    """``annotations`` with the stored reviews applied, and a one-line problem.

    ``store`` defaults to the user's bookmark database. When the store cannot
    be read the annotations come back unreviewed, with the reason.
    """
    database = store if store is not None else BookmarkStore()
    try:
        reviews = ReviewStore(database).reviews_for(article.sha256)
    except BookmarkStoreError as error:
        return apply_reviews(article, annotations, ()), str(error)
    return apply_reviews(article, annotations, reviews), None


@dataclass(frozen=True, slots=True)
class ReviewWrite:
    """One change for the store: these fields of the review of ``key``."""

    sha256: str
    key: Span
    changes: Mapping[str, object]
    machine_speaker: str | None
    speaker_kind: SpeakerKind = "unknown"
    """The kind of the quote's speaker after the change (for the archive)."""

    def save(self, store: ReviewStore) -> Review | None:
        """Write the change (see :meth:`ReviewStore.update`)."""
        return store.update(
            self.sha256, self.key, self.changes, machine_speaker=self.machine_speaker
        )


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What one review action did."""

    message: str
    """One line for the user."""
    write: ReviewWrite | None
    """The change to store, or None when nothing changed."""
    quote_id: str | None = None
    """The quote the action was on (its id in the reviewed view)."""


@dataclass(frozen=True, slots=True)
class PreparedView:
    """A reviewed view computed away from the reader's UI thread.

    :meth:`ReviewSession.prepare` builds it from a copy of the reviews;
    :meth:`ReviewSession.adopt` uses it only if the reviews are still the same.
    """

    annotations: Annotations
    reviews: dict[Span, Review]
    view: ReviewedAnnotations


@dataclass(slots=True)
class _Undo:
    key: Span
    previous: dict[str, object]
    label: str
    machine_speaker: str | None = None


@dataclass(slots=True)
class ReviewSession:
    """The reviews of one article while it is open in the reader."""

    article: Article
    reviews: dict[Span, Review] = field(default_factory=dict)
    """Reviews by machine span."""
    annotations: Annotations | None = None
    """The engine's annotations, once in."""
    view: ReviewedAnnotations | None = None
    """The reviewed view of :attr:`annotations`."""
    _undo: list[_Undo] = field(default_factory=list)

    # -- input ---------------------------------------------------------------------

    def set_annotations(self, annotations: Annotations) -> ReviewedAnnotations:
        """Use the engine's ``annotations``; returns the reviewed view."""
        self.annotations = annotations
        return self._refresh()

    def prepare(self, annotations: Annotations) -> PreparedView:
        """The reviewed view of ``annotations`` under the current reviews.

        Safe to call from a worker thread (it only reads a copy of the
        reviews): checking every quote's sentence takes tens of milliseconds
        in a long article, too long for the UI thread.
        """
        reviews = dict(self.reviews)
        view = apply_reviews(self.article, annotations, reviews.values())
        return PreparedView(annotations, reviews, view)

    def adopt(self, prepared: PreparedView) -> ReviewedAnnotations:
        """Use ``prepared``'s annotations; its view unless the reviews changed
        since it was prepared (then the view is computed again)."""
        self.annotations = prepared.annotations
        if prepared.reviews != self.reviews:
            return self._refresh()
        self.view = prepared.view
        return self.view

    def set_reviews(self, reviews: Iterable[Review]) -> ReviewedAnnotations | None:
        """Use stored ``reviews`` (replacing those in memory); the new view, if
        the annotations are in."""
        self.reviews = {
            review.key: review
            for review in reviews
            if review.article_sha256 == self.article.sha256
        }
        return self._refresh() if self.annotations is not None else None

    def _refresh(self) -> ReviewedAnnotations:
        assert self.annotations is not None
        self.view = apply_reviews(self.article, self.annotations, self.reviews.values())
        return self.view

    # -- lookups ---------------------------------------------------------------------

    def _key_of(self, quote_id: str) -> tuple[Span, Quote | None] | None:
        view = self.view
        if view is None:
            return None
        state = view.state(quote_id)
        if state is None:
            for rejected in view.rejected:
                if rejected.quote.id == quote_id:
                    state = rejected
                    break
        if state is None:
            return None
        if state.review is not None:
            return state.review.key, state.machine
        assert state.machine is not None
        return state.machine.span, state.machine

    def review_of(self, quote_id: str) -> Review | None:
        """The review of the shown (or rejected) quote ``quote_id``."""
        found = self._key_of(quote_id)
        return None if found is None else self.reviews.get(found[0])

    # -- actions -----------------------------------------------------------------

    def _change(
        self, quote_id: str, changes: dict[str, object], label: str, message: str
    ) -> ReviewOutcome:
        found = self._key_of(quote_id)
        if found is None:
            return ReviewOutcome("That quote is no longer there", None)
        key, machine = found
        current = self.reviews.get(key) or Review(self.article.sha256, key)
        previous = current.field_values(changes)
        if previous == changes:
            return ReviewOutcome(message, None, quote_id)
        machine_speaker = current.machine_speaker or (
            machine.display_speaker if machine is not None else None
        )
        updated = current.changed(changes)
        if not updated.machine_speaker:
            updated = dataclasses.replace(updated, machine_speaker=machine_speaker)
        self._store_in_memory(key, updated)
        self._undo.append(_Undo(key, previous, label, machine_speaker))
        self._refresh()
        state = self.view.state(quote_id) if self.view is not None else None
        write = ReviewWrite(
            self.article.sha256,
            key,
            dict(changes),
            machine_speaker,
            state.kind if state is not None else "unknown",
        )
        return ReviewOutcome(message, write, quote_id)

    def _store_in_memory(self, key: Span, review: Review) -> None:
        if review.is_empty:
            self.reviews.pop(key, None)
        else:
            self.reviews[key] = review

    def verify(self, quote_id: str) -> ReviewOutcome:
        """Sign off the attribution of ``quote_id`` (press again to withdraw)."""
        review = self.review_of(quote_id)
        if review is not None and review.verified:
            return self._change(
                quote_id, {"verified": False}, "verify", "Verification withdrawn"
            )
        return self._change(quote_id, {"verified": True}, "verify", "Verified")

    def set_speaker(self, quote_id: str, name: str | None) -> ReviewOutcome:
        """Credit ``quote_id`` to ``name`` (None: "unknown / anonymous")."""
        if name is None:
            changes: dict[str, object] = {"speaker": None, "anonymous": True}
            who = ANONYMOUS_LABEL
        else:
            name = " ".join(name.split())
            if not name:
                return ReviewOutcome("No speaker given: nothing changed", None)
            changes = {"speaker": name, "anonymous": False}
            who = name
        changes["verified"] = True
        return self._change(quote_id, changes, "speaker", f"Speaker set to {who}")

    def restore_speaker(self, quote_id: str) -> ReviewOutcome:
        """Go back to the machine's speaker for ``quote_id``."""
        return self._change(
            quote_id,
            {"speaker": None, "anonymous": False},
            "speaker",
            "Speaker back to the machine's",
        )

    def toggle_rejected(self, quote_id: str) -> ReviewOutcome:
        """Mark ``quote_id`` as not a quote, or bring a rejected quote back."""
        review = self.review_of(quote_id)
        if review is not None and review.rejected:
            return self._change(
                quote_id, {"rejected": False}, "reject", "Restored as a quote"
            )
        return self._change(
            quote_id,
            {"rejected": True},
            "reject",
            "Not a quote: hidden from quotes and exports (U undoes)",
        )

    def cycle_span(self, quote_id: str) -> ReviewOutcome:
        """Move ``quote_id``'s span to the next choice: sentence, quote marks,
        then the machine's span again."""
        found = self._key_of(quote_id)
        if found is None or self.view is None:
            return ReviewOutcome("That quote is no longer there", None)
        key, machine = found
        base = machine.span if machine is not None else key
        choices = span_choices(self.article.text, base)
        if len(choices) < 2:
            return ReviewOutcome(
                "No other span: the quote already is its sentence", None, quote_id
            )
        review = self.reviews.get(key)
        current = review.span if review is not None and review.span else base
        position = choices.index(current) if current in choices else 0
        target = choices[(position + 1) % len(choices)]
        names = ["the machine's span", "the whole sentence", "the quote marks"]
        name = names[min(choices.index(target), 2)] if target != base else names[0]
        value: Span | None = None if target == base else target
        return self._change(quote_id, {"span": value}, "span", f"Span: {name}")

    def set_note(self, quote_id: str, note: str | None) -> ReviewOutcome:
        """Set (or, with an empty note, remove) the note on ``quote_id``."""
        text = (note or "").strip() or None
        message = "Note saved" if text else "Note removed"
        return self._change(quote_id, {"note": text}, "note", message)

    def undo(self) -> ReviewOutcome:
        """Undo the last review action of this session."""
        if not self._undo:
            return ReviewOutcome("Nothing to undo", None)
        step = self._undo.pop()
        current = self.reviews.get(step.key) or Review(
            self.article.sha256, step.key, machine_speaker=step.machine_speaker
        )
        self._store_in_memory(step.key, current.changed(step.previous))
        self._refresh()
        quote_id = self._quote_id_for(step.key)
        state = (
            self.view.state(quote_id)
            if self.view is not None and quote_id is not None
            else None
        )
        write = ReviewWrite(
            self.article.sha256,
            step.key,
            dict(step.previous),
            step.machine_speaker,
            state.kind if state is not None else "unknown",
        )
        return ReviewOutcome(f"Undid {step.label}", write, quote_id)

    def _quote_id_for(self, key: Span) -> str | None:
        view = self.view
        if view is None:
            return None
        for state in view.states.values():
            if (state.review is not None and state.review.key == key) or (
                state.machine is not None and state.machine.span == key
            ):
                return state.quote.id
        return None
