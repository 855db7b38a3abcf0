"""LendWatch: supervisory analytics for bank–platform internet lending (互联网助贷)."""

__version__ = "0.1.0"
