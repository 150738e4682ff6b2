"""environment.yml and pyproject.toml declare the same dependencies; the code is lint-clean."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from controverse import paths


def _pyproject_requirements() -> set[str]:
    data = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())
    project = data["project"]
    return set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])


def _environment_requirements() -> set[str]:
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return {line for line in pip_section if not line.startswith("-e")}


def test_environment_yml_declares_the_same_dependencies_as_pyproject():
    pyproject = _pyproject_requirements()
    environment = _environment_requirements()
    assert environment - pyproject == set(), "in environment.yml only"
    assert pyproject - environment == set(), "in pyproject.toml only"


def test_environment_yml_installs_the_project_itself():
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert '-e ".[dev]"' in pip_section


def _code_dirs() -> list[str]:
    return [d for d in ("lib", "tests", "bench") if (paths.PROJECT_ROOT / d).is_dir()]


def _ruff() -> list[str]:
    exe = Path(sys.executable).with_name("ruff")
    return [str(exe)] if exe.exists() else [shutil.which("ruff") or "ruff"]


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [*_ruff(), "check", *_code_dirs()],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = subprocess.run(
        [*_ruff(), "format", "--check", *_code_dirs()],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
