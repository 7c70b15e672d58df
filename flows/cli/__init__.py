"""The ``sohoa`` command line (entry point ``flows.cli:main``).

``app.py`` holds the Typer apps, the error handling and what every command shares; each
module of ``COMMAND_MODULES`` adds one group of commands to them when imported.
"""

from importlib import import_module

from flows.cli.app import _NoTraceback, _quiet_tracebacks, app, main

# Imported in this order because ``sohoa --help`` lists the commands in the order they were
# registered (an import sorter would reorder plain import lines).
COMMAND_MODULES = (
    "run",  # process, sweep
    "demo",  # demo, samples
    "operate",  # serve-reports, watch; stack, storage, db
    "quality",  # report, recheck; reference
    "review",  # review
)
for _name in COMMAND_MODULES:
    import_module(f"flows.cli.{_name}")

__all__ = ["COMMAND_MODULES", "_NoTraceback", "_quiet_tracebacks", "app", "main"]
