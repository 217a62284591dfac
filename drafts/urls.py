from django.urls import path

from drafts import views

app_name = "drafts"

urlpatterns = [
    path("drafts/", views.draft_list, name="list"),
    path("drafts/save/", views.draft_save, name="save"),
    path("drafts/discard/", views.draft_discard_place, name="discard_place"),
    path("drafts/<int:pk>/discard/", views.draft_discard, name="discard"),
]
