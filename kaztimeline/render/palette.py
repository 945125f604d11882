"""One colour per theme, shared by the terminal views and the HTML timeline, so a theme looks the same
everywhere. Colours follow the theme's position in themes.csv; unknown themes get a neutral grey."""

from __future__ import annotations

# Okabe-Ito and Tableau hues: distinguishable for most colour-blind readers, legible on dark and light.
# Okabe-Ito's yellow is left out (it read as the orange and the olive), and the twelfth and thirteenth are
# magenta and crimson rather than Tableau's second blue, which read as the sky blue of diplomacy;
# tests/test_palette.py keeps every pair of the colours the bundled themes use apart.
COLOURS: tuple[str, ...] = (
    "#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
    "#8c564b", "#bcbd22", "#7f7f7f", "#9467bd", "#17becf", "#e7298a",
    "#b2182b", "#2ca02c", "#1f77b4",
)
NEUTRAL = "#999999"


def theme_colours(theme_ids: list[str]) -> dict[str, str]:
    return {theme: COLOURS[i % len(COLOURS)] for i, theme in enumerate(theme_ids)}
