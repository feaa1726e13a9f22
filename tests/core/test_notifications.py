"""通知: notify(), e-mail through Django's mail backend (locmem in tests), and the /inbox/ page."""

from __future__ import annotations

import pytest
from django.core import mail

from enforcement.core.models import AuditEvent, Notification
from enforcement.core.services.notifications import notify
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(personas):
    personas.officer1.email = "officer1@example.gov.cn"
    personas.officer1.save(update_fields=["email"])
    return personas


def test_notify_creates_one_row_per_recipient_and_mails_after_commit(
    mailed, django_capture_on_commit_callbacks
):
    p = mailed
    enterprise = EnterpriseFactory(agency=p.agencies.district_a)
    with django_capture_on_commit_callbacks() as callbacks:
        rows = notify(
            [p.officer1, p.officer2, p.officer1],
            "隐患整改复查",
            body="请于明日复查。",
            url="/inspections/1/",
            subject=enterprise,
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert sorted(n.recipient.username for n in rows) == ["officer1", "officer2"]
    assert Notification.objects.filter(object_id=enterprise.pk, content_type__model="enterprise").count() == 2
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.subject, message.to, message.from_email) == (
        "【应急执法】隐患整改复查",
        ["officer1@example.gov.cn"],
        "noreply@yjzf.example.gov.cn",
    )
    assert message.body == "请于明日复查。\n\n/inspections/1/"


def test_notify_without_email(mailed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify([mailed.officer1], "仅站内", email=False)
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.get().title == "仅站内"


def _notices(personas):
    mine = [notify([personas.officer1], f"通知{i}", url="/deadlines/")[0] for i in range(3)]
    theirs = notify([personas.officer2], "别人的通知")[0]
    return mine, theirs


def test_inbox_lists_only_my_notifications(client, personas, django_assert_num_queries):
    mine, theirs = _notices(personas)
    client.force_login(personas.officer1)
    client.get("/inbox/")
    # session, user with its agency (navbar), notifications page, unread badge, roles (audit nav item)
    with django_assert_num_queries(5):
        response = client.get("/inbox/")
    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [n.pk for n in reversed(mine)]
    html = response.content.decode()
    assert "别人的通知" not in html
    assert '<span class="badge text-bg-danger" id="unread-count">3</span>' in html


def test_even_the_superuser_sees_only_their_own_inbox(client, personas):
    _notices(personas)
    client.force_login(personas.admin)
    assert list(client.get("/inbox/").context["notifications"]) == []


def test_mark_one_read(client, personas):
    mine, _ = _notices(personas)
    client.force_login(personas.officer1)
    response = client.post(f"/inbox/{mine[0].pk}/read/")
    assert (response.status_code, response["Location"]) == (302, "/inbox/")
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    assert Notification.objects.filter(recipient=personas.officer1, read_at__isnull=True).count() == 2
    event = AuditEvent.objects.get(action="notification.read")
    assert (event.actor_id, event.data) == (personas.officer1.pk, {"ids": [mine[0].pk]})
    # Marking it again changes nothing and writes no second event.
    client.post(f"/inbox/{mine[0].pk}/read/")
    assert AuditEvent.objects.filter(action="notification.read").count() == 1


def test_mark_read_follows_a_safe_next_only(client, personas):
    mine, _ = _notices(personas)
    client.force_login(personas.officer1)
    assert client.post(f"/inbox/{mine[0].pk}/read/", {"next": "/deadlines/"})["Location"] == "/deadlines/"
    assert (
        client.post(f"/inbox/{mine[1].pk}/read/", {"next": "https://evil.example/"})["Location"] == "/inbox/"
    )


def test_marking_someone_elses_notification_is_404_and_changes_nothing(client, personas):
    _, theirs = _notices(personas)
    events = AuditEvent.objects.count()
    client.force_login(personas.officer1)
    assert client.post(f"/inbox/{theirs.pk}/read/").status_code == 404
    client.force_login(personas.admin)
    assert client.post(f"/inbox/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert AuditEvent.objects.count() == events


def test_mark_read_needs_post_and_login(client, personas):
    mine, _ = _notices(personas)
    response = client.post(f"/inbox/{mine[0].pk}/read/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(personas.officer1)
    assert client.get(f"/inbox/{mine[0].pk}/read/").status_code == 405
    mine[0].refresh_from_db()
    assert mine[0].read_at is None


def test_mark_all_read_touches_only_mine(client, personas):
    mine, theirs = _notices(personas)
    client.force_login(personas.officer1)
    response = client.post("/inbox/read-all/")
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=personas.officer1, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    event = AuditEvent.objects.get(action="notification.read")
    assert event.data == {"ids": sorted(n.pk for n in mine)}
    assert client.post("/inbox/read-all/").status_code == 302
    assert AuditEvent.objects.filter(action="notification.read").count() == 1
    html = client.get("/inbox/").content.decode()
    assert 'id="unread-count"' not in html


def test_unread_only_filter_and_badge_on_other_pages(client, personas):
    mine, _ = _notices(personas)
    client.force_login(personas.officer1)
    client.post(f"/inbox/{mine[0].pk}/read/")
    response = client.get("/inbox/", {"unread": "1"})
    assert [n.pk for n in response.context["notifications"]] == [mine[2].pk, mine[1].pk]
    assert '<span class="badge text-bg-danger" id="unread-count">2</span>' in client.get("/").content.decode()
