"""What a dataset folder says about itself."""

from __future__ import annotations

from pathlib import Path


def is_demonstration(dataset_dir: Path) -> bool:
    """Whether a dataset folder holds synthetic demonstration data (its README says so)."""
    readme = dataset_dir / "README.txt"
    return readme.is_file() and "demonstration data" in readme.read_text(errors="replace").lower()
