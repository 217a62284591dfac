from django.shortcuts import render


def index(request):
    """The home page: the forums."""
    return render(request, "forums/index.html")
