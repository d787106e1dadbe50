"""gunicorn settings that `corredor serve` passes with --config."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from typing import Any

_task_worker: subprocess.Popen | None = None


def when_ready(server: Any) -> None:
    """With `corredor serve --with-worker`, the background worker lives as long as gunicorn."""
    global _task_worker
    if os.environ.get("CORREDOR_WITH_WORKER") == "1" and _task_worker is None:
        _task_worker = subprocess.Popen([sys.executable, "-m", "corredor", "worker"])
        server.log.info("Background worker started (pid %s)", _task_worker.pid)


def on_exit(server: Any) -> None:
    if _task_worker is not None and _task_worker.poll() is None:
        _task_worker.terminate()
        try:
            _task_worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _task_worker.kill()


def post_worker_init(worker: Any) -> None:
    # Everything alive once the app is loaded (modules, templates, the rulebook) lives for the
    # worker's whole life: freeze it so that full garbage collections stay short (see bench/).
    gc.collect()
    gc.freeze()
