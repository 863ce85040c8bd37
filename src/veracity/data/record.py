"""The common record every labelled corpus is read into."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Label = Literal["fake", "real"]
Level = Literal["article", "claim", "headline"]
Split = Literal["train", "valid", "test"]


@dataclass(frozen=True, slots=True)
class NewsRecord:
    """One labelled text from a corpus, in the shape every model and evaluation reads.

    ``label`` is the binary task (``fake``: rated false, clickbait, ...; ``real``: rated true);
    ``original_label`` keeps the corpus's own label (e.g. LIAR's six). ``source`` is the outlet,
    domain, speaker or portal used to build source-disjoint splits (None when unknown).
    ``split`` is the corpus's official split, if it has one.
    """

    id: str
    corpus: str
    collection: str
    level: Level
    title: str
    text: str
    label: Label
    original_label: str
    source: str | None = None
    split: Split | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        """Title, a blank line, then the text (the layout of :class:`veracity.ingest.Article`)."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def group(self) -> str:
        """The key for grouped splits: the source, else the record itself."""
        return f"{self.corpus}:{self.source}" if self.source else f"{self.corpus}:id:{self.id}"
