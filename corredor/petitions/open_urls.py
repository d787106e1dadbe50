from django.urls import path

from corredor.petitions import open_data

app_name = "open"

urlpatterns = [
    path("data/petitions.csv", open_data.petitions_csv, name="petitions_csv"),
    path("data/petitions.json", open_data.petitions_json, name="petitions_json"),
    path("calendar/deadlines.ics", open_data.deadlines_calendar, name="deadlines_ics"),
    path("badges/<slug:slug>.svg", open_data.badge, name="badge"),
]
