"""The `komplan` console command: Django's management commands with friendly names.

    komplan migrate | demo | serve [ADDR:PORT] | load-territories | createsuperuser | …

Hyphens in command names map to the underscores of Django's command modules, so
`komplan load-territories` runs `load_territories`. A configuration error prints one
line naming the environment variable and exits with status 2, never a traceback.
"""

from __future__ import annotations

import os
import sys

from komplan.lib.env import ConfigError


def main(argv: list[str] | None = None, prog: str = "komplan") -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = prog
    try:
        import django

        django.setup()
    except ConfigError as exc:
        sys.stderr.write(f"{prog}: configuration error: {exc}\n")
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
