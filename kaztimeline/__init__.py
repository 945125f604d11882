"""kaztimeline: Kazakhstan's recent security and foreign-policy history on one filterable timeline.

The package root stays import-light on purpose: `kaztimeline --help` and tab completion must not pay for
pandas. Import the core modules (`kaztimeline.load`, `kaztimeline.query`, ...) where you need them.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
