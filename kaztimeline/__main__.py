"""`python -m kaztimeline` runs the CLI."""

from kaztimeline.cli import main

main()
