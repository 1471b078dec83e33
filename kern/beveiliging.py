"""Sessions of staff: the second factor, the idle and absolute session limits, the client address.

Every account of the portal belongs to staff (coordinators, loket staff, childcare providers,
Opgroeien, functional administrators); families have no account. So every logged-in user needs a
second factor (allauth.mfa: an authenticator app, with recovery codes). A session counts as
"second factor passed" once its user entered a code at login or enrolled an authenticator in it;
until then the user sees only the enrolment, the re-authentication and the logout.
"""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

#: Session keys: the pk of the user who passed the second factor in this session, the moment of
#: login and of the last request (seconds since the epoch).
TWEEDE_FACTOR = "kern_tweede_factor"
BEGIN = "kern_sessie_begin"
ACTIVITEIT = "kern_laatste_activiteit"

#: Factors that count on their own; recovery codes only stand in for them at login.
STERKE_FACTOREN = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)

#: Views a logged-in user may open before passing a second factor.
ZONDER_TWEEDE_FACTOR = frozenset(
    {"mfa_activate_totp", "account_reauthenticate", "account_logout", "gezondheid", "favicon"}
)

#: The last activity is stored at most once a minute, so an active session is not written on
#: every request; the idle limit is therefore kept to the minute.
ACTIVITEIT_BIJWERKEN_NA = 60


def client_ip(request) -> str:
    """The client's address (for django-ratelimit): allauth's, from ALLAUTH_TRUSTED_PROXY_COUNT."""
    return get_adapter(request).get_client_ip(request)


def vraagt_tweede_factor(user) -> bool:
    """Whether the user must pass a second factor: every account of the portal is staff."""
    return user.is_authenticated


def markeer_tweede_factor(sessie, user) -> None:
    sessie[TWEEDE_FACTOR] = str(user.pk)


def tweede_factor_gehaald(request) -> bool:
    return request.session.get(TWEEDE_FACTOR) == str(request.user.pk)


def _stuur_naar(request, url: str):
    """A redirect, also for an htmx request (which would otherwise swap the target page in)."""
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _opnieuw_aanmelden(request, melding: str):
    """Log out and off to the login page, back to this page afterwards if it was a plain read."""
    if request.method in ("GET", "HEAD"):
        url = redirect_to_login(request.get_full_path()).url
    else:
        url = resolve_url(settings.LOGIN_URL)
    logout(request)
    messages.info(request, melding)
    return _stuur_naar(request, url)


class SessieTermijnMiddleware:
    """Ends a logged-in session after SESSION_IDLE_MINUTES idle and SESSION_MAX_HOURS in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            sessie = request.session
            nu = time.time()
            begin = sessie.get(BEGIN)
            laatste = sessie.get(ACTIVITEIT)
            if begin is None or laatste is None:
                sessie[BEGIN] = begin = nu if begin is None else begin
                sessie[ACTIVITEIT] = laatste = nu
            if (
                nu - laatste > settings.SESSION_IDLE_MINUTES * 60
                or nu - begin > settings.SESSION_MAX_HOURS * 60 * 60
            ):
                return _opnieuw_aanmelden(request, "Uw sessie is verlopen. Meld u opnieuw aan.")
            if nu - laatste >= ACTIVITEIT_BIJWERKEN_NA:
                sessie[ACTIVITEIT] = nu
        return self.get_response(request)


class TweedeFactorMiddleware:
    """A logged-in user who has not passed a second factor in this session sees no other page.

    Without an authenticator: off to enrolment. With one (a session that never asked for it):
    logged out, to log in again with the code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not vraagt_tweede_factor(request.user) or tweede_factor_gehaald(request):
            return None
        if request.resolver_match.view_name in ZONDER_TWEEDE_FACTOR:
            return None
        if Authenticator.objects.filter(user=request.user, type__in=STERKE_FACTOREN).exists():
            return _opnieuw_aanmelden(request, "Meld u opnieuw aan, met de code van uw authenticator-app.")
        messages.info(
            request,
            "Het portaal bevat gegevens over kinderen en gezinnen. Stel eerst een tweede stap in "
            "voor het aanmelden: scan de QR-code met een authenticator-app en vul de code in.",
        )
        return _stuur_naar(request, reverse("mfa_activate_totp"))


@receiver(user_logged_in)
def _sessie_begint(sender, request, user, **kwargs):
    if request is not None:
        request.session[BEGIN] = request.session[ACTIVITEIT] = time.time()


@receiver(mfa_signals.authenticator_used)
def _tweede_factor_gebruikt(sender, request, user, **kwargs):
    """A code at login (before the session is logged in; the login keeps the session's data)."""
    markeer_tweede_factor(request.session, user)


@receiver(mfa_signals.authenticator_added)
def _tweede_factor_ingesteld(sender, request, user, authenticator, **kwargs):
    """Enrolling an authenticator app takes a valid code from it."""
    if authenticator.type in STERKE_FACTOREN:
        markeer_tweede_factor(request.session, user)


@receiver(mfa_signals.authenticator_removed)
def _tweede_factor_verwijderd(sender, request, user, authenticator, **kwargs):
    if not Authenticator.objects.filter(user=user, type__in=STERKE_FACTOREN).exists():
        request.session.pop(TWEEDE_FACTOR, None)
