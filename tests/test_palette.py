"""Theme colours a reader can tell apart: every pair of the colours the bundled themes use differs clearly
in CIELAB (ΔE 1976), the diplomacy / regional-security pair most of all, as readers complained of it."""

from __future__ import annotations

import itertools

from kaztimeline.files.vocabularies import load_vocabularies
from kaztimeline.render.palette import COLOURS, theme_colours


def lab(colour: str) -> tuple[float, float, float]:
    """sRGB hex to CIELAB under D65."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def test_delta_e_sees_alike_and_unlike():
    assert delta_e("#e69f00", "#e69f00") == 0
    assert delta_e("#000000", "#ffffff") > 99


def test_bundled_theme_colours_are_pairwise_distinct():
    colours = theme_colours(list(load_vocabularies().themes))
    worst = min(delta_e(a, b) for a, b in itertools.combinations(colours.values(), 2))
    assert worst >= 25, worst


def test_diplomacy_and_regional_security_are_far_apart():
    colours = theme_colours(list(load_vocabularies().themes))
    assert delta_e(colours["diplomacy"], colours["regional-security"]) >= 60


def test_the_palette_has_a_colour_per_bundled_theme():
    assert len(set(COLOURS)) == len(COLOURS) >= len(load_vocabularies().themes)
