from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from corredor.lib.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the public demonstration data (an organization with one account per role)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demonstration accounts are for local use only.")
        organization = load_demo()
        self.stdout.write(f"Demonstration organization: {organization.name}")
        self.stdout.write(f"Accounts (password for each: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<7} {account.email}")
        self.stdout.write(
            "Admin and staff accounts are asked to set up an authenticator app (TOTP) "
            "at first sign-in."
        )
