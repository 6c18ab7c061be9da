"""`python -m feeds`: the same commands as the `feeds` console script."""

from __future__ import annotations

from feeds.cli import main

if __name__ == "__main__":
    main()
