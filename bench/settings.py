"""Settings for the benchmarks: the real settings plus a minimal view to compare against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
