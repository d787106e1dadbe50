from django.urls import path

from corredor.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/new/", views.campaign_form, name="create"),
    path("campaigns/<slug:slug>/", views.detail, name="detail"),
    path("campaigns/<slug:slug>/edit/", views.campaign_form, name="edit"),
    path("campaigns/<slug:slug>/actions/new/", views.action_form, name="add_action"),
    path(
        "campaigns/<slug:slug>/actions/<uuid:action_uuid>/",
        views.action_form,
        name="edit_action",
    ),
    path(
        "campaigns/<slug:slug>/actions/<uuid:action_uuid>/delete/",
        views.action_delete,
        name="delete_action",
    ),
    path("campaigns/<slug:slug>/publications/new/", views.publication_form, name="add_publication"),
    path(
        "campaigns/<slug:slug>/publications/<slug:publication_slug>/edit/",
        views.publication_form,
        name="edit_publication",
    ),
    path("campaigns/<slug:slug>/pdf/", views.campaign_pdf, name="pdf"),
    path("actions/", views.all_actions, name="timeline"),
    path("publications/<slug:slug>/", views.publication, name="publication"),
]
