"""The production settings with the benchmarks' floors mounted beside the site (bench/floors.py: a
bare Django view and one with a query, served by the same process as the pages they are compared to).
Only `bench/` uses it; production never mounts the floors."""

from .production import *  # noqa: F403  (every production setting, as the benchmark measures them)

ROOT_URLCONF = "bench.floors"
