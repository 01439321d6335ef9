from django.db import transaction

from .models import Counter


@transaction.atomic
def reserve(key: str, count: int = 1) -> int:
    """Reserve `count` consecutive numbers under `key`; returns the first one."""
    Counter.objects.get_or_create(key=key)
    counter = Counter.objects.select_for_update().get(key=key)
    first = counter.value + 1
    Counter.objects.filter(pk=counter.pk).update(value=counter.value + count)
    return first
