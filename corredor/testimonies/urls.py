from django.urls import path

from corredor.testimonies import views

app_name = "testimonies"

urlpatterns = [
    path("testify/withdraw/", views.withdraw, name="withdraw"),
    path("testify/<slug:organization_slug>/", views.intake, name="intake"),
    path("testify/<slug:organization_slug>/thanks/", views.thanks, name="thanks"),
    path("testimonies/shared/", views.shared, name="shared"),
    path("testimonies/t/<str:pseudonym>/", views.detail, name="detail"),
    path("testimonies/t/<str:pseudonym>/saved/", views.taken, name="taken"),
    path("testimonies/t/<str:pseudonym>/redaction/", views.review_redaction, name="redaction"),
    path("testimonies/t/<str:pseudonym>/evidence/", views.add_evidence, name="evidence"),
    path(
        "testimonies/t/<str:pseudonym>/files/<uuid:attachment_uuid>/",
        views.attachment,
        name="attachment",
    ),
    path("testimonies/<slug:organization_slug>/", views.testimony_list, name="list"),
    path("testimonies/<slug:organization_slug>/new/", views.take, name="take"),
    path(
        "testimonies/<slug:organization_slug>/statistics/",
        views.statistics_view,
        name="statistics",
    ),
    path("testimonies/<slug:organization_slug>/access-log/", views.access_log, name="access_log"),
]
