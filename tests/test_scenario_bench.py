"""The benchmark's generated scenario stays valid and green (the benchmark itself only prints figures)."""

def test_the_benchmark_scenario_is_valid_and_green():
    from emulator.scenario import load_text, run_scenario
    from tests.benchmarks.bench_scenario import scenario_text

    run = run_scenario(load_text(scenario_text(5), "bench.toml"))
    assert run.ok and run.emu.now_ms == 86_400_000 and run.emu.events.total > 2000
