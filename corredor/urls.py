from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from django_otp.admin import OTPAdminSite

from corredor import views
from corredor.api.api import api

# The site administration asks every operator for a second factor too.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("", include("corredor.petitions.open_urls")),
    path("", include("corredor.campaigns.open_urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("", include("corredor.accounts.urls")),
    path("", include("corredor.petitions.urls")),
    path("", include("corredor.petitions.draft_urls")),
    path("", include("corredor.campaigns.urls")),
    path("", include("corredor.signons.urls")),
    path("", include("corredor.testimonies.urls")),
    path("", include("corredor.treaties.urls")),
    path("admin/", admin.site.urls),
)

handler500 = "corredor.views.server_error"
