from django.shortcuts import render

from moderation.selectors import current_rules_version, rule_list_active


def rules(request):
    """The community rules, numbered, with the current version."""
    return render(
        request,
        "moderation/rules.html",
        {"rules": rule_list_active(), "rules_version": current_rules_version()},
    )


def get_help(request):
    """Get help now: reachable from every page, for visitors too."""
    return render(request, "moderation/help.html")
