"""Notifications: what a user is told in the application and by e-mail, and how they want their e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import wording


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
    DIGEST = "digest", _("Gửi một thư tổng hợp mỗi ngày")
    NONE = "none", _("Không gửi thư")


class Language(models.TextChoices):
    """The languages a recipient reads e-mails and digests in (settings.LANGUAGES); Vietnamese first."""

    VI = "vi", _("Tiếng Việt")
    EN = "en", _("English")


class Notification(models.Model):
    """One message to one user ("bản tin mới", "yêu cầu quá hạn"): shown in the application, e-mailed by a task.

    Personal, not scoped by unit: only its recipient ever sees it (selectors filter on `recipient`).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=48)  # who sent it and why, e.g. "bulletin.published"
    # What to say (see notifications.wording): message ids rendered at read time in the reader's language.
    title_msgid = models.TextField(blank=True)
    body_msgid = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)  # put in as they are (free text, numbers, dates)
    labels = models.JSONField(default=dict, blank=True)  # msgids, translated before they are put in
    # Shown as written: the finished text of rows from before message ids, or a user's own words (a bulletin's body).
    title_text = models.CharField(max_length=255, blank=True)
    body_text = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)  # a path inside SC389, never an outside address
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The title in the active language (old rows: their finished text)."""
        if not self.title_msgid:
            return self.title_text
        return wording.render(self.title_msgid, params=self.params, labels=self.labels)

    @property
    def body(self) -> str:
        """The body in the active language, then the user's own words, if any."""
        said = wording.render(self.body_msgid, params=self.params, labels=self.labels)
        return "\n".join(part for part in (said, self.body_text) if part)


class NotificationSetting(models.Model):
    """A user's choice of e-mail (each notification at once, one digest a day, or none) and of the language their
    e-mails and digests are written in (set by the top-bar language switch and on the notifications page)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting"
    )
    email_mode = models.CharField(max_length=16, choices=EmailMode.choices, default=EmailMode.IMMEDIATE)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.VI)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} — {self.email_mode}"
