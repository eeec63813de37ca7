"""``python -m hirewall`` runs the command line."""

from hirewall.cli import main

main()
