"""The benchmark's machine-speed probe: how its spread is worked out and worded."""

from bench.speed import Speed, speed_line


def test_the_spread_is_the_slowest_probe_over_the_fastest() -> None:
    speed = Speed(samples=[10.0, 15.0, 12.0])
    found = speed.as_dict()
    assert found == {"probes": 3, "loop_ms_min": 10.0, "loop_ms_median": 12.0, "loop_ms_max": 15.0, "spread": 1.5}
    assert "10.0-15.0 ms" in speed_line(found) and "1.5x" in speed_line(found)


def test_a_run_without_probes_says_so() -> None:
    assert Speed().as_dict() == {"probes": 0}
    assert speed_line(Speed().as_dict()) == "Machine speed: not probed."


def test_a_probe_takes_some_cpu_time() -> None:
    speed = Speed()
    speed.take()
    assert speed.samples[0] > 0
