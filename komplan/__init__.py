"""komplan — community planning of social services (komunitní plánování sociálních služeb)."""

__version__ = "0.1.0"
