"""The distribution's version, sent in the User-Agent header."""

# Kept equal to [project] version in pyproject.toml (pinned by tests/overlay/test_public_api.py).
__version__ = "0.1.0"
