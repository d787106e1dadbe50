from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Corredor with gunicorn; whitenoise serves the compressed, hashed static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=os.environ.get("CORREDOR_BIND", "127.0.0.1:8000"),
            help="Address and port (default: CORREDOR_BIND or 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="Worker processes (default: WEB_CONCURRENCY or 2).",
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="Also run the background worker (`corredor worker`) for as long as gunicorn "
            "runs: one command for a single machine or the local demo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "corredor.wsgi:application",
            "--config",
            "python:corredor.gunicorn_conf",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--worker-tmp-dir",
            "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",  # noqa: S108
            # No client addresses in the access log: a worker's IP is personal data.
            "--access-logfile",
            "-",
            "--access-logformat",
            # Path without the query string: confirmation links carry their tokens there.
            '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        if options["with_worker"]:
            os.environ["CORREDOR_WITH_WORKER"] = "1"  # started by gunicorn_conf.when_ready
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 (replaces this process with gunicorn)
