"""``python -m tiekeeper``: the command-line interface."""

from tiekeeper.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
