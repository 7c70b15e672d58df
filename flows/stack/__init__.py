"""Operating the local stack: the Prefect server (the stack's own, or a command's temporary
one), workers, the bucket watcher, the report server and the local store, as processes."""

from flows.stack.stack import PROJECT_DIR, Stack

__all__ = ["PROJECT_DIR", "Stack"]
