"""Logging in as a person does: password, then the code of the authenticator app."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt

#: The authenticator-app secret given to test users (the demo users have demo.huizen.DEMO_TOTP_GEHEIM).
TEST_TOTP_GEHEIM = "TESTHUIZENVANHETKINDPORTAALGENT2"


def geef_authenticator(gebruiker) -> str:
    """The user's authenticator-app secret; a user without an app gets one with the test secret."""
    totp, _ = Authenticator.objects.get_or_create(
        user=gebruiker,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(TEST_TOTP_GEHEIM)}},
    )
    return decrypt(totp.data["secret"])


def totp_code(geheim: str, stappen: int = 0) -> str:
    """The code an authenticator app with this secret shows now (or `stappen` steps later)."""
    stap = int(time.time()) // app_settings.TOTP_PERIOD + stappen
    return format_hotp_value(hotp_value(geheim, stap))


def foute_code(geheim: str) -> str:
    """A code of the right form that the app shows neither now nor in the neighbouring steps."""
    geldig = {totp_code(geheim, stappen) for stappen in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in geldig)
