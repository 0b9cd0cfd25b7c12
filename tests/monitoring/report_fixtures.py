"""Progress of the 2008 fixture plan (tests/monitoring/conftest.py ``plan2008``) for the yearly report's tests.

1.1.1 is running at 60 % with spending and an indicator value, 1.2.1 is done, 1.1.2 is not reported (illustrative).
"""

import datetime as dt

from komplan.monitoring import services
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput


def fill_2008(plan2008, period, user) -> None:
    everything = ReporterScope(everything=True)
    services.save_progress(
        period,
        plan2008["a111"],
        user,
        everything,
        ProgressInput(
            "running",
            60,
            note="Služba běží od září.",
            spendings=[SpendingInput("municipality", 70000), SpendingInput("region", 10000)],
            indicators=[IndicatorInput(plan2008["indicator"].pk, 30, dt.date(2008, 12, 31))],
        ),
    )
    services.save_progress(period, plan2008["a121"], user, everything, ProgressInput("done", 100))
