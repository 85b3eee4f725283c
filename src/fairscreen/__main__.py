"""`python -m fairscreen` is the same as the `fairscreen` console script."""

from fairscreen.cli import main

if __name__ == "__main__":
    main()
