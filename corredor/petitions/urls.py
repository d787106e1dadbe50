from django.urls import path

from corredor.petitions import views

app_name = "petitions"

urlpatterns = [
    path("petitions/", views.register, name="register"),
    path("petitions/new/", views.create, name="create"),
    path("petitions/<slug:slug>/", views.detail, name="detail"),
    path("petitions/<slug:slug>/edit/", views.edit, name="edit"),
    path("petitions/<slug:slug>/events/new/", views.add_event, name="add_event"),
    path(
        "petitions/<slug:slug>/events/<uuid:event_uuid>/delete/",
        views.delete_event,
        name="delete_event",
    ),
    path("accountability/", views.accountability, name="accountability"),
]
