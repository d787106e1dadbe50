from __future__ import annotations

import json
import re
import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from corredor.treaties.engine import Event, compute_obligations
from corredor.treaties.labels import local, problem_message
from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import Problem, check_event, check_filing

EVENT_ARGUMENT = re.compile(r"^(?P<code>[a-z_]+)=(?P<date>\d{4}-\d{2}(?:-\d{2})?)$")


class Refused(Exception):
    pass


def parse_day(raw: str, what: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Refused(f"{what} must be a date written YYYY-MM-DD, not {raw!r}.") from None


class Command(BaseCommand):
    help = (
        "Print, as JSON, every obligation a petition's events have started, with due dates and "
        "statuses. Example: corredor schedule naalc --office mx-nao --against US "
        "--event filed=2016-07-15 --event report_issued=2020-06-30"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("mechanism", help="naalc, usmca-23.11 or usmca-rrm")
        parser.add_argument("--office", required=True, help="receiving office code, e.g. us-nao")
        parser.add_argument(
            "--against", required=True, help="country complained against: US, MX or CA"
        )
        parser.add_argument(
            "--event",
            action="append",
            default=[],
            metavar="CODE=DATE",
            help="an event and its date, YYYY-MM-DD (or YYYY-MM when only the month is known)",
        )
        parser.add_argument("--today", help="count days to this date instead of today (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            obligations = self.schedule(options)
        except Refused as refusal:
            self.stderr.write(str(refusal))
            sys.exit(2)
        self.stdout.write(json.dumps(obligations, indent=2, ensure_ascii=False))

    def schedule(self, options: dict[str, Any]) -> list[dict[str, Any]]:
        rules = rulebook()
        today = parse_day(options["today"], "--today") if options["today"] else timezone.localdate()
        events = []
        for raw in options["event"]:
            match = EVENT_ARGUMENT.match(raw)
            if not match:
                raise Refused(f"--event must look like CODE=YYYY-MM-DD, not {raw!r}.")
            text = match["date"]
            precision = "month" if len(text) == 7 else "day"
            events.append(
                Event(
                    on=parse_day(text + "-01" if precision == "month" else text, "--event"),
                    code=match["code"],
                    precision=precision,
                )
            )
        mechanism_code = options["mechanism"]
        if mechanism_code not in rules.mechanisms:
            raise Refused(
                problem_message(Problem("unknown_mechanism", "mechanism", {"code": mechanism_code}))
            )
        mechanism = rules.mechanism(mechanism_code)
        start = min((e for e in events if e.code in mechanism.start_events), default=None)
        if start is None:
            raise Refused(f"Give the filing event: --event {mechanism.start_events[0]}=YYYY-MM-DD.")
        problems = check_filing(
            rules, mechanism_code, options["office"], options["against"], start.on
        )
        for event in events:
            problems += check_event(
                mechanism, event.code, event.on, event.precision, start.earliest
            )
        if problems:
            raise Refused(problem_message(problems[0]))
        office = rules.offices[options["office"]]
        return [
            {
                "rule": o.rule,
                "what": local(o.what),
                "owed_by": o.owed_by,
                "due_on": o.due_on.isoformat(),
                "extended_due_on": o.extended_due_on.isoformat() if o.extended_due_on else None,
                "status": o.status,
                "days": o.days,
                "approximate": o.approximate,
                "source": o.source.citation + (f" <{o.source.url}>" if o.source.url else ""),
                "confidence": o.confidence,
            }
            for o in compute_obligations(
                mechanism, office.code, office.country, options["against"], events, today
            )
        ]
