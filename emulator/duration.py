"""Durations in the short words the event reasons use."""


def human_ms(ms: int) -> str:
    """180000 -> '3 min', 6000 -> '6 s', 16500 -> '16.5 s', 250 -> '0.25 s'."""
    if ms % 60_000 == 0 and ms >= 60_000:
        return f"{ms // 60_000} min"
    if ms % 1000 == 0:
        return f"{ms // 1000} s"
    return f"{ms / 1000:g} s"
