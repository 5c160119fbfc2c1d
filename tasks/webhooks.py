"""The signed webhook: fired reminders and task events POSTed to `REMINDER_WEBHOOK_URL`.

A delivery is queued (a `WebhookDelivery` row and a job) in the transaction that produced it,
and sent at least once by a worker: the same body, with the same `delivery_id`, on every
attempt, so a receiver drops repeats by that id. Each attempt is signed:

    Todochat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">

keyed with `REMINDER_WEBHOOK_SECRET`; receivers recompute it and reject stale timestamps
(`verify_signature`). A failed attempt (no answer, or not 2xx) is retried with exponential
backoff; a delivery whose next attempt would come more than `REMINDER_WEBHOOK_GIVE_UP_S` after
it was queued is given up.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import threading
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx2
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .reminder_models import WebhookDelivery

logger = logging.getLogger("todochat.webhooks")

SIGNATURE_HEADER = "Todochat-Signature"
# Receivers should refuse signatures older than this (replays).
SIGNATURE_TOLERANCE_S = 300


_local = threading.local()


def _client() -> httpx2.Client:
    # One client per thread (the job loop, the sweep): connections and TLS set-up are reused.
    client = getattr(_local, "client", None)
    if client is None:
        client = _local.client = httpx2.Client(timeout=settings.REMINDER_WEBHOOK_TIMEOUT_S)
    return client


def is_enabled() -> bool:
    """Whether a webhook receiver is configured."""
    return bool(settings.REMINDER_WEBHOOK_URL)


def sign(body: bytes, *, secret: str, timestamp: int) -> str:
    """The `Todochat-Signature` header value for `body` sent at `timestamp`."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(
    header: str,
    body: bytes,
    *,
    secret: str,
    now: float | None = None,
    tolerance_s: int = SIGNATURE_TOLERANCE_S,
) -> bool:
    """Whether `header` signs `body` with `secret` and is at most `tolerance_s` old — what a
    receiver checks (a reference implementation in Python)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance_s:
        return False
    expected = sign(body, secret=secret, timestamp=timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def queue(
    *,
    user_id: str,
    kind: str,
    payload: dict[str, Any],
    delivery_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> WebhookDelivery | None:
    """Queue `payload` (with its `delivery_id` added) for the receiver, with the job that sends
    it; nothing when no receiver is configured. Call inside the transaction that produced it."""
    if not is_enabled():
        return None
    from .jobs import deliver_webhook

    now = now or timezone.now()
    delivery_id = delivery_id or uuid.uuid4()
    body = json.dumps({"delivery_id": str(delivery_id), **payload}, separators=(",", ":"))
    delivery = WebhookDelivery.objects.create(
        id=delivery_id,
        user_id=user_id,
        kind=kind,
        body=body,
        next_attempt_at=now,
        created_at=now,
    )
    deliver_webhook.enqueue(str(delivery_id))
    return delivery


def backoff_s(attempts: int) -> float:
    """How long to wait after the `attempts`-th failed attempt: doubling from
    `REMINDER_WEBHOOK_RETRY_BASE_S` up to `REMINDER_WEBHOOK_RETRY_MAX_S`, with ±20% jitter so
    many deliveries that failed together do not all come back together."""
    base = settings.REMINDER_WEBHOOK_RETRY_BASE_S * 2 ** max(attempts - 1, 0)
    return min(base, settings.REMINDER_WEBHOOK_RETRY_MAX_S) * random.uniform(0.8, 1.2)  # noqa: S311


def _lease_s() -> float:
    # Longer than an attempt can take: a live sender is never overtaken.
    return 2 * settings.REMINDER_WEBHOOK_TIMEOUT_S + 1


def deliver(delivery_id: str | uuid.UUID) -> str:
    """One attempt at `delivery_id`, if it is still owed, due and not in flight elsewhere.

    Returns what happened: "delivered", "retry", "gave_up" or "skipped".
    """
    now = timezone.now()
    due = WebhookDelivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        id=delivery_id,
        state=WebhookDelivery.State.PENDING,
        next_attempt_at__lte=now,
    )
    # Claiming is one conditional UPDATE: of two senders, exactly one gets the row.
    lease = now + timedelta(seconds=_lease_s())
    if not due.update(lease_until=lease):
        return "skipped"
    delivery = WebhookDelivery.objects.get(id=delivery_id)
    error = _post(delivery)
    attempts = delivery.attempts + 1
    finished = timezone.now()
    pending = WebhookDelivery.objects.filter(id=delivery.id, state=WebhookDelivery.State.PENDING)
    # A sender whose request outlived its lease may have been overtaken: a failure is recorded
    # only while the lease is still its own (never over another sender's success, or lease).
    held = pending.filter(lease_until=lease)
    if error is None:
        pending.update(
            state=WebhookDelivery.State.DELIVERED,
            attempts=attempts,
            delivered_at=finished,
            lease_until=None,
            last_error="",
        )
        return "delivered"
    give_up_at = delivery.created_at + timedelta(seconds=settings.REMINDER_WEBHOOK_GIVE_UP_S)
    retry_at = finished + timedelta(seconds=backoff_s(attempts))
    if retry_at > give_up_at:
        if not held.update(
            state=WebhookDelivery.State.GAVE_UP,
            attempts=attempts,
            lease_until=None,
            last_error=error,
        ):
            return "skipped"
        logger.warning(
            "webhook delivery %s given up after %d attempts: %s", delivery.id, attempts, error
        )
        return "gave_up"
    from .jobs import deliver_webhook

    with transaction.atomic():
        if not held.update(
            attempts=attempts, next_attempt_at=retry_at, lease_until=None, last_error=error
        ):
            return "skipped"
        deliver_webhook.using(run_after=retry_at).enqueue(str(delivery.id))
    logger.info("webhook delivery %s failed (%s); retry at %s", delivery.id, error, retry_at)
    return "retry"


def _post(delivery: WebhookDelivery) -> str | None:
    """Send the delivery once; None on a 2xx answer, else what went wrong."""
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "todochat-webhook/1",
        "Todochat-Delivery": str(delivery.id),
        SIGNATURE_HEADER: sign(
            body, secret=settings.REMINDER_WEBHOOK_SECRET, timestamp=int(time.time())
        ),
    }
    url = settings.REMINDER_WEBHOOK_URL
    if not url:
        return "REMINDER_WEBHOOK_URL is not set"
    try:
        response = _client().post(url, content=body, headers=headers)
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        # A URL that does not parse fails like an unreachable receiver: retried, then given up.
        return f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}"


def due_ids(*, now: datetime, grace_s: float, limit: int) -> list[uuid.UUID]:
    """Deliveries owed for more than `grace_s` with no sender on them: their job was lost."""
    return list(
        WebhookDelivery.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            state=WebhookDelivery.State.PENDING,
            next_attempt_at__lte=now - timedelta(seconds=grace_s),
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
