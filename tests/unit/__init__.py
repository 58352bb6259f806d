"""Pure cores, in this process: no Pelican build, no subprocess, seconds."""
