"""Sites built with Pelican into temporary folders, and read."""
