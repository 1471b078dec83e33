"""Settings of the web server that benchmarks/load.py starts: the portal's own settings, read from
the same environment, with a URLconf that adds the benchmark's bare page (benchmarks/urls.py)."""

from hvhk.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
