"""Shared fixtures."""

from __future__ import annotations

import pytest

from tests.support import SAMPLE


@pytest.fixture(scope="session")
def sample_dataset():
    """The public sample dataset folder (copied from the design folder into fixtures)."""
    return SAMPLE / "dataset"
