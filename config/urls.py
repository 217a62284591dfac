from django.contrib import admin
from django.urls import include, path

from accounts.views import LoginView
from config import views
from operations.views import metrics

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("privacy/", views.privacy, name="privacy"),
    path("console/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("moderation.urls")),
    path("", include("conversations.urls")),
    path("", include("drafts.urls")),
    path("", include("forums.urls")),
]
