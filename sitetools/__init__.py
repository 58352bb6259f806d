"""Tools behind tasks.py that are not Pelican plugins: the build
(build.py), the one content check of every command (check.py), new
interviews (interview.py), publishing (publish/) and the small
servers of `invoke serve` and `invoke livereload` (serve.py)."""


class SiteError(Exception):
    """What went wrong, in French, for the person at the keyboard.

    tasks.py prints the message and exits with status 1, without a
    Python traceback: the message says what to do.
    """
