from django.urls import path

from corredor.treaties import views

app_name = "treaties"

urlpatterns = [
    path("where-to-file/", views.where_to_file, name="where_to_file"),
]
