"""Reference views for bench/web_bench.py, mounted only when HEARTH_BENCH_REFERENCE_VIEWS=1."""

from django.urls import path

from forums import bench_views

urlpatterns = [
    path("fixed/", bench_views.fixed_string, name="bench_fixed"),
    path("template/", bench_views.plain_template, name="bench_template"),
]
