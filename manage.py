#!/usr/bin/env python
"""Django's manage.py; the `komplan` console command is the friendlier front door."""

from komplan.cli import main

if __name__ == "__main__":
    main(prog="manage.py")
