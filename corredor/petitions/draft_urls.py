from django.urls import path

from corredor.petitions import draft_views as views

app_name = "drafts"

urlpatterns = [
    path("drafts/", views.draft_list, name="list"),
    path("drafts/new/", views.new_draft, name="new"),
    path("drafts/<uuid:draft_uuid>/", views.detail, name="detail"),
    path("drafts/<uuid:draft_uuid>/details/", views.edit_details, name="details"),
    path(
        "drafts/<uuid:draft_uuid>/sections/<slug:code>/<str:language>/",
        views.section,
        name="section",
    ),
    path(
        "drafts/<uuid:draft_uuid>/sections/<slug:code>/<str:language>/current/",
        views.mark_current,
        name="mark_current",
    ),
    path(
        "drafts/<uuid:draft_uuid>/sections/<slug:code>/<str:language>/comments/",
        views.add_comment,
        name="comment",
    ),
    path(
        "drafts/<uuid:draft_uuid>/comments/<uuid:comment_uuid>/resolve/",
        views.resolve_comment,
        name="resolve_comment",
    ),
    path("drafts/<uuid:draft_uuid>/versions/", views.version_list, name="versions"),
    path("drafts/<uuid:draft_uuid>/versions/compare/", views.compare, name="compare"),
    path(
        "drafts/<uuid:draft_uuid>/versions/<int:number>/restore/",
        views.restore,
        name="restore",
    ),
    path(
        "drafts/<uuid:draft_uuid>/exhibits/new/<slug:kind>/",
        views.add_exhibit,
        name="add_exhibit",
    ),
    path(
        "drafts/<uuid:draft_uuid>/exhibits/<uuid:exhibit_uuid>/move/",
        views.move_exhibit,
        name="move_exhibit",
    ),
    path(
        "drafts/<uuid:draft_uuid>/exhibits/<uuid:exhibit_uuid>/remove/",
        views.remove_exhibit,
        name="remove_exhibit",
    ),
    path("drafts/<uuid:draft_uuid>/package.<str:fmt>", views.package, name="package"),
    path("drafts/<uuid:draft_uuid>/file/", views.file_draft, name="file"),
    path("drafts/<uuid:draft_uuid>/filed.pdf", views.filed_package, name="filed_package"),
]
