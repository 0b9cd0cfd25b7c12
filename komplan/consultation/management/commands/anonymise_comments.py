"""`komplan anonymise-comments`: erase the personal data of commenters whose comment period's settlement was
published longer ago than the period's retention (``Consultation.retention_days``). Idempotent; run it daily
(cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from komplan.consultation.evaluation import anonymise_expired


class Command(BaseCommand):
    help = "Erase commenters' personal data after the retention period of their comment period."

    def handle(self, *args, **options):
        count = anonymise_expired()
        self.stdout.write(f"Personal data of {count} comments erased.")
