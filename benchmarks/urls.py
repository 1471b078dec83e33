"""The portal's URLs plus one bare page, for benchmarks/load.py only (never in the portal itself).

The bare page goes through the same middleware as every page (session, user, second factor) and
answers a few bytes without touching anything else: the floor every page is measured against.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from hvhk.urls import urlpatterns as portaal

KAAL_PAD = "benchmark/kaal/"  # benchmarks/load.py asks it as /benchmark/kaal/


@login_required
def kaal(request):
    return HttpResponse(b"Aangemeld; de kale pagina van de meting.\n", content_type="text/plain")


urlpatterns = [path(KAAL_PAD, kaal, name="benchmark_kaal"), *portaal]
