"""``python -m argmap``: the same command line as the ``argmap`` script."""

from argmap.cli import main

main()
