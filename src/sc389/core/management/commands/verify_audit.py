"""`sc389 verify_audit`: walk the audit hash chain and report the first broken link (exit code 1)."""

import sys

from django.core.management.base import BaseCommand

from sc389.core import chain
from sc389.core.models import AuditChainHead


class Command(BaseCommand):
    help = "Check the audit log's hash chain; report the first edited, deleted or inserted entry."

    def handle(self, *args, **options):
        checked, broken = chain.verify()
        if broken is None:
            head = AuditChainHead.objects.filter(pk=1).first()
            last = head.last_hash if head else chain.GENESIS
            self.stdout.write(f"OK: {checked} audit entries, chain intact. Head hash: {last}")
            self.stdout.write(
                "Keep the head hash somewhere else (a signed note, another system) to compare later."
            )
            return
        where = f"entry id {broken.event_id}" if broken.event_id is not None else "after the last entry"
        self.stderr.write(
            f"BROKEN at {where} ({broken.kind}): {broken.detail}. {checked} entries before it verified."
        )
        sys.exit(1)
