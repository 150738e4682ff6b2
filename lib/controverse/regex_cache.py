"""Compiled regular expressions kept on disk, so that a new process does not compile them again.

spaCy's French tokenizer recognises special tokens with one 1.4 MB regular expression, which
Python's ``re`` takes about four seconds to compile, in every process that loads French: each
notebook kernel, each extraction worker, each Dask worker. The compiled program is only a list
of integers. :func:`prime` stores it once under ``build/cache/regex/`` (keyed by the pattern,
the Python version and the regex engine's magic number) and, in later processes, rebuilds the
pattern from it in milliseconds and puts it into ``re``'s own cache, where spaCy's
``re.compile`` of the same string finds it. The rebuilt pattern is the one ``re`` would
compile (same program; ``_sre`` validates it). This uses ``re``'s private compiler modules,
so anything unexpected (another Python, an unreadable or corrupt file, a read-only folder)
falls back to doing nothing: the pattern is then compiled the usual way, only slower.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path

from controverse import paths

CACHE_DIR = paths.BUILD_DIR / "cache" / "regex"
# Patterns shorter than this compile in a few milliseconds: not worth a file.
MIN_LENGTH = 100_000
TOKENIZER_PATTERNS = (
    "prefix_search",
    "suffix_search",
    "infix_finditer",
    "token_match",
    "url_match",
)


def prime(pattern: str, flags: int = 0, cache_dir: Path | None = None) -> re.Pattern | None:
    """Put the compiled ``pattern`` into ``re``'s cache, from disk when it was compiled before
    (else compile it and store it). Returns the pattern, or None when priming is not possible
    here (``re.compile`` then works as always)."""
    try:
        import _sre
        from re import _compiler, _parser

        key = (type(pattern), pattern, flags)
        cache = re._cache  # 3.11: the only cache; 3.12+: consulted after the small one
    except (ImportError, AttributeError):
        return None
    if key in cache:
        return cache[key]
    folder = cache_dir or CACHE_DIR
    file = folder / f"{_cache_key(pattern, flags, _sre)}.marshal"
    compiled = None
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError, RuntimeError):
        compiled = _from_program(_sre, pattern, marshal.loads(file.read_bytes()))
    if compiled is None:
        try:
            parsed = _parser.parse(pattern, flags)
            program = {
                "flags": flags | parsed.state.flags,
                "code": array.array("I", [int(op) for op in _compiler._code(parsed, flags)]),
                "groups": parsed.state.groups,
                "groupindex": dict(parsed.state.groupdict),
            }
            compiled = _from_program(_sre, pattern, program)
        except Exception:  # an unexpected re internals: let re.compile do it
            return None
        _write(file, program)
    cache[key] = compiled
    return compiled


def prime_tokenizer(model: str) -> list[re.Pattern]:
    """Prime the long patterns of an installed spaCy model's tokenizer (read from its files,
    before ``spacy.load`` compiles them)."""
    import spacy
    import srsly

    primed = []
    with contextlib.suppress(Exception):  # an unusual package layout: nothing to prime
        package = spacy.util.get_package_path(model)
        tokenizer = next(
            p / "tokenizer"
            for p in sorted(package.iterdir())
            if (p / "config.cfg").is_file() and (p / "tokenizer").is_file()
        )
        data = srsly.msgpack_loads(tokenizer.read_bytes())
        for name in TOKENIZER_PATTERNS:
            pattern = data.get(name)
            if isinstance(pattern, str) and len(pattern) >= MIN_LENGTH:
                compiled = prime(pattern)
                if compiled is not None:
                    primed.append(compiled)
    return primed


def _cache_key(pattern: str, flags: int, _sre) -> str:
    digest = hashlib.sha256(pattern.encode("utf-8", "surrogatepass"))
    digest.update(f"{flags};{sys.version};{_sre.MAGIC};{_sre.CODESIZE}".encode())
    return digest.hexdigest()[:40]


def _from_program(_sre, pattern: str, program: dict) -> re.Pattern:
    code = array.array("I")
    code.frombytes(bytes(program["code"]))
    groupindex = program["groupindex"]
    indexgroup = [None] * program["groups"]
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(
        pattern,
        program["flags"],
        code.tolist(),
        program["groups"] - 1,
        groupindex,
        tuple(indexgroup),
    )


def _write(file: Path, program: dict) -> None:
    """Write atomically; a folder that cannot be written only means no cache."""
    data = {**program, "code": program["code"].tobytes()}
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps(data))
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
