import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from hvhk.checks import eis_instellingen

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")
application = get_wsgi_application()

# Django refuses an empty SECRET_KEY when it is read: the web server does not start without one.
settings.SECRET_KEY  # noqa: B018
# Nor without SITE_URL (the address in e-mailed links).
eis_instellingen()
