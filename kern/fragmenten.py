"""Rendered page fragments with forms, cached without the visitor's CSRF token.

A fragment cached by data version (`kern.versies.gecachet`) is shared by every visit with the same
key, so it may not hold one visitor's CSRF token. `render_zonder_csrf` renders it with a fixed
placeholder where `{% csrf_token %}` puts the token; `met_csrf` puts the visitor's own token there
on every visit (and, as `{% csrf_token %}` does, makes sure the visitor has a CSRF cookie).
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PLAATSHOUDER = "csrf-plaatshouder-van-een-gecachet-fragment"
_VELD = 'name="csrfmiddlewaretoken" value="{}"'


def render_zonder_csrf(template_name: str, context: dict) -> str:
    """The template rendered without a request, its CSRF fields holding the placeholder."""
    return render_to_string(template_name, {**context, "csrf_token": PLAATSHOUDER})


def met_csrf(request, html: str) -> SafeString:
    """A fragment of `render_zonder_csrf` with this visitor's CSRF token in its forms."""
    # Safe: the fragment was rendered (and escaped) by a template; only the placeholder changes,
    # into a token of letters and digits.
    met_token = html.replace(_VELD.format(PLAATSHOUDER), _VELD.format(get_token(request)))
    return mark_safe(met_token)  # noqa: S308  # nosec B308 B703
