from django.urls import path

from corredor.campaigns import feeds

app_name = "campaign_feeds"

urlpatterns = [
    path("feeds/actions.atom", feeds.ActionsFeed(), name="actions"),
    path("feeds/campaigns/<slug:slug>.atom", feeds.ActionsFeed(), name="campaign"),
    path("calendar/campaigns/<slug:slug>.ics", feeds.campaign_calendar, name="calendar"),
]
