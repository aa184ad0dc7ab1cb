"""``python -m argmap``: the same command line as the ``argmap`` script."""

from argmap.cli import console_main

console_main()
