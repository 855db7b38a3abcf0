"""The calibrated demo data generator: a scaled, pseudonymous model of the 助贷 market written
as a dataset folder in the DATA_CONTRACT format."""

from lendwatch.demo.generator import generate
from lendwatch.demo.timeline import default_as_of

__all__ = ["default_as_of", "generate"]
