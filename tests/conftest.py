"""Shared test fixtures (keep small: test-specific helpers live in their test module)."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mixed_corpus() -> Path:
    """A six-document corpus in every format (md, jsonl, csv, txt + sidecar, html + sidecar),
    with a README, a hidden file and an annotation file that must be ignored."""
    return FIXTURES / "corpus" / "mixed"
