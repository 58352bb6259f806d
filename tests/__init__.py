"""The test suite: unit/, build/, e2e/ (see conftest.py)."""
