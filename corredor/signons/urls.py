from django.urls import path

from corredor.signons import views

app_name = "signons"

urlpatterns = [
    path("letters/", views.letter_list, name="list"),
    path("letters/new/", views.letter_form, name="create"),
    path("letters/<slug:slug>/", views.letter, name="letter"),
    path("letters/<slug:slug>/thanks/", views.signed, name="signed"),
    path("letters/<slug:slug>/confirm/", views.confirm, name="confirm"),
    path("letters/<slug:slug>/not-me/", views.not_me, name="not_me"),
    path("letters/<slug:slug>/edit/", views.letter_form, name="edit"),
    path("letters/<slug:slug>/signatures/", views.signatures, name="signatures"),
    path("letters/<slug:slug>/moderate/", views.moderate, name="moderate"),
    path("letters/<slug:slug>/signatures.csv", views.export_csv, name="export"),
    path("letters/<slug:slug>/deliver/", views.deliver, name="deliver"),
    path(
        "letters/<slug:slug>/deliveries/<uuid:delivery_uuid>.pdf",
        views.delivery_pdf,
        name="delivery_pdf",
    ),
]
