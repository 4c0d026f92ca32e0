"""WCAG 2.x contrast, and nudging a colour until it is readable.

Colours are ``textual.color.Color``; a colour with alpha is first composited over the
background it is drawn on, as a terminal would show it.
"""

from __future__ import annotations

import colorsys
from typing import Iterable

from textual.color import Color

AA_NORMAL = 4.5
"""WCAG AA for normal text."""
AAA_NORMAL = 7.0
"""WCAG AAA for normal text (what the high-contrast theme promises)."""


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Color) -> float:
    """WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    return 0.2126 * _linear(colour.r) + 0.7152 * _linear(colour.g) + 0.0722 * _linear(colour.b)


def flatten(colour: Color, background: Color) -> Color:
    """``colour`` as seen drawn over ``background`` (alpha composited, result opaque).

    A translucent ``background`` is itself taken as drawn over black.
    """
    if background.a < 1:
        background = flatten(background, Color(0, 0, 0))
    alpha = min(1.0, max(0.0, colour.a))

    def mix(front: int, back: int) -> int:
        return round(back + (front - back) * alpha)

    return Color(mix(colour.r, background.r), mix(colour.g, background.g), mix(colour.b, background.b))


def contrast_ratio(foreground: Color, background: Color) -> float:
    """The WCAG contrast ratio (1 to 21) of ``foreground`` drawn on ``background``."""
    back = flatten(background, Color(0, 0, 0))
    front = flatten(foreground, back)
    lighter, darker = sorted((relative_luminance(front), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _with_lightness(colour: Color, lightness: float) -> Color:
    hue, _, saturation = colorsys.rgb_to_hls(colour.r / 255, colour.g / 255, colour.b / 255)
    red, green, blue = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness)), saturation)
    return Color(round(red * 255), round(green * 255), round(blue * 255))


def ensure_contrast(colour: Color, backgrounds: Iterable[Color], minimum: float) -> Color:
    """``colour``, made lighter or darker just enough to reach ``minimum`` on every background.

    The hue and saturation are kept. It moves away from the backgrounds' luminance (lighter on
    dark backgrounds, darker on light ones); if even white or black cannot reach ``minimum``,
    the best colour found is returned.
    """
    grounds = [flatten(background, Color(0, 0, 0)) for background in backgrounds]
    opaque = flatten(colour, grounds[0]) if grounds else Color(colour.r, colour.g, colour.b)

    def worst(candidate: Color) -> float:
        return min(contrast_ratio(candidate, ground) for ground in grounds)

    if not grounds or worst(opaque) >= minimum:
        return opaque
    mean_luminance = sum(relative_luminance(ground) for ground in grounds) / len(grounds)
    # Text on a ground darker than mid-grey (luminance ~0.18) goes lighter, and vice versa.
    step = 0.01 if mean_luminance < 0.18 else -0.01
    _, lightness, _ = colorsys.rgb_to_hls(opaque.r / 255, opaque.g / 255, opaque.b / 255)
    best, best_ratio = opaque, worst(opaque)
    for _ in range(101):
        lightness += step
        if not 0.0 <= lightness <= 1.0:
            break
        candidate = _with_lightness(opaque, lightness)
        ratio = worst(candidate)
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
        if ratio >= minimum:
            return candidate
    return best
