"""Security headers for what visitors and kiosks get: download pages (/t/...) and media (/api/v1/media/...).

The admin's own headers are in admin/security.py. A page may load only this site's style sheet and
images; a media answer (a document, a video, a QR picture) may run nothing at all, even if a browser
were tricked into rendering it as a page.
"""
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox; " \
            "frame-ancestors 'none'"
COMMON = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def page_headers(response):
    """For HTML pages: only this site's style sheet and images."""
    return _add(response, PAGE_CSP)


def media_headers(response):
    """For files and JSON: nothing runs, whatever a browser makes of the bytes."""
    return _add(response, MEDIA_CSP)


def _add(response, csp: str):
    response.headers.setdefault("Content-Security-Policy", csp)
    for name, value in COMMON.items():
        response.headers.setdefault(name, value)
    return response
