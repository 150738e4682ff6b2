"""Patterns rebuilt from the on-disk cache are the ones ``re`` compiles, and a bad cache never
breaks a compile."""

import re
import uuid
from re import _compiler, _parser

import pytest
import spacy

from controverse import regex_cache


def _pattern() -> str:
    """A fresh pattern (not yet in re's cache) with flags, named groups and a big class."""
    tag = uuid.uuid4().hex
    return rf"(?iu)^(?P<word>[a-zéèà]+)[-‐](?P<tail>\w+)$|^{tag}(?P<n>\d+)$|^[{chr(0x100)}-{chr(0x2FF)}]+$"


def _forget(pattern: str) -> None:
    re._cache.pop((str, pattern, 0), None)


def test_a_primed_pattern_is_what_re_compiles_and_is_read_back_from_disk(tmp_path, monkeypatch):
    pattern = _pattern()
    primed = regex_cache.prime(pattern, cache_dir=tmp_path)
    reference = _compiler.compile(pattern, 0)
    assert primed == reference  # same flags and program
    assert re.compile(pattern) is primed  # re's cache serves it
    assert list(tmp_path.glob("*.marshal"))

    _forget(pattern)  # as in a new process: nothing in re's cache, the file on disk

    def no_parsing(*args, **kwargs):
        raise AssertionError("the pattern was compiled again instead of read from the cache")

    monkeypatch.setattr(_parser, "parse", no_parsing)
    again = regex_cache.prime(pattern, cache_dir=tmp_path)
    monkeypatch.undo()
    assert again is not primed and again == reference
    match = again.match("Porte-Avions")
    assert match and match.group("word") == "Porte" and match.group("tail") == "Avions"
    assert again.groupindex == reference.groupindex and again.groups == reference.groups
    _forget(pattern)


def test_a_corrupt_or_unwritable_cache_falls_back_to_compiling(tmp_path):
    pattern = _pattern()
    regex_cache.prime(pattern, cache_dir=tmp_path)
    _forget(pattern)
    (file,) = tmp_path.glob("*.marshal")
    file.write_bytes(b"\x00not a program")
    assert regex_cache.prime(pattern, cache_dir=tmp_path) == _compiler.compile(pattern, 0)
    assert file.read_bytes() != b"\x00not a program"  # rewritten
    _forget(pattern)

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    other = _pattern()
    assert regex_cache.prime(other, cache_dir=blocked) == _compiler.compile(other, 0)
    _forget(other)


@pytest.mark.parametrize("model", ["fr_core_news_sm"])
def test_the_french_tokenizer_pattern_is_primed_and_used(model):
    (primed,) = regex_cache.prime_tokenizer(model)
    assert len(primed.pattern) > regex_cache.MIN_LENGTH
    assert primed == _compiler.compile(primed.pattern, 0)
    nlp = spacy.load(model, exclude=["tok2vec", "morphologizer", "parser", "lemmatizer", "ner"])
    assert nlp.tokenizer.token_match.__self__ is primed
    assert [t.text for t in nlp("Il est peut-être aujourd'hui au Val-de-Marne.")] == [
        "Il",
        "est",
        "peut-être",
        "aujourd'hui",
        "au",
        "Val-de-Marne",
        ".",
    ]
