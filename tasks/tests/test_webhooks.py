"""The webhook sender against a local receiver: signed bodies, the same delivery id on every
attempt, backoff, and giving up after REMINDER_WEBHOOK_GIVE_UP_S."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tasks import webhooks
from tasks.models import WebhookDelivery
from tests.support.worker import WEBHOOK_SECRET, WebhookReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    with WebhookReceiver() as receiver:
        settings.REMINDER_WEBHOOK_URL = receiver.url
        settings.REMINDER_WEBHOOK_SECRET = WEBHOOK_SECRET
        yield receiver


def queue() -> WebhookDelivery:
    delivery = webhooks.queue(user_id="alice", kind="reminder", payload={"type": "reminder"})
    assert delivery is not None
    return delivery


def make_due(delivery: WebhookDelivery) -> None:
    WebhookDelivery.objects.filter(id=delivery.id).update(next_attempt_at=timezone.now())


def test_a_delivery_is_signed_and_verifiable_by_the_receiver(receiver):
    delivery = queue()

    assert webhooks.deliver(delivery.id) == "delivered"

    (post,) = receiver.received
    assert json.loads(post.body) == {"delivery_id": str(delivery.id), "type": "reminder"}
    header = post.headers["Todochat-Signature"]
    assert webhooks.verify_signature(header, post.body, secret=WEBHOOK_SECRET)
    assert not webhooks.verify_signature(header, post.body + b" ", secret=WEBHOOK_SECRET)
    assert not webhooks.verify_signature(header, post.body, secret="another secret")
    # A replayed signature is stale after the tolerance.
    assert not webhooks.verify_signature(
        header, post.body, secret=WEBHOOK_SECRET, now=time.time() + 301
    )


def test_a_delivered_delivery_is_not_sent_again(receiver):
    delivery = queue()
    webhooks.deliver(delivery.id)

    assert webhooks.deliver(delivery.id) == "skipped"
    assert len(receiver.received) == 1


def test_a_failed_attempt_is_retried_later_with_the_same_body(receiver, settings):
    settings.REMINDER_WEBHOOK_RETRY_BASE_S = 60
    receiver.status = 503
    delivery = queue()

    assert webhooks.deliver(delivery.id) == "retry"
    stored = WebhookDelivery.objects.get(id=delivery.id)
    assert stored.attempts == 1 and stored.last_error == "HTTP 503"
    # Not before its backoff (60 s ± 20%)...
    assert stored.next_attempt_at > timezone.now() + timedelta(seconds=45)
    assert webhooks.deliver(delivery.id) == "skipped"

    receiver.status = 200
    make_due(delivery)
    assert webhooks.deliver(delivery.id) == "delivered"
    first, second = receiver.received
    assert first.body == second.body


def test_backoff_doubles_up_to_its_cap(settings):
    settings.REMINDER_WEBHOOK_RETRY_BASE_S = 5
    settings.REMINDER_WEBHOOK_RETRY_MAX_S = 60

    waits = [webhooks.backoff_s(attempt) for attempt in range(1, 7)]

    for wait, nominal in zip(waits, [5, 10, 20, 40, 60, 60], strict=True):
        assert nominal * 0.8 <= wait <= nominal * 1.2


def test_a_delivery_failing_past_the_give_up_time_is_given_up(receiver, settings):
    settings.REMINDER_WEBHOOK_GIVE_UP_S = 30
    receiver.status = 500
    delivery = queue()
    WebhookDelivery.objects.filter(id=delivery.id).update(
        created_at=timezone.now() - timedelta(seconds=29)
    )

    assert webhooks.deliver(delivery.id) == "gave_up"
    stored = WebhookDelivery.objects.get(id=delivery.id)
    assert stored.state == WebhookDelivery.State.GAVE_UP
    make_due(delivery)
    assert webhooks.deliver(delivery.id) == "skipped"


def test_an_unreachable_receiver_is_a_retry_not_a_crash(settings):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"
    settings.REMINDER_WEBHOOK_SECRET = WEBHOOK_SECRET
    delivery = queue()

    assert webhooks.deliver(delivery.id) == "retry"
    assert "ConnectError" in WebhookDelivery.objects.get(id=delivery.id).last_error


@pytest.mark.parametrize("url", ["http://[::1/hook", "http://example.com:abc/hook"])
def test_a_receiver_url_that_does_not_parse_is_a_retry_not_a_crash(settings, url):
    # The attempt raised: the delivery stayed leased, was never given up, and the job failed.
    settings.REMINDER_WEBHOOK_URL = url
    settings.REMINDER_WEBHOOK_SECRET = WEBHOOK_SECRET
    delivery = queue()

    assert webhooks.deliver(delivery.id) == "retry"
    stored = WebhookDelivery.objects.get(id=delivery.id)
    assert (stored.attempts, stored.lease_until) == (1, None)
    assert "InvalidURL" in stored.last_error


def test_without_a_receiver_nothing_is_queued(settings):
    settings.REMINDER_WEBHOOK_URL = ""

    assert webhooks.queue(user_id="alice", kind="reminder", payload={}) is None
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("give_up_s", [0, 86400])
def test_a_sender_overtaken_by_another_leaves_its_delivery_delivered(
    settings, monkeypatch, give_up_s
):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.REMINDER_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.REMINDER_WEBHOOK_GIVE_UP_S = give_up_s
    delivery = queue()
    senders: list[str] = []

    def post(sent: WebhookDelivery) -> str | None:
        if senders:
            senders.append("second")
            return None
        senders.append("first")
        # The first request hangs past its lease: another worker takes the delivery over and
        # delivers it; then the first one times out.
        WebhookDelivery.objects.filter(id=sent.id).update(
            lease_until=timezone.now() - timedelta(seconds=1)
        )
        assert webhooks.deliver(sent.id) == "delivered"
        return "ReadTimeout: timed out"

    monkeypatch.setattr(webhooks, "_post", post)

    assert webhooks.deliver(delivery.id) == "skipped"

    done = WebhookDelivery.objects.get(id=delivery.id)
    assert senders == ["first", "second"]
    assert (done.state, done.last_error, done.lease_until) == ("delivered", "", None)


def test_a_failed_sender_overtaken_mid_request_leaves_the_new_senders_lease(settings, monkeypatch):
    settings.REMINDER_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.REMINDER_WEBHOOK_SECRET = WEBHOOK_SECRET
    delivery = queue()
    theirs = timezone.now() + timedelta(seconds=30)

    def post(sent: WebhookDelivery) -> str | None:
        # Another worker claimed it after this request outlived its lease, and is sending.
        WebhookDelivery.objects.filter(id=sent.id).update(lease_until=theirs)
        return "ReadTimeout: timed out"

    monkeypatch.setattr(webhooks, "_post", post)

    assert webhooks.deliver(delivery.id) == "skipped"

    # Nobody else may start a third send while the second is in flight.
    done = WebhookDelivery.objects.get(id=delivery.id)
    assert (done.state, done.lease_until, done.attempts) == ("pending", theirs, 0)
