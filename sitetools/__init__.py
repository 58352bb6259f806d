"""Tools behind tasks.py that are not Pelican plugins: the content
check, publishing, the small server of `invoke serve` and the tests."""
