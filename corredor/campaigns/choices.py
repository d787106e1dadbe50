from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActionType(models.TextChoices):
    COMMENTS_SUBMITTED = "comments_submitted", _("Comments submitted")
    LETTER_DELIVERED = "letter_delivered", _("Letter delivered")
    TESTIMONY = "testimony", _("Testimony or hearing")
    MEETING_WITH_OFFICIALS = "meeting_with_officials", _("Meeting with officials")
    STRATEGY_MEETING = "strategy_meeting", _("Strategy meeting")
    REPORT_PUBLISHED = "report_published", _("Report published")
    PETITION_FILED = "petition_filed", _("Petition filed")
    SUPPLEMENT_FILED = "supplement_filed", _("Supplement filed")
    GOVERNMENT_RESPONSE = "government_response", _("Government response")
    PRESS = "press", _("Press")
    OTHER = "other", pgettext_lazy("action type", "Other")


# How a petition's own events show in a campaign's timeline, so that nothing is entered twice.
PETITION_EVENT_TYPES = {
    "filed": ActionType.PETITION_FILED,
    "petition_filed": ActionType.PETITION_FILED,
    "supplement_filed": ActionType.SUPPLEMENT_FILED,
    "hearing_held": ActionType.TESTIMONY,
    "meeting_with_government": ActionType.MEETING_WITH_OFFICIALS,
    "accepted_for_review": ActionType.GOVERNMENT_RESPONSE,
    "declined": ActionType.GOVERNMENT_RESPONSE,
    "review_declined": ActionType.GOVERNMENT_RESPONSE,
    "report_issued": ActionType.GOVERNMENT_RESPONSE,
    "review_completed": ActionType.GOVERNMENT_RESPONSE,
    "response_to_petitioner": ActionType.GOVERNMENT_RESPONSE,
    "petition_declined": ActionType.GOVERNMENT_RESPONSE,
    "ministerial_agreement": ActionType.GOVERNMENT_RESPONSE,
    "remediation_agreed": ActionType.GOVERNMENT_RESPONSE,
    "panel_determination": ActionType.GOVERNMENT_RESPONSE,
}
