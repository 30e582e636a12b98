"""court-kiosk benchmarks (not tests): `make bench` or `.venv/bin/python -m bench`.

One module per benchmark; each has `run(args) -> list[str]` that prints its
figures as it goes and returns summary lines. Figures go to BENCHMARKS.md by
hand, with the machine and the load it was under. Benchmarks print numbers;
they never assert timings.
"""
