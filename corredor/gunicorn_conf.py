"""gunicorn settings that `corredor serve` passes with --config."""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    # Everything alive once the app is loaded (modules, templates, the rulebook) lives for the
    # worker's whole life: freeze it so that full garbage collections stay short (see bench/).
    gc.collect()
    gc.freeze()
