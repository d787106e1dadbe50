from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from corredor.accounts import views
from corredor.accounts.decorators import signed_in

app_name = "accounts"

urlpatterns = [
    path("account/sign-in/", views.LoginView.as_view(), name="login"),
    path("account/sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.account_home, name="home"),
    path("account/two-step/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("account/two-step/", views.two_factor_verify, name="two_factor_verify"),
    path("account/two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/tokens/", views.api_tokens, name="api_tokens"),
    path(
        "account/tokens/<uuid:token_uuid>/revoke/", views.api_token_revoke, name="api_token_revoke"
    ),
    path(
        "account/password/",
        signed_in(
            auth_views.PasswordChangeView.as_view(
                template_name="accounts/password_change.html",
                success_url=reverse_lazy("accounts:password_change_done"),
            )
        ),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("account/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path(
        "organizations/<slug:slug>/settings/",
        views.organization_settings,
        name="organization_settings",
    ),
    path("organizations/<slug:slug>/invite/", views.member_invite, name="member_invite"),
    path(
        "organizations/<slug:slug>/members/<uuid:user_uuid>/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "organizations/<slug:slug>/invitations/<uuid:invitation_uuid>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
