"""Writes of the core: inviting a user to set their password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kern.mail import verstuur_mail
from kern.models import User


def nodig_uit(*, gebruiker: User) -> None:
    """E-mail the user a one-time link to choose a password (accounts are made by admins)."""
    pad = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(gebruiker),
            "key": default_token_generator.make_token(gebruiker),
        },
    )
    context = {"gebruiker": gebruiker, "link": settings.SITE_URL.rstrip("/") + pad}
    verstuur_mail(
        aan=gebruiker.email,
        onderwerp="Uitnodiging voor het portaal van de Huizen van het Kind",
        tekst=render_to_string("account/email/uitnodiging.txt", context),
    )
