"""Every path the project uses, in one place.

Nothing else builds project paths by hand, and nothing is relative to the current
directory. The project root is the folder holding ``pyproject.toml`` above this
package (an editable install), or ``$CONTROVERSE_ROOT`` when set.
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_project_root() -> Path:
    override = os.environ.get("CONTROVERSE_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "corpus").is_dir():
            return parent
    return Path.cwd().resolve()


PROJECT_ROOT = _find_project_root()

CORPUS_DIR = PROJECT_ROOT / "corpus"
HDH_CORPUS = CORPUS_DIR / "hdh"
ACTORS_FILE = CORPUS_DIR / "actors.yml"
TARGETS_FILE = CORPUS_DIR / "targets.yml"
GOLD_DIR = CORPUS_DIR / "gold"

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PARAMS_DIR = NOTEBOOKS_DIR / "params"
FIGURES_DIR = PROJECT_ROOT / "figures"

BUILD_DIR = PROJECT_ROOT / "build"
BUILD_NOTEBOOKS_DIR = BUILD_DIR / "notebooks"
SITE_DIR = BUILD_DIR / "site"
TABLES_DIR = BUILD_DIR / "tables"
STORE_PATH = BUILD_DIR / "annotations.duckdb"
