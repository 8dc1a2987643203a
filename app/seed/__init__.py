"""Made-up data for running Orbit without real people: the demo council (`flask seed-demo`), national-scale data
for benchmarks (`flask seed-scale`) and the example local offer both use.

It lives outside app.services because it is not the domain: it writes rows the way a test fixture would, and
nothing the app runs on may import it (an import-linter contract in pyproject.toml). Production settings refuse
to load any of it.
"""
