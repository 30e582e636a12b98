"""The admin's role map as the tests expect it: every admin route with sample arguments, and the least
role each endpoint needs (None: public)."""

PUBLIC = {"admin_auth.root", "admin_auth.login", "admin_auth.logout"}
PUBLISHER_AREAS = ("admin_publish.", "admin_audit.", "admin_usage.")
ADMIN_AREAS = ("admin_users.", "admin_kiosks.", "admin_settings.", "admin_mrp.")
SAMPLE_ARGS = {"row_id": 1, "user_id": 1, "version": 1, "lang": "ru", "kiosk_id": "hall-1", "sha256": "0" * 64}


def admin_routes(app):
    """(endpoint, url, methods) of every registered admin route, with sample arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin_"):
            continue
        args = {name: SAMPLE_ARGS.get(name, "x") for name in rule.arguments}
        if rule.endpoint.startswith("admin_categories.") and "row_id" in args:
            args["row_id"] = "family"
        if rule.endpoint.startswith("admin_mrp.") and "row_id" in args:
            args["row_id"] = 2026
        url = rule.build(args)[1] if rule.arguments else rule.rule
        routes.append((rule.endpoint, url, rule.methods - {"HEAD", "OPTIONS"}))
    return routes


CLERK = {"admin_auth.profile"}  # with the courtroom page (admin_clerk.*): everything a clerk reaches


def required_role(endpoint: str) -> str | None:
    if endpoint in PUBLIC:
        return None
    if endpoint in CLERK or endpoint.startswith("admin_clerk."):
        return "clerk"
    if endpoint.startswith(ADMIN_AREAS):
        return "admin"
    if endpoint.startswith(PUBLISHER_AREAS):
        return "publisher"
    return "editor"
