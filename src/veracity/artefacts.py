"""The artefact layer: every trained model and built table is a folder with a ``card.json``.

One :class:`ArtefactSpec` per artefact in :data:`ARTEFACTS` says its name (``veracity train
NAME``), the card version this code reads, and where its train function and loader live. A
loader reads its files through the spec (:meth:`ArtefactSpec.read_card`,
:meth:`ArtefactSpec.load_file`), which checks the version and names the rebuild command in
every error; a trainer writes them through :meth:`ArtefactSpec.save`. The train functions and
loaders are named as ``"module:function"`` and imported on use, so the stages import this module
and never the other way round. How to add one: ``docs/architecture.md``.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import math
import numbers
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG, S_ISVTX, S_IWGRP, S_IWOTH
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from veracity._version import __version__
from veracity.errors import ModelError
from veracity.settings import get_settings

CARD_FILE = "card.json"


def _a_share(value: Any) -> Any:
    """A card's threshold as written: a number from 0 to 1 (pydantic would read ``true`` and
    ``"0.5"`` as numbers, and NaN, which no probability crosses)."""
    if value is not None and not (finite_number(value) and 0 <= value <= 1):
        raise PydanticCustomError("share", "no number from 0 to 1")
    return value


def finite_number(value: object) -> bool:
    """Whether a card's ``value`` is a finite number (``true`` is not, nor ``"0.5"``, nor NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return math.isfinite(value)


# A decision threshold on a probability: a card damaged or edited by hand had NaN or 5 never
# crossed (no claim check-worthy, silently) and -1 always crossed (hostile round 15, attack 1)
_Threshold = Annotated[float, BeforeValidator(_a_share)]


class Card(BaseModel):
    """What an artefact is: its version, the data it came from, its metrics, its limits.

    Fields common to every artefact are typed; an artefact's own fields (its splits, features,
    thresholds) are kept as extra fields and read with ``card["name"]`` or ``card.get(name)``.
    """

    model_config = ConfigDict(extra="allow")

    name: str
    version: str
    summary: str = Field("", description="one line on what training measured, printed by train")
    created: str | None = None
    veracity_version: str | None = None
    threshold: _Threshold | None = None
    metrics: dict[str, Any] = Field(default_factory=dict)
    intended_use: str | None = None
    limits: str | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value  # early cards wrote version 1

    def __getitem__(self, key: str) -> Any:
        if key in type(self).model_fields:
            return getattr(self, key)
        extra = self.model_extra or {}
        if key in extra:
            return extra[key]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """A field or extra field of the card, ``default`` when absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def to_json(self) -> str:
        """The card as written to ``card.json`` (unset common fields left out)."""
        return json.dumps(self.model_dump(mode="json", exclude_defaults=True), indent=2) + "\n"


class TrainingMetrics(BaseModel):
    """A trainer's figures, typed: what its card keeps as ``metrics`` (:meth:`record`) and the
    one line ``veracity train NAME`` prints (:attr:`summary`). Each artefact's trainer defines
    a subclass and names it in its :class:`ArtefactSpec` (``metrics``). A figure that is not a
    field is refused, so none is lost from a card unseen."""

    model_config = ConfigDict(extra="forbid")

    @property
    def summary(self) -> str:
        raise NotImplementedError

    def record(self) -> dict[str, Any]:
        """As the card keeps it (fields left unset, such as a baseline's label, left out; a NaN
        stays a float here and becomes null in ``card.json``, as before)."""
        return self.model_dump(exclude_none=True, by_alias=True)


@dataclass(frozen=True)
class ArtefactSpec:
    """One artefact: its name, the card version this code reads, its train function and loader.

    ``train`` is ``"module:function"`` called as ``function(data_dir, out_dir, **args)``; it
    writes the artefact (through :meth:`save`) into ``out_dir``. ``load`` is ``"module:function"``
    called as ``function(**args)``: the cached loader the runtime uses. ``args`` picks a variant
    when one train function and loader serve two artefacts (``depth="deep"``). ``metrics`` is
    ``"module:Class"``, the :class:`TrainingMetrics` its card's ``metrics`` are
    (:meth:`read_metrics`).
    """

    name: str
    version: str
    train: str
    load: str
    purpose: str
    folder: str = ""  # under the root; default: the name with "-" as "_"
    root: Literal["artefacts", "reference"] = "artefacts"  # shipped, or built on this machine
    command: str = ""  # default: veracity train NAME
    args: tuple[tuple[str, Any], ...] = ()
    metrics: str = ""

    @property
    def directory(self) -> Path:
        """Where the artefact lives: the package's artefacts, or this machine's reference tables."""
        settings = get_settings()
        base = settings.artefacts_dir if self.root == "artefacts" else settings.reference_dir
        return base / (self.folder or self.name.replace("-", "_"))

    @property
    def rebuild_command(self) -> str:
        return self.command or f"veracity train {self.name}"

    @property
    def rebuild_hint(self) -> str:
        """The end of every error about this artefact."""
        return f"rebuild it with: {self.rebuild_command}"

    def new_card(self, **fields: Any) -> Card:
        """A card of this artefact's version, stamped with the date and veracity's version."""
        stamp = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "veracity_version": __version__,
        }
        return Card(**{"name": self.name, "version": self.version, **stamp, **fields})

    def save(
        self,
        card: Card,
        folder: Path | None = None,
        *,
        objects: dict[str, Any] | None = None,
        compress: Any = 3,
        runtime: dict[str, tuple[Callable[[Any], Any], str]] | None = None,
    ) -> Card:
        """Write each of ``objects`` (file name -> object, joblib) and then the card; returns the
        card, which is what a train function returns.

        ``runtime``: file name -> ``(derive, tag)`` as the file's loader passes them to
        :meth:`load_derived`; what ``derive`` makes of the object is shipped beside it
        (:meth:`ship_derived`). The card is written last, with the SHA-256 of every file of the
        folder (:data:`DIGESTS_FIELD`, checked as each loads), so a folder whose training
        stopped halfway is refused and a refit carries its own digests.
        """
        import joblib

        folder = folder or self.directory
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, obj in (objects or {}).items():
            joblib.dump(obj, folder / file_name, compress=compress)
            if runtime and file_name in runtime:
                derive, tag = runtime[file_name]
                _ship_runtime(folder / file_name, derive(obj), tag)
        # a shipped artefact's folder holds its files only (the CRF tagger is copied in by its
        # trainer); a reference table's also holds files others rewrite (a store's records)
        written = None if self.root == "artefacts" else list(objects or {})
        setattr(card, DIGESTS_FIELD, folder_digests(folder, written))  # an extra field
        (folder / CARD_FILE).write_text(card.to_json(), encoding="utf-8")
        return card

    def read_card(self, folder: Path | None = None) -> Card:
        """The card in ``folder`` (default :attr:`directory`), checked to be :attr:`version`."""
        folder = folder or self.directory
        path = folder / CARD_FILE
        # a model's card holds what it does (coefficients, thresholds, weights, the digests of
        # its files): refused where another user could have written it, as its files are
        why = replaceable_by_others(path) if self.root == "artefacts" and path.exists() else None
        if why is not None:
            raise ModelError(
                f"the {self.name} artefact card {path} is not read: {why}, who could change "
                "what the model does; only you or root may write it and the folders above it "
                "(chown them, or chmod o-w)"
            )
        try:
            raw = _read_card_json(path)
        except FileNotFoundError:
            raise ModelError(
                f"the {self.name} artefact is missing at {folder}; {self.rebuild_hint}"
            ) from None
        except (OSError, ValueError, RecursionError) as exc:
            raise ModelError(
                f"the {self.name} artefact card {path} is unreadable: {exc}; {self.rebuild_hint}"
            ) from None
        if not isinstance(raw, dict):
            raise ModelError(
                f"the {self.name} artefact card {path} is not a JSON object; {self.rebuild_hint}"
            )
        # the reliability cards name their version "format_version"
        found = raw.get("format_version", raw.get("version"))
        if found is None or str(found) != self.version:
            raise ModelError(
                f"the {self.name} artefact at {folder} is version {found!r}, this code needs "
                f"{self.version!r}; {self.rebuild_hint}"
            )
        try:
            return Card.model_validate({"name": self.name, **raw, "version": str(found)})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ModelError(
                f"the {self.name} artefact card {path} is malformed ({exc.error_count()} errors, "
                f"first: {where}: {first['msg']}); {self.rebuild_hint}"
            ) from None

    def read_metrics(self, folder: Path | None = None) -> TrainingMetrics:
        """The card's ``metrics`` as this artefact's :class:`TrainingMetrics`."""
        if not self.metrics:
            raise ModelError(f"the {self.name} artefact names no metrics type")
        card = self.read_card(folder)
        typed = cast("type[TrainingMetrics]", _resolve(self.metrics))
        try:
            return typed.model_validate(card.metrics)
        except ValidationError as exc:
            raise ModelError(
                f"the {self.name} artefact card's metrics are malformed "
                f"({exc.error_count()} errors, first: {exc.errors()[0]['msg']}); {self.rebuild_hint}"
            ) from None

    def load_file(self, file_name: str, folder: Path | None = None) -> Any:
        """A joblib file of the artefact, or :class:`ModelError` when missing, corrupt, not the
        one its card gives or where another user could have put it."""
        path = (folder or self.directory) / file_name
        self._refuse_others_files(path)
        data, sha256 = self._read_checked(path)
        return self._unpickle(path, data, sha256)

    def _read_checked(self, path: Path) -> tuple[bytes, str]:
        """:meth:`checked_bytes`, a missing file named as one."""
        try:
            return self.checked_bytes(path)
        except FileNotFoundError:
            raise ModelError(
                f"the {self.name} model file {path} is missing; {self.rebuild_hint}"
            ) from None

    def _unpickle(self, path: Path, data: bytes, sha256: str) -> Any:
        """The object joblib wrote as ``data`` (the checked bytes of ``path``)."""
        try:
            return _load_joblib_cached(path, data, sha256)
        except Exception as exc:  # unpickling raises many types; all mean a corrupt artefact
            raise ModelError(
                f"the {self.name} model file {path} is corrupt: {exc}; {self.rebuild_hint}"
            ) from None

    def checked_bytes(self, path: Path) -> tuple[bytes, str]:
        """The bytes of the model file ``path``, read once, and their SHA-256, checked against
        the one its folder's card gives (:meth:`verify_digest`): whatever loads the file loads
        these bytes, never the file again by its name, so what is checked is what is loaded
        (a file changed between a check and a second read got through: hostile round 12).
        ``FileNotFoundError`` when there is none; a pipe or a device is not waited on."""
        try:
            data = read_regular_file(path)
        except NotARegularFile:
            raise ModelError(
                f"the {self.name} model file {path} is not a regular file (a pipe or a "
                f"device): not loaded; {self.rebuild_hint}"
            ) from None
        return data, self.verify_digest(path, data)

    def verify_digest(self, path: Path, data: bytes) -> str:
        """The SHA-256 of ``data``, the bytes read from the model file ``path``, checked against
        the one its folder's card gives (:data:`DIGESTS_FIELD`, written by :meth:`save`):
        :class:`ModelError` when it differs, when the card names no digest for the file, or
        when it names none at all (a card written before cards had them, or by hand: its files
        could be anything, and a model file is a pickle; rebuilt, it has them).

        Every other check reads a file's size, header or owner: a file changed in place at its
        own size (a copy or an install over it that stopped, a disk's or an editor's damage)
        was loaded as it was, and for a pickle or the CRF tagger that is whatever it now holds.
        Cost: 2 ms per MB, once per process as the file loads (about 32 ms for the 16 MB
        tagger)."""
        pinned = card_digests(path.parent)
        if pinned is None:
            raise ModelError(
                f"the {self.name} model file {path} is not loaded: {CARD_FILE} beside it gives "
                f"no SHA-256 of the files it describes (written before cards named them, or "
                f"by hand), so nothing says the file is the one trained; {self.rebuild_hint}"
            )
        expected = pinned.get(path.name)
        if expected is None:
            raise ModelError(
                f"the {self.name} model file {path} is not one its card names (card.json gives "
                f"no SHA-256 for it): not loaded; {self.rebuild_hint}"
            )
        found = hashlib.sha256(data).hexdigest()
        if found != expected:
            raise ModelError(
                f"the {self.name} model file {path} is not the one its card gives (SHA-256 "
                f"{found[:16]}..., card.json gives {expected[:16]}...): changed, damaged or "
                f"replaced since it was written; not loaded; {self.rebuild_hint}"
            )
        return found

    def _refuse_others_files(self, *paths: Path) -> None:
        """:class:`ModelError` when another user could have written one of ``paths`` (those
        there) or a folder above it: a model file is a pickle, and unpickling runs its code."""
        for path in paths:
            if not path.exists():
                continue
            if not S_ISREG(path.stat().st_mode):  # a pipe would hang the load for good
                raise ModelError(
                    f"the {self.name} model file {path} is not a regular file (a pipe or a "
                    f"device): not loaded; {self.rebuild_hint}"
                )
            why = replaceable_by_others(path)
            if why is not None:
                raise ModelError(
                    f"the {self.name} model file {path} is not loaded: {why}, who could make it "
                    "run their code as you (a model file is a pickle); only you or root may "
                    "write it and the folders above it (chown them, or chmod o-w)"
                )

    def load_derived(
        self,
        file_name: str,
        derive: Callable[[Any], Any],
        tag: str,
        folder: Path | None = None,
    ) -> Any:
        """``derive(load_file(file_name))``, kept in the cache folder as a plain pickle.

        For a model whose runtime needs only its fitted arrays: later processes unpickle what
        ``derive`` returned (numpy arrays), not the scikit-learn objects, whose import alone
        costs a second. ``tag`` names the derived format (bump it when ``derive`` changes); the
        cache is keyed by it and by the file, like :meth:`load_file`'s.
        """
        path = (folder or self.directory) / file_name
        shipped_path = runtime_path(path, tag)
        self._refuse_others_files(path, shipped_path)
        data, source_sha256 = self._read_checked(path)
        try:
            form, _ = self.checked_bytes(shipped_path)
        except FileNotFoundError:
            form = None
        shipped = None if form is None else _runtime_of_bytes(form, tag, source_sha256)
        if shipped is not None:
            return shipped[0]
        cached = _cache_path(path, tag, source_sha256)
        kept = read_cache_pickle(cached)
        if kept is not None:
            return kept[0]
        derived = derive(self._unpickle(path, data, source_sha256))
        write_cache_pickle(cached, derived)
        return derived

    def ship_derived(
        self,
        file_name: str,
        derive: Callable[[Any], Any],
        tag: str,
        folder: Path | None = None,
    ) -> Path | None:
        """Ship ``derive(load_file(file_name))`` in the artefact folder as the file's runtime
        form (:func:`runtime_path`), for a model trained before :meth:`save` wrote it; the
        path written, or None when the form holds scikit-learn objects (never shipped)."""
        path = (folder or self.directory) / file_name
        shipped = _ship_runtime(path, derive(self.load_file(file_name, folder)), tag)
        card_path = path.parent / CARD_FILE
        if card_digests(path.parent) is not None:  # the card names what the folder now holds
            raw = json.loads(card_path.read_text(encoding="utf-8"))
            written = None if self.root == "artefacts" else [*raw[DIGESTS_FIELD], file_name]
            raw[DIGESTS_FIELD] = folder_digests(path.parent, written)
            card_path.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
        return shipped

    def run_training(self, data_dir: Path | None = None, out_dir: Path | None = None) -> Card:
        """Rebuild the artefact from the corpora in ``data_dir``; returns its card, read back."""
        data_dir = data_dir or get_settings().data_dir
        out_dir = out_dir or self.directory
        _resolve(self.train)(data_dir, out_dir, **dict(self.args))
        return self.read_card(out_dir)

    def load_artefact(self) -> Any:
        """The loaded artefact, through its (cached) loader."""
        return _resolve(self.load)(**dict(self.args))


def _resolve(reference: str) -> Callable[..., Any]:
    module, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module), attribute)


def data_manifest(paths: Iterable[Path], data_dir: Path) -> list[dict[str, str]]:
    """``[{"file", "sha256"}]`` of the training files, paths relative to ``data_dir``."""
    return [
        {
            "file": str(p.relative_to(data_dir)) if p.is_relative_to(data_dir) else str(p),
            "sha256": file_sha256(p),
        }
        for p in paths
    ]


ARTEFACTS: dict[str, ArtefactSpec] = {
    spec.name: spec
    for spec in (
        ArtefactSpec(
            name="reliability",
            version="reliability-3",
            train="veracity.models.train:train_reliability",
            load="veracity.models.artefact:load_artefact",
            metrics="veracity.models.train:ReliabilityMetrics",
            purpose="article reliability, fast path (word n-grams + style + signals, "
            "calibrated on leave-one-corpus-out predictions)",
        ),
        ArtefactSpec(
            name="reliability-deep",
            version="reliability-3",
            train="veracity.models.deep_train:train_reliability_deep",
            load="veracity.models.artefact:load_artefact",
            metrics="veracity.models.train:ReliabilityMetrics",
            args=(("depth", "deep"),),
            purpose="article reliability, deep path (the fast path's configuration; stacked "
            "with a MiniLM lead-embedding head only while one beats it on leave-one-corpus-out "
            "evaluation: none does now)",
            command="veracity train reliability --deep",
        ),
        ArtefactSpec(
            name="scope",
            version="1",
            train="veracity.models.scope_train:train_scope",
            load="veracity.models.scope:load_scope_model",
            metrics="veracity.models.scope_train:ScopeMetrics",
            purpose="which texts the reliability model does not score: one logistic model per "
            "genre that is not news (debates, feeds of posts, recipes, legal terms, poems, "
            "lyrics, forum threads, code) against English news",
        ),
        ArtefactSpec(
            name="clickbait",
            version="1",
            train="veracity.signals.clickbait_model:train_clickbait",
            load="veracity.signals.clickbait_model:load_clickbait_model",
            metrics="veracity.signals.clickbait_model:ClickbaitMetrics",
            purpose="clickbait headline classifier (Stop Clickbait headlines)",
        ),
        ArtefactSpec(
            name="loaded-lexicon",
            version="1",
            train="veracity.signals.loaded_lexicon:train_loaded_lexicon",
            load="veracity.signals.loaded_lexicon:load_loaded_lexicon",
            metrics="veracity.signals.loaded_lexicon:LoadedLexiconMetrics",
            purpose="words added to / dropped from VADER for loaded language (PTC spans)",
        ),
        ArtefactSpec(
            name="signal-heads",
            version="1",
            train="veracity.signals.sentence_heads_train:train_sentence_heads",
            load="veracity.signals.sentence_heads:load_sentence_heads",
            metrics="veracity.signals.sentence_heads_train:SentenceHeadsMetrics",
            purpose="deep-path MiniLM sentence heads for loaded language and rhetorical "
            "questions (development sentences of the labelled signal set)",
        ),
        ArtefactSpec(
            name="propaganda",
            version="propaganda-2",
            train="veracity.propaganda.train:train_propaganda",
            load="veracity.propaganda.model:load_propaganda_model",
            metrics="veracity.propaganda.train:PropagandaMetrics",
            purpose="propaganda span tagger + technique classifier (PTC)",
        ),
        ArtefactSpec(
            name="propaganda-tagger",
            version="5",
            train="veracity.propaganda.train_tagger:train_propaganda_tagger",
            load="veracity.propaganda.neural:load_neural_tagger",
            metrics="veracity.propaganda.train_tagger:PropagandaTaggerMetrics",
            purpose="neural propaganda span taggers (MiniLM's top five layers fine-tuned over the "
            "shared encoder's layer-1 states and its top two over the layer-4 states of the same "
            "run), mixed with the propaganda CRF",
        ),
        ArtefactSpec(
            name="claims",
            version="2",
            train="veracity.claims.train:train_claims",
            load="veracity.claims.model:load_checkworthiness_model",
            metrics="veracity.claims.train:CheckworthinessMetrics",
            purpose="check-worthiness of the deep path and `veracity claims` (CheckThat! 2024)",
        ),
        ArtefactSpec(
            name="claims-batch",
            version="2",
            train="veracity.claims.train:train_claims_batch",
            load="veracity.claims.model:load_batch_checkworthiness_model",
            metrics="veracity.claims.train:CheckworthinessMetrics",
            purpose="parser-free check-worthiness of `batch --claims` (CheckThat! 2024)",
        ),
        ArtefactSpec(
            name="stance",
            version="1",
            train="veracity.verify.train_stance:train_stance",
            load="veracity.verify.stance:load_stance_model",
            metrics="veracity.verify.train_stance:StanceMetrics",
            purpose="stance of an article body towards a claim (FNC-1)",
        ),
        ArtefactSpec(
            name="evidence-stance",
            version="2",
            train="veracity.verify.train_evidence_stance:train_evidence_stance",
            load="veracity.verify.evidence_stance:load_evidence_stance_model",
            metrics="veracity.verify.train_evidence_stance:EvidenceStanceMetrics",
            purpose="stance of an evidence passage towards a claim, and the verdict rule",
        ),
        ArtefactSpec(
            name="document-stance",
            version="1",
            train="veracity.verify.train_document_stance:train_document_stance",
            load="veracity.verify.document_stance:load_document_stance",
            metrics="veracity.verify.train_document_stance:DocumentStanceMetrics",
            purpose="stance of a whole document towards a claim, bounding its passages (FNC-1)",
        ),
        ArtefactSpec(
            name="relevance",
            version="1",
            train="veracity.verify.train_relevance:train_relevance",
            load="veracity.verify.relevance:load_relevance_model",
            metrics="veracity.verify.train_relevance:RelevanceMetrics",
            purpose="each evidence passage's relevance: the calibrated probability that it is "
            "evidence for the claim (CLIMATE-FEVER development retrieval)",
        ),
        ArtefactSpec(
            name="claim-stance",
            version="1",
            train="veracity.verify.train_claim_stance:train_claim_stance",
            load="veracity.verify.claim_stance:load_claim_stance_model",
            metrics="veracity.verify.train_claim_stance:ClaimStanceMetrics",
            purpose="claim / passage stance (MiniLM cross-encoder head), and the verdict rule",
        ),
        ArtefactSpec(
            name="sources",
            version="sources-9",
            train="veracity.sources.build:build_sources",
            load="veracity.sources.table:load_outlet_table",
            purpose="outlet factuality and bias ratings (MBFC, Lin et al., Wikipedia, Baly et al., ...)",
            root="reference",
        ),
        ArtefactSpec(
            name="speakers",
            version="1",
            train="veracity.claimreview.speakers:build_speakers",
            load="veracity.claimreview.speakers:liar_organisations",
            purpose="LIAR speakers that are organisations (LIAR's party column, names spaCy reads as no person's)",
            root="reference",
            command="veracity setup --only speakers",
        ),
        ArtefactSpec(
            name="factchecks",
            version="4",
            train="veracity.verify.calibrate:build_factchecks",
            load="veracity.verify.factchecks:load_factcheck_store",
            metrics="veracity.verify.calibrate:FactcheckMetrics",
            purpose="store of published fact-checks that claims are matched to, calibrated",
            root="reference",
            command="veracity factchecks build",
        ),
    )
}


def artefact(name: str) -> ArtefactSpec:
    """The spec registered as ``name``; :class:`ModelError` for an unknown name."""
    try:
        return ARTEFACTS[name]
    except KeyError:
        raise ModelError(f"no artefact named {name!r}; known: {', '.join(ARTEFACTS)}") from None


def _cache_path(path: Path, tag: str, sha256: str) -> Path:
    """Where the cache folder keeps a copy of the model file ``path`` whose checked bytes have
    the SHA-256 ``sha256`` (or what was derived from it as ``tag``): keyed by that digest, the
    numpy version and the installed scikit-learn (its package file's time, read without
    importing it), so a copy is only ever of the bytes just checked."""
    import importlib.util

    import numpy

    sklearn = importlib.util.find_spec("sklearn")
    sklearn_stamp = Path(sklearn.origin).stat().st_mtime_ns if sklearn and sklearn.origin else 0
    key = hashlib.sha256(
        f"{sha256}|{numpy.__version__}|{sklearn_stamp}|{tag}".encode()
    ).hexdigest()[:24]
    return get_settings().cache_dir / "artefacts" / f"{path.stem}-{tag}-{key}.pickle"


# Modules a shipped runtime form must not need: it is read without importing them, and a
# pickled scikit-learn object is only readable by the version that wrote it.
_NOT_SHIPPED_MODULES = ("sklearn", "scipy", "joblib")


def runtime_path(path: Path, tag: str) -> Path:
    """Where an artefact folder ships what ``tag``'s loader derives from its file ``path``.

    A cold process (empty cache folder: a fresh install, a container, each bench measurement)
    otherwise pays for importing scikit-learn and for joblib's pure-Python unpickler to derive
    it, about 3 CPU seconds for the fast path's two models; the shipped form, a gzip-compressed
    pickle of numpy arrays, loads in a few hundredths of that.
    """
    return path.with_name(f"{path.stem}.{tag}.pickle.gz")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read a block at a time (a corpus file can be larger than
    memory should hold): a training file in a card's manifest, a runtime form's source, an
    evidence index's or a fact-check store's parts as they are written, a model file checked
    against its pinned digest."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# The card field naming each file of an artefact's folder with its SHA-256, as its rebuild
# command wrote it (:meth:`ArtefactSpec.save`); checked as each file loads (``verify_digest``).
DIGESTS_FIELD = "artefact_sha256"


def folder_digests(folder: Path, names: Iterable[str] | None = None) -> dict[str, str]:
    """File name -> SHA-256 of every regular file of an artefact folder but its card (and a
    ``.tmp`` file a writer has not renamed yet), or of the files ``names`` and their runtime
    forms: what the card pins."""
    stems = None if names is None else {name.split(".")[0] for name in names}
    return {
        path.name: file_sha256(path)
        for path in sorted(folder.iterdir())
        if path.name != CARD_FILE
        and not path.name.endswith(".tmp")
        and path.is_file()
        and (stems is None or path.name.split(".")[0] in stems)
    }


def _read_card_json(path: Path) -> Any:
    """A card's JSON, read as :func:`read_regular_file` reads (a pipe at its name is refused,
    not waited on); nested past Python's limit it raises RecursionError, for the caller."""
    return json.loads(read_regular_file(path).decode("utf-8"))


def card_digests(folder: Path) -> dict[str, str] | None:
    """The digests the card in ``folder`` gives, or None when it gives none (or there is no
    readable card: the loaders' own card checks say so)."""
    try:
        raw = _read_card_json(folder / CARD_FILE)
    except (OSError, ValueError, RecursionError):
        return None
    pinned = raw.get(DIGESTS_FIELD) if isinstance(raw, dict) else None
    if not isinstance(pinned, dict):
        return None
    return {str(name): str(digest) for name, digest in pinned.items()}


class DigestMismatch(ValueError):
    """A built file that is not one the digests written with it give: changed since, missing, or
    one the build did not write. ``part`` is its name among the digests; the message says how."""

    def __init__(self, part: str, why: str) -> None:
        super().__init__(why)
        self.part = part


class NotARegularFile(OSError):
    """A stored part that is a pipe or a device: never waited on, never read to no end."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a regular file (a pipe or a device): not read")


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` (links followed, as the ownership checks follow them), or
    :class:`NotARegularFile`: opened without waiting, so a pipe planted at a part's name does
    not hang ``verify`` or the API for good, nor does a device give bytes without end."""
    with open_regular_file(path) as handle:
        return handle.read()


def open_regular_file(path: Path) -> io.BufferedReader:
    """``path`` opened for reading as :func:`read_regular_file` opens it (a pipe or a device is
    :class:`NotARegularFile`, never waited on), for a reader that reads it a block at a time."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    handle = os.fdopen(descriptor, "rb")
    if not S_ISREG(os.fstat(descriptor).st_mode):
        handle.close()
        raise NotARegularFile(path)
    return handle


def digest_checked_bytes(
    path: Path, part: str, digests: dict[str, str] | None, digests_file: str
) -> bytes:
    """The bytes of ``path``, checked against the SHA-256 that ``digests`` (read from
    ``digests_file``; None: built before its parts had digests) gives for ``part``, so that what
    is checked is what is then read: an evidence index's parts, a fact-check store's files."""
    data = read_regular_file(path)
    if digests is not None and hashlib.sha256(data).hexdigest() != digests[part]:
        raise DigestMismatch(
            part,
            "changed, cut short or replaced since it was built (its SHA-256 is not the one "
            f"{digests_file} gives)",
        )
    return data


def _ship_runtime(path: Path, derived: Any, tag: str) -> Path | None:
    """Write ``derived`` as the runtime form of ``path`` (with its source file's SHA-256 and
    ``tag``); None, and any earlier form removed, when it holds an object of
    :data:`_NOT_SHIPPED_MODULES`."""
    import gzip
    import io
    import pickle

    target = runtime_path(path, tag)
    modules: set[str] = set()

    class _Recorder(pickle.Pickler):
        def persistent_id(self, obj: Any) -> None:
            modules.add(type(obj).__module__)
            if isinstance(obj, type) or callable(obj):
                modules.add(str(getattr(obj, "__module__", "") or ""))
            return None

    record = {"source_sha256": file_sha256(path), "tag": tag, "object": derived}
    buffer = io.BytesIO()
    _Recorder(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(record)
    if any(m.split(".")[0] in _NOT_SHIPPED_MODULES for m in modules):
        target.unlink(missing_ok=True)
        return None
    partial = target.with_name(f"{target.name}.tmp")
    # mtime=0: the same form gives the same bytes, so a rerun leaves git nothing to commit
    with gzip.GzipFile(partial, "wb", compresslevel=6, mtime=0) as handle:
        handle.write(buffer.getvalue())
    partial.replace(target)
    return target


def _load_runtime(path: Path, tag: str, source_sha256: str | None = None) -> tuple[Any] | None:
    """``(object,)`` from the runtime form shipped beside ``path``, or None when there is none
    or it was derived from another version of the file (retrained) or by another ``tag``.
    ``source_sha256``: the file's digest when the caller has read it already."""
    target = runtime_path(path, tag)
    if not target.is_file():
        return None
    return _runtime_of_bytes(target.read_bytes(), tag, source_sha256 or file_sha256(path))


def _runtime_of_bytes(form: bytes, tag: str, source_sha256: str) -> tuple[Any] | None:
    """``(object,)`` from ``form``, the bytes of a runtime form, or None when they are not one
    derived by ``tag`` from the model file whose SHA-256 is ``source_sha256``."""
    import gzip
    import pickle

    try:
        record = pickle.loads(gzip.decompress(form))
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("tag") != tag:
        return None
    if record.get("source_sha256") != source_sha256:
        return None
    return (record["object"],)


def written_by_this_user(stat: os.stat_result) -> bool:
    """Whether only this user can have written a file or folder of this ``stat``: owned by the
    process's user and writable neither by its group nor by others."""
    return stat.st_uid == os.geteuid() and not stat.st_mode & (S_IWGRP | S_IWOTH)


def written_by_others(path: Path) -> str | None:
    """Why someone other than this user and root could have written ``path`` (a file or
    folder, links followed, as reading it follows them), or None when no one else can: owned
    by another user, or writable by anyone (its group may write it: a group is chosen).

    An evidence index and a fact-check store decide verdicts and are checked against digests
    that lie beside them, which whoever can write their folder can rewrite: such a folder is
    refused, not read (docs/security.md, "Who may write an index or a store")."""
    stat = path.stat()
    if stat.st_uid not in (os.geteuid(), 0):
        return f"{path} is owned by another user (uid {stat.st_uid})"
    if stat.st_mode & S_IWOTH:
        return f"{path} is writable by every user (mode {stat.st_mode & 0o7777:o})"
    return None


def replaceable_by_others(path: Path) -> str | None:
    """Why someone other than this user and root could have put in place what ``path`` reads
    (None when no one else can): :func:`written_by_others` of the path, or of a folder above it
    (links followed, as reading follows them) that another user owns or every user may write
    without the sticky bit, as /tmp has: whoever can write a folder can rename what is in it
    and put a folder or file of their own in its place."""
    why = written_by_others(path)
    if why is not None:
        return why
    for folder in path.resolve().parents:
        stat = folder.stat()
        if stat.st_uid not in (os.geteuid(), 0):
            return f"{folder}, a folder above {path}, is owned by another user (uid {stat.st_uid})"
        if stat.st_mode & S_IWOTH and not stat.st_mode & S_ISVTX:
            return (
                f"{folder}, a folder above {path}, is writable by every user "
                f"(mode {stat.st_mode & 0o7777:o})"
            )
    return None


def _own_regular_file(stat: os.stat_result) -> bool:
    """A regular file (not a link, FIFO or device) only this user can have written."""
    return S_ISREG(stat.st_mode) and written_by_this_user(stat)


def trusted_cache_path(path: Path) -> bool:
    """Whether the cache file ``path`` (there or not yet) and its folder can only have been
    written by this user, so that what it holds is this process's own work.

    The cache folder is a setting (``VERACITY_CACHE_DIR``) and may be shared, say under /tmp:
    another user could plant a file under a predictable name there, and a cache file is
    trusted code (a pickle) or trusted data (vectors that decide matches)."""
    try:
        if not written_by_this_user(path.parent.stat()):
            return False
        return _own_regular_file(path.lstat())
    except FileNotFoundError:
        return True
    except OSError:
        return False


def read_cache_pickle(cached: Path) -> tuple[Any] | None:
    """``(object,)`` unpickled from the cache file ``cached``, or None when there is none, it
    is torn or from another version, or another user could have written it (a link, not a
    regular file, owned by someone else, writable by group or others): unpickling runs code,
    so a planted file would run as this user. Every pickle cache is read through it."""
    import pickle

    try:
        # O_NONBLOCK: a FIFO planted under the name must not hang the open; O_NOFOLLOW: nor a link
        descriptor = os.open(cached, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not _own_regular_file(os.fstat(descriptor)):
            return None
        try:
            return (pickle.load(handle),)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None


def write_cache_pickle(cached: Path, obj: Any) -> None:
    """``obj`` pickled to ``cached``, whole or not at all (written to a file of this process's
    own, then renamed over it, so concurrent writers never leave a torn file); a cache that
    cannot be written is skipped. Every pickle cache of the package is written through it.
    The file is created afresh, never through a link another user left under its name."""
    import pickle

    partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)  # a leftover of a killed process with this pid
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        with os.fdopen(os.open(partial, flags, 0o600), "wb") as handle:
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cached)  # whoever else writes it at once
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)


# A file training writes to resume from or to take up later (a checkpoint, a kept tagger) is a
# pickle read back by a later run: signed by the run that wrote it with this user's training key
# (HMAC-SHA256, in the cache folder), so one this machine's training did not write is refused.
SIGNATURE_SUFFIX = ".hmac"
TRAINING_KEY_FILE = "training.key"
_KEY_BYTES = 32


def signature_path(path: Path) -> Path:
    """Where the signature of the training file ``path`` lies: beside it."""
    return path.with_name(path.name + SIGNATURE_SUFFIX)


def _training_key() -> bytes:
    """This user's key for signing training files, made on first use in the cache folder;
    :class:`ModelError` when another user could have written or read it (then anyone could
    sign a pickle for a training run to unpickle)."""
    import secrets

    path = get_settings().cache_dir / TRAINING_KEY_FILE
    refused = (
        f"the training key {path} could have been written or read by another user "
        "(only you may read and write it and its folder): training files are not signed or read"
    )
    if not trusted_cache_path(path):
        raise ModelError(refused)
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        with os.fdopen(os.open(partial, flags, 0o600), "wb") as handle:
            handle.write(secrets.token_bytes(_KEY_BYTES))
        with suppress(FileExistsError):  # another run made it at once: theirs is the key
            os.link(partial, path)
        partial.unlink()
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not _own_regular_file(status) or status.st_mode & 0o077:
            raise ModelError(refused)
        key = handle.read()
    if len(key) != _KEY_BYTES:
        raise ModelError(f"the training key {path} is damaged; delete it (and every training "
                         "checkpoint it signed) to make a new one")  # fmt: skip
    return key


def _training_signature(data: bytes) -> str:
    import hmac

    return hmac.new(_training_key(), data, hashlib.sha256).hexdigest()


def sign_training_file(path: Path) -> None:
    """Sign the file a training run just wrote at ``path`` (:func:`signature_path`)."""
    signature_path(path).write_text(_training_signature(path.read_bytes()) + "\n")


def read_signed_training_file(path: Path, what: str, remedy: str) -> bytes:
    """The bytes of the training file ``path`` when the signature beside it is this machine's
    for them (:func:`sign_training_file`), else :class:`ModelError` naming ``what`` it is and
    ending in ``remedy``: never unpickled otherwise, as unpickling runs code."""
    import hmac

    signature = signature_path(path)
    try:
        data = read_regular_file(path)
        given = ""
        if signature.exists():
            given = read_regular_file(signature).decode("ascii", "replace").strip()
    except NotARegularFile as exc:
        raise ModelError(f"{what} {exc}; {remedy}") from None
    if not hmac.compare_digest(given, _training_signature(data)):
        why = "no signature beside it" if not given else f"not the one {signature.name} gives"
        raise ModelError(
            f"{what} {path} was not written by a training run of this machine ({why}): not "
            f"unpickled; {remedy}"
        )
    return data


def _load_joblib_cached(path: Path, data: bytes, sha256: str) -> Any:
    """What joblib wrote as ``data`` (the checked bytes of the model file ``path``, whose
    SHA-256 is ``sha256``), through a plain-pickle copy in the cache folder.

    joblib unpickles in pure Python (its unpickler subclasses ``pickle._Unpickler``): 0.5-2.5 s
    for each model, most of a cold ``veracity analyze``. The copy, written on first load and
    keyed by the bytes' digest and the numpy and scikit-learn versions, loads with the C
    unpickler in a tenth of that. A cache that cannot be written is skipped.
    """
    import io

    cached = _cache_path(path, "joblib", sha256)
    kept = read_cache_pickle(cached)
    if kept is not None:
        return kept[0]
    import joblib  # only on a cache miss: the copy loads without it

    loaded = joblib.load(io.BytesIO(data))
    write_cache_pickle(cached, loaded)
    return loaded
