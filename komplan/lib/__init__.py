"""Framework-light helpers shared by every app. Nothing here may import a komplan app."""
