"""Readers of the statistics the demography app imports (one module per source) and the shared report and writer."""
