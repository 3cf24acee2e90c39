"""``python -m dateline``."""

from .cli import main

main()
