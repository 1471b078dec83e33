"""Who may do what: every role on every URL of the portal and every API route, in one table.

MATRIX below has a row per URL name and a column per role; a cell holds the outcome class that
role must get. The roles of Huis A, and their counterparts elsewhere:

    anoniem  a visitor without an account
    gezin    holds the private link of family A's request (`/opvang/aanvraag/<token>/...`)
    gezin-B  holds the link of family B's request: its own pages open on its own link; family A's
             offer under that link never does
    coord    coordinator of Huis A             coord-B  coordinator of Huis B
    loket    loket staff of Huis A             loket-B  loket staff of Huis B
    aanb     provider of a location of Huis A  aanb-B   provider of a location of Huis B
    opgr     Opgroeien staff (they see every Huis)
    beheer   functional administrator (is_staff and is_superuser, member of no Huis)

Every URL is filled with the rows of Huis A: its slug, its partner, family A's request, the offer
made to it at A's location, A's report, and so on. Only the two family roles hold a link; every
other role tries the family pages with a link that does not exist. Every account has an
authenticator app and is logged in with both steps passed.

Outcome classes: "200" may see (any 2xx), "3xx" a redirect elsewhere (the start page, back after
an action), "weg" a 404 or a redirect to a login page (refused without revealing anything), or
the status itself ("400", "403", "405", "409"). Requests carry an empty body, so an allowed form
answers with its errors (200) and an allowed action often with its refusal (400, 409).
A page cell is GET/POST ("200/405"); one class stands for both. An API cell is read/write, read
being GET, HEAD and OPTIONS and write POST, PUT, PATCH and DELETE; where OPTIONS differs the cell
is GET+HEAD/OPTIONS/write.

The test fails when a cell differs, when a URL exists that no row covers (a new page gets its
row here), when a row covers no URL, when a refused request wrote to the database, and when the
private data of family A or Huis A shows up for a role that may not see it. Django admin pages
are classified per kind ("admin:*_change", with exceptions by name): the admin guards them alike.
A separate test puts Huis B's own slug in the URL with a row of Huis A behind it.

Every request runs in a transaction that is rolled back, with the client's cookies restored after
it, so the world (built once per module) is the same for every cell.
"""

from __future__ import annotations

import copy
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from allauth.account.utils import user_pk_to_url_str
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls.resolvers import RoutePattern
from rest_framework.views import APIView

from bevraging.models import Antwoord, Commentaar, Golf, Respons, Responsstatus
from bevraging.services import leg_golfkenmerken_vast
from huizen.models import Contactpunt, Coordinator, Locatie, Overlegorgaan, Partner
from kern.tenancy import Rol
from levensdomeinen.models import Aanbod, Zelfevaluatie
from loket import services as loket_services
from loket.models import MogelijkDubbel, Verwijzer, Verwijzerslidmaatschap
from loket.services import rondes as services_ronde
from rapporten.models import Rapportbatch, Rapportjob
from tests.aanmelden import geef_authenticator
from tests.factories import (
    AanbiederFactory,
    GemeenteFactory,
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    SubsidieFactory,
    ToewijzingFactory,
    UserFactory,
    VrijePlaatsFactory,
)
from tests.toegang import Patroon, Schrijfdetectie, alle_patronen, bouw_url, inhoud_van, klasse, stuur

# The world is built once per module (fixture `wereld`); the marker makes pytest-django set up the
# test database and wraps each test in a transaction of its own.
pytestmark = pytest.mark.django_db

#: The columns of the table, in its order.
ROLLEN = [
    "anoniem",
    "gezin",
    "gezin-B",
    "coord",
    "coord-B",
    "loket",
    "loket-B",
    "aanb",
    "aanb-B",
    "opgr",
    "beheer",
]

# fmt: off
MATRIX = """
# URL name                               anoniem gezin   gezin-B coord   coord-B loket   loket-B aanb    aanb-B  opgr    beheer
# --- Public pages, the role-aware start page, health and icon
home                                     200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
start                                    weg/405 weg/405 weg/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405
toegankelijkheid                         200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
privacy                                  200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
huizen:detail                            200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
huizen:lijst                             200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
huizen:kaart                             200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
huizen:logo                              200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
gezondheid                               200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
favicon                                  3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405 3xx/405
set_language                             405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx 405/3xx

# --- A Huis's workspace and profile: its members and Opgroeien read, its coordinators edit; Opgroeien
#     sees the Huis, so an edit page tells it 403 where every other outsider gets weg
huizen:werkruimte                        weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
huizen:profiel                           weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
huizen:profiel_algemeen                  weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_structuur                 weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_historiek                 weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
huizen:profiel_coordinator_nieuw         weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_coordinator               weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_coordinator_verwijderen   weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg
huizen:profiel_locatie_nieuw             weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_locatie                   weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_locatie_verwijderen       weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg
huizen:profiel_contactpunt_nieuw         weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_contactpunt               weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_contactpunt_verwijderen   weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg
huizen:profiel_partner_nieuw             weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_partner                   weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_partner_verwijderen       weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg
huizen:profiel_overlegorgaan_nieuw       weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_overlegorgaan             weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
huizen:profiel_overlegorgaan_verwijderen weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg

# --- Opgroeien's overview of all Huizen, and what only Opgroeien changes
huizen:opgroeien_overzicht               weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
huizen:opgroeien_bevolking               weg     weg     weg     weg     weg     weg     weg     weg     weg     200/400 weg
opgroeien_kaarten                        weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
huizen:opgroeien_huizen                  weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
huizen:opgroeien_werkingsgebied          weg     weg     weg     weg     weg     weg     weg     weg     weg     200/400 weg
huizen:opgroeien_subsidies               weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg
loket:opgroeien_lokets                   weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
loket:opgroeien_loket                    weg     weg     weg     weg     weg     weg     weg     weg     weg     200/400 weg
loket:opgroeien_loket_nieuw              weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg

# --- Levensdomeinen of a Huis (as its profile) and Opgroeien's analysis
levensdomeinen:domeinen                  weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
levensdomeinen:domeinen_wijzigen         weg     weg     weg     200/3xx weg     weg     weg     weg     weg     403     weg
levensdomeinen:aanbod                    weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
levensdomeinen:aanbod_nieuw              weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
levensdomeinen:aanbod_wijzigen           weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
levensdomeinen:aanbod_verwijderen        weg     weg     weg     200/400 weg     weg     weg     weg     weg     403     weg
levensdomeinen:zelfevaluaties            weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
levensdomeinen:zelfevaluatie_nieuw       weg     weg     weg     200     weg     weg     weg     weg     weg     403     weg
levensdomeinen:vergelijking              weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
levensdomeinen:zelfevaluatie             weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
levensdomeinen:opgroeien_levensdomeinen  weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
levensdomeinen:opgroeien_heatmap         weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg

# --- Families: the public request form, and the private link of one request (gezin-B on its own link)
loket:aanvragen                          200     200     200     200     200     200     200     200     200     200     200
loket:ontvangen                          200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
loket:gewist                             200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
loket:aanvraag                           weg     200/405 200/405 weg     weg     weg     weg     weg     weg     weg     weg
loket:bevestig                           weg     200/3xx 200/3xx weg     weg     weg     weg     weg     weg     weg     weg
loket:wijzig                             weg     200     200     weg     weg     weg     weg     weg     weg     weg     weg
loket:herbevestig                        weg     405/3xx 405/3xx weg     weg     weg     weg     weg     weg     weg     weg
loket:intrekken                          weg     200/3xx 200/3xx weg     weg     weg     weg     weg     weg     weg     weg
loket:wissen                             weg     200/3xx 200/3xx weg     weg     weg     weg     weg     weg     weg     weg
loket:gegevens_json                      weg     200/405 200/405 weg     weg     weg     weg     weg     weg     weg     weg
loket:gegevens_pdf                       weg     200/405 200/405 weg     weg     weg     weg     weg     weg     weg     weg
loket:aanbod_antwoord                    weg     200     weg     weg     weg     weg     weg     weg     weg     weg     weg

# --- The loket's desk: the families' requests of its own Huis, for its loket staff only
loket:wachtrij                           weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:vraag_detail                       weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:notitie                            weg     weg     weg     weg     weg     405/200 weg     weg     weg     weg     weg
loket:corrigeer                          weg     weg     weg     weg     weg     200     weg     weg     weg     weg     weg
loket:dringend                           weg     weg     weg     weg     weg     200/3xx weg     weg     weg     weg     weg
loket:aanbod_doen                        weg     weg     weg     weg     weg     405/200 weg     weg     weg     weg     weg
loket:aanbod_intrekken                   weg     weg     weg     weg     weg     405/200 weg     weg     weg     weg     weg
loket:termijn                            weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:elders                             weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:elders_detail                      weg     weg     weg     weg     weg     weg/405 weg     weg     weg     weg     weg
loket:elders_aanbod                      weg     weg     weg     weg     weg     405/weg weg     weg     weg     weg     weg
loket:elders_intrekken                   weg     weg     weg     weg     weg     405/weg weg     weg     weg     weg     weg
loket:overplaatsing                      weg     weg     weg     weg     weg     3xx     weg     weg     weg     weg     weg
loket:dubbels                            weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:dubbel                             weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:dubbel_geen                        weg     weg     weg     weg     weg     405/3xx weg     weg     weg     weg     weg
loket:dubbel_samenvoegen                 weg     weg     weg     weg     weg     405/200 weg     weg     weg     weg     weg
loket:registreer_voor_gezin              weg     weg     weg     weg     weg     200     weg     weg     weg     403     weg

# --- Allocation rounds of the loket
loket:rondes                             weg     weg     weg     weg     weg     200     weg     weg     weg     weg     weg
loket:ronde                              weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:ronde_uitvoeren                    weg     weg     weg     weg     weg     200/3xx weg     weg     weg     weg     weg
loket:ronde_verwerpen                    weg     weg     weg     weg     weg     405/3xx weg     weg     weg     weg     weg
loket:instellingen                       weg     weg     weg     weg     weg     200     weg     weg     weg     weg     weg

# --- Referral partners: their own pages are for members of a partner only (no column here: the
#     access walk in tests/test_toegang.py runs as a partner of another organisation); the loket
#     invites partners for its Huis, Opgroeien for every loket
loket:verwijzer                          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg
loket:verwijzer_registreren              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg
loket:verwijzer_formulier                weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg
loket:verwijzer_aanvraag                 weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg
loket:verwijzers                         weg     weg     weg     weg     weg     200     weg     weg     weg     weg     weg
loket:opgroeien_verwijzers               weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg

# --- Childcare locations: their providers and the loket of their Huis (confirming a placement is
#     POST only: GET is 405 for everyone, before any login)
loket:aanbieder                          weg     weg     weg     weg     weg     200/405 200/405 200/405 200/405 weg     weg
loket:aanbod_bevestigen                  405/weg 405/weg 405/weg 405/weg 405/weg 405/3xx 405/weg 405/3xx 405/weg 405/weg 405/weg
loket:locatie                            weg     weg     weg     weg     weg     200/405 weg     200/405 weg     weg     weg
loket:locatie_wijzig                     weg     weg     weg     weg     weg     200     weg     200     weg     weg     weg
loket:locatie_sluiten                    weg     weg     weg     weg     weg     200/3xx weg     200/3xx weg     weg     weg
loket:aanbod_afwijzen                    weg     weg     weg     weg     weg     200     weg     200     weg     weg     weg
loket:plaats_nieuw                       weg     weg     weg     weg     weg     200     weg     200     weg     weg     weg
loket:plaats_wijzig                      weg     weg     weg     weg     weg     200     weg     200     weg     weg     weg
loket:plaats_verwijder                   weg     weg     weg     weg     weg     200     weg     200     weg     weg     weg
loket:locaties                           weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:locatie_nieuw                      weg     weg     weg     weg     weg     200     weg     weg     weg     weg     weg

# --- The loket's figures: a Huis's for its loket, Flanders' (small counts hidden) for Opgroeien
loket:rapportage                         weg     weg     weg     weg     weg     200/405 weg     weg     weg     weg     weg
loket:rapportage_vlaanderen              weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg

# --- The survey: Opgroeien runs it; a Huis's coordinators read their own answers
bevraging:export                         weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:import                         weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg
bevraging:import_bevestigen              weg     weg     weg     weg     weg     weg     weg     weg     weg     3xx     weg
bevraging:analyse                        weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:analyse_vraag                  weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:analyse_huizen                 weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:huis_vergelijking              weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg
bevraging:golven                         weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:mijn_interviews                weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:golf                           weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:golf_openen                    weg     weg     weg     weg     weg     weg     weg     weg     weg     200/409 weg
bevraging:golf_sluiten                   weg     weg     weg     weg     weg     weg     weg     weg     weg     200/409 weg
bevraging:toewijzen                      weg     weg     weg     weg     weg     weg     weg     weg     weg     200/409 weg
bevraging:indienen                       weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403 weg
bevraging:valideren                      weg     weg     weg     weg     weg     weg     weg     weg     weg     405/3xx weg
bevraging:heropenen                      weg     weg     weg     weg     weg     weg     weg     weg     weg     405/400 weg
bevraging:invullen                       weg     weg     weg     weg     weg     weg     weg     weg     weg     200/409 weg
bevraging:bewaren                        weg     weg     weg     weg     weg     weg     weg     weg     weg     405/200 weg
bevraging:golf_nieuw                     weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg
bevraging:vragenlijst                    weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:vraag_nieuw                    weg     weg     weg     weg     weg     weg     weg     weg     weg     200/409 weg
bevraging:vraag                          weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
bevraging:vraag_herformuleren            weg     weg     weg     weg     weg     weg     weg     weg     weg     405/409 weg
bevraging:vraag_intrekken                weg     weg     weg     weg     weg     weg     weg     weg     weg     405/409 weg
bevraging:vraag_terugzetten              weg     weg     weg     weg     weg     weg     weg     weg     weg     405/409 weg
bevraging:vraag_voorwaarde               weg     weg     weg     weg     weg     weg     weg     weg     weg     405/409 weg
bevraging:vraag_verplaatsen              weg     weg     weg     weg     weg     weg     weg     weg     weg     405/409 weg
bevraging:huis_overzicht                 weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg
bevraging:huis_antwoorden                weg     weg     weg     200/3xx weg     weg     weg     weg     weg     200/403 weg
bevraging:huis_afdruk                    weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg

# --- PDF reports: profile reports for the Huis's coordinators, loket reports for its loket, the rest Opgroeien
rapporten:lijst                          weg     weg     weg     200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
rapporten:batch_nieuw                    weg     weg     weg     weg     weg     weg     weg     weg     weg     200     weg
rapporten:batch                          weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
rapporten:batch_voortgang                weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
rapporten:batch_zip                      weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405 weg
rapporten:job                            weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg
rapporten:job_voortgang                  weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg
rapporten:job_opnieuw                    weg     weg     weg     405/3xx weg     weg     weg     weg     weg     405/3xx weg
rapporten:download                       weg     weg     weg     200/405 weg     weg     weg     weg     weg     200/405 weg
rapporten:nieuw_huis                     weg     weg     weg     405/3xx weg     weg     weg     weg     weg     405/3xx weg
rapporten:nieuw_loket                    weg     weg     weg     weg     weg     405/3xx weg     weg     weg     405/weg weg
rapporten:nieuw_bevraging                weg     weg     weg     weg     weg     weg     weg     weg     weg     405/3xx weg
rapporten:behoefteanalyses               weg     weg     weg     200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
rapporten:behoefteanalyse                weg     weg     weg     200/405 weg     200/405 weg     weg     weg     200/405 weg
rapporten:nieuw_gemeenteraad             weg     weg     weg     405/3xx weg     405/3xx weg     weg     weg     405/3xx weg

# --- Logging in, password and second factor (allauth): one login page; a logged-in user is sent on
account_login                            200     200     200     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
account_logout                           3xx     3xx     3xx     200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx
account_inactive                         200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
account_signup                           200     200     200     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
account_reauthenticate                   weg     weg     weg     200     200     200     200     200     200     200     200
account_email                            weg     weg     weg     200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx 200/3xx
account_email_verification_sent          200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
account_change_password                  weg     weg     weg     200     200     200     200     200     200     200     200
account_set_password                     weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
account_reset_password                   200     200     200     200     200     200     200     200     200     200     200
account_confirm_login_code               weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
account_confirm_email                    200/weg 200/weg 200/weg 200/weg 200/weg 200/weg 200/weg 200/weg 200/weg 200/weg 200/weg
account_reset_password_from_key_done     200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
account_reset_password_from_key          200     200     200     200     200     200     200     200     200     200     200
account_reset_password_done              200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
mfa_index                                weg     weg     weg     200/405 200/405 200/405 200/405 200/405 200/405 200/405 200/405
mfa_authenticate                         weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
mfa_reauthenticate                       weg     weg     weg     200     200     200     200     200     200     200     200
mfa_activate_totp                        weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
mfa_deactivate_totp                      weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
mfa_view_recovery_codes                  weg     weg     weg     weg/405 weg/405 weg/405 weg/405 weg/405 weg/405 weg/405 weg/405
mfa_generate_recovery_codes              weg     weg     weg     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx
mfa_download_recovery_codes              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg

# --- The functional administration (Django admin): is_staff only; its login tells a logged-in user
#     without is_staff 403. Model pages per kind, exceptions by name
admin:index                              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:login                              weg     weg     weg     403     403     403     403     403     403     403     3xx/200
admin:logout                             3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx     3xx     405/3xx
admin:password_change                    weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:password_change_done               weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405
admin:autocomplete                       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403/405
admin:jsi18n                             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/405
admin:view_on_site                       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     3xx
admin:auth_user_password_change          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:app_list                           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
beheer/(?P<url>.*)$                      weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     weg
admin:*_changelist                       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:*_add                              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:*_history                          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:*_delete                           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
admin:*_change                           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200
beheer/*/<path:object_id>/               weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     3xx
# read-only admin pages; gemeenten come from the reference data, only their cluster is set here
admin:kern_uitgaandemail_add             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:huizen_gemeente_add                weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_inzage_add                   weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_toewijzingsronde_add         weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_loketinstelling_add          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_respons_add              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_commentaar_add           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_antwoord_add             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_golfhuis_add             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_inzage_delete                weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_toewijzingsronde_delete      weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:loket_loketinstelling_delete       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_golf_delete              weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_golfhuis_delete          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_vragenlijst_delete       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_thema_delete             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_vraag_delete             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_respons_delete           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_commentaar_delete        weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:bevraging_antwoord_delete          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:kern_uitgaandemail_history         weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:kern_uitgaandemail_delete          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:kern_uitgaandemail_change          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     403
admin:huizen_gemeente_change             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/3xx
admin:loket_inzage_change                weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:loket_toewijzingsronde_change      weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:loket_loketinstelling_change       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_vragenlijst_change       weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_thema_change             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_golfhuis_change           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_vraag_change             weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_respons_change           weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_commentaar_change        weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403
admin:bevraging_antwoord_change          weg     weg     weg     weg     weg     weg     weg     weg     weg     weg     200/403

# --- The API (cells read/write, or GET+HEAD/OPTIONS/write): open data for anyone; the root and the
#     subsidies for logged-in users, each seeing only the subsidies of its own Huizen (Opgroeien: all).
#     OPTIONS describes the route, not the row, so it answers 200 for a subsidy the user cannot read
#                       anoniem     gezin       gezin-B     coord       coord-B     loket       loket-B     aanb        aanb-B      opgr        beheer
gemeente-list           200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
gemeente-list.formaat   200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
gemeente-detail         200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
gemeente-detail.formaat 200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
huis-list               200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
huis-list.formaat       200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
huis-detail             200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
huis-detail.formaat     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
locatie-list            200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
locatie-list.formaat    200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
locatie-detail          200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
locatie-detail.formaat  200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
subsidie-list           403         403         403         200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
subsidie-list.formaat   403         403         403         200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
subsidie-detail         403         403         403         200/405     weg/200/405 200/405     weg/200/405 weg/200/405 weg/200/405 200/405     weg/200/405
subsidie-detail.formaat 403         403         403         200/405     weg/200/405 200/405     weg/200/405 weg/200/405 weg/200/405 200/405     weg/200/405
api-root                403         403         403         200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
api-root.formaat        403         403         403         200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
schema                  200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405     200/405
api-docs                200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405 200/405/405

"""  # noqa: E501
# fmt: on

PAGINA_METHODEN = (("GET",), ("POST",))
API_METHODEN = (("GET", "HEAD"), ("OPTIONS",), ("POST", "PUT", "PATCH", "DELETE"))
KLASSEN = {"200", "3xx", "weg", "400", "403", "405", "409"}

# Family A's personal data: only the family itself, the loket of Huis A and the provider offered a
# place for it may see it.
GEZIN_A = ["gezin.a@matrix.test", "Matrixkind", "Matrixouder", "0499 12 34 56"]
ZIET_GEZIN_A = {"gezin", "loket", "aanb"}
# Huis A's private data (a subsidy, a coordinator's e-mail): its members and Opgroeien only.
HUIS_A = ["54321", "54.321", "trekker@matrix.test"]
ZIET_HUIS_A = {"coord", "loket", "opgr"}


# --- the table --------------------------------------------------------------------------------


def lees_matrix(tekst: str = MATRIX) -> dict[str, dict[str, str]]:
    """The table as {row: {role: cell}}; a row is a URL name or an "admin:*" pattern."""
    rijen = {}
    for regel in tekst.splitlines():
        delen = regel.split()
        if not delen or delen[0].startswith("#"):
            continue
        naam, cellen = delen[0], delen[1:]
        if len(cellen) != len(ROLLEN):
            raise ValueError(f"rij {naam}: {len(cellen)} cellen, verwacht {len(ROLLEN)}")
        if naam in rijen:
            raise ValueError(f"rij {naam} staat twee keer in de tabel")
        for cel in cellen:
            if not set(cel.split("/")) <= KLASSEN or cel.count("/") > 2:
                raise ValueError(f"rij {naam}: onbekende cel {cel!r}")
        rijen[naam] = dict(zip(ROLLEN, cellen, strict=True))
    return rijen


def rij_van(sleutel: str, tabel: dict[str, dict[str, str]]) -> str | None:
    """The row that covers a URL: its own name, else the first pattern that matches it."""
    if sleutel in tabel:
        return sleutel
    return next((naam for naam in tabel if "*" in naam and fnmatch.fnmatchcase(sleutel, naam)), None)


def delen_van(cel: str, api: bool) -> list[str]:
    """A cell as one class per method group: GET/POST for a page; for the API GET+HEAD, OPTIONS
    and the writes, where two parts are read/write and one part stands for every group."""
    delen = cel.split("/")
    if api and len(delen) == 2:
        delen = [delen[0], *delen]
    if len(delen) == 1:
        delen = delen * (3 if api else 2)
    return delen


def verwacht(cel: str, api: bool) -> dict[str, str]:
    """{method: class} from a cell."""
    groepen = API_METHODEN if api else PAGINA_METHODEN
    return {
        methode: deel for deel, groep in zip(delen_van(cel, api), groepen, strict=True) for methode in groep
    }


def cel_van(gekregen: dict[str, str], api: bool) -> str:
    """The shortest cell for what a role got (the inverse of `verwacht`, for a failure message)."""
    groepen = API_METHODEN if api else PAGINA_METHODEN
    delen = ["|".join(sorted({gekregen[m] for m in groep})) for groep in groepen]
    if len(set(delen)) == 1:
        return delen[0]
    if api and delen[0] == delen[1]:
        return f"{delen[0]}/{delen[2]}"
    return "/".join(delen)


def argumenten(patroon: Patroon) -> set[str]:
    """The names of a URL's arguments."""
    namen = set()
    for deel in patroon.delen:
        namen |= set(deel.converters) if isinstance(deel, RoutePattern) else set(deel.regex.groupindex)
    return namen


def sleutel_van(patroon: Patroon) -> str:
    """A URL's row: its name; the format-suffix variant of an API route gets ".formaat"; a
    nameless URL (the admin's redirect to an object's change page) is its route."""
    if patroon.naam.startswith("(naamloos)"):
        return "".join(str(deel) for deel in patroon.delen)
    if "format" in argumenten(patroon):
        return f"{patroon.naam}.formaat"
    return patroon.naam


def is_api(patroon: Patroon) -> bool:
    klasse_ = getattr(patroon.callback, "cls", None)
    return isinstance(klasse_, type) and issubclass(klasse_, APIView)


# --- the world --------------------------------------------------------------------------------


@dataclass
class Wereld:
    gebruikers: dict[str, object]
    waarden: dict[str, list[str]]
    tokens: dict[str, str]
    huis_b: str
    pk_per_url: dict[str, str] = field(default_factory=dict)

    def waarden_voor(self, rol: str, patroon: Patroon) -> dict[str, list[str]]:
        waarden = dict(self.waarden)
        waarden["token"] = [self.tokens.get(rol, "een-link-die-niet-bestaat")]
        for begin, pk in self.pk_per_url.items():
            if patroon.naam.startswith(begin):
                waarden["pk"] = [pk]
        model = admin_model(patroon)
        if model is not None:
            eerste = model.objects.order_by("pk").values_list("pk", flat=True).first()
            waarden["object_id"] = [str(eerste)]
        return waarden


def admin_model(patroon: Patroon):
    """The model of an admin page about one object (`beheer/<app>/<model>/<object_id>/...`)."""
    if len(patroon.delen) < 3 or str(patroon.delen[0]) != "beheer/":
        return None
    app_label, _, model_name = str(patroon.delen[1]).strip("/").partition("/")
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


def bouw_wereld(bestanden: Path) -> Wereld:
    """Huis A with a row of every kind its URLs name, Huis B with its own staff, provider and
    family, and a user per role (each with an authenticator app, as every account has)."""
    gemeente = GemeenteFactory(nis="99101", naam="Matrixgem")
    huis = HuisFactory(
        naam="Huis van het Kind Matrix", slug="matrix-a", gemeenten=[gemeente], logo="logos/matrix-a.png"
    )
    (bestanden / "media" / "logos").mkdir(parents=True)
    (bestanden / "media" / "logos" / "matrix-a.png").write_bytes(b"\x89PNG matrix")
    ander_huis = HuisFactory(naam="Huis van het Kind Elders", slug="matrix-b")
    coord = LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker
    loket = LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker
    subsidie = SubsidieFactory(huis=huis, jaar=2026, bedrag=54321)
    coordinator = Coordinator.objects.create(huis=huis, naam="Trekker Matrix", email="trekker@matrix.test")
    partner = Partner.objects.create(huis=huis, naam="CLB Matrix", soort="clb")
    locatie = Locatie.objects.create(
        huis=huis, naam="Locatie Matrix", straat="Straat 1", postcode="9999", gemeente=gemeente
    )
    contactpunt = Contactpunt.objects.create(huis=huis, soort="email", waarde="info@matrix.test")
    overlegorgaan = Overlegorgaan.objects.create(huis=huis, soort="stuurgroep", naam="Stuurgroep Matrix")
    aanbod_ld = Aanbod.objects.create(
        huis=huis, titel="Babymassage Matrix", beschrijving="-", planning="doorlopend"
    )
    zelfevaluatie = Zelfevaluatie.objects.create(huis=huis, opgesteld_door=coord)

    opvang = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Matrix", gemeente=gemeente)
    plaats = VrijePlaatsFactory(locatie=opvang, aantal=2)
    aanbieder = AanbiederFactory(locatie=opvang).gebruiker
    vraag = OpvangvraagFactory(
        huis=huis,
        email=GEZIN_A[0],
        voorkeuren=[opvang],
        kinderen=[{"voornaam": GEZIN_A[1]}],
        ouders=[{"naam": GEZIN_A[2], "telefoon": GEZIN_A[3]}],
    )
    loket_services.voeg_notitie_toe(vraag=vraag, tekst="Notitie van het loket", door=loket)
    aanbod = loket_services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket)
    tweede = OpvangvraagFactory(huis=huis, voorkeuren=[opvang])
    VrijePlaatsFactory(locatie=opvang, vanaf=tweede.gewenste_start)
    ronde = services_ronde.start_ronde(huis=huis, startmaand=tweede.gewenste_start, door=loket)
    dubbel = MogelijkDubbel.objects.create(nieuw=tweede, bestaand=vraag, reden="zelfde e-mailadres")

    opvang_b = OpvanglocatieFactory(huis=ander_huis, naam="Kinderdagverblijf Elders")
    vraag_b = OpvangvraagFactory(huis=ander_huis, voorkeuren=[opvang_b])

    rapporten = bestanden / "prive" / "rapporten" / "matrix"
    rapporten.mkdir(parents=True)
    (rapporten / "huis.pdf").write_bytes(b"%PDF-1.4 matrix")
    (rapporten / "reeks.zip").write_bytes(b"PK matrix")
    rapport = Rapportjob.objects.create(
        soort="huis",
        titel="Profielrapport Matrix",
        bestandsnaam="huis.pdf",
        huis=huis,
        status="klaar",
        bestand="rapporten/matrix/huis.pdf",
    )
    reeks = Rapportbatch.objects.create(
        soort="gemeenteraad",
        titel="Reeks Matrixgem",
        bestandsnaam="reeks.zip",
        zip="rapporten/matrix/reeks.zip",
        afgerond=rapport.aangemaakt,
    )
    Rapportjob.objects.create(
        soort="gemeenteraad",
        titel="Gemeenteraad Matrixgem",
        bestandsnaam="g.pdf",
        batch=reeks,
        status="klaar",
        parameters={"gemeente": gemeente.nis, "datum": "2026-01-01"},
    )
    golf = Golf.objects.get(jaar=2022)
    respons = Respons.objects.create(golf=golf, huis=huis, status=Responsstatus.INGEDIEND)
    leg_golfkenmerken_vast(golf=golf, huis_ids=[huis.pk])  # the Huis as it was in the wave
    vraag_bevraging = golf.vragenlijst.vragen.get(sleutel="omgevingsanalyse.opmerkingen")
    Antwoord.objects.create(respons=respons, vraag=vraag_bevraging, waarde="Antwoord van Huis A")
    Commentaar.objects.create(respons=respons, vraag=vraag_bevraging, auteur=coord, tekst="Commentaar")
    opgroeien = UserFactory(opgroeien=True)
    ToewijzingFactory(golf=golf, huis=huis, interviewer=opgroeien)
    loket_services.log_inzage(gebruiker=loket, vraag=vraag)
    verwijzer = Verwijzer.objects.create(naam="CAW Matrix", soort="caw", email="caw@matrix.test", huis=huis)
    Verwijzerslidmaatschap.objects.create(gebruiker=UserFactory(), verwijzer=verwijzer)
    Group.objects.create(name="Matrixgroep")

    gebruikers = {
        "coord": coord,
        "coord-B": LidmaatschapFactory(huis=ander_huis, rol=Rol.COORDINATOR).gebruiker,
        "loket": loket,
        "loket-B": LidmaatschapFactory(huis=ander_huis, rol=Rol.LOKET).gebruiker,
        "aanb": aanbieder,
        "aanb-B": AanbiederFactory(locatie=opvang_b).gebruiker,
        "opgr": opgroeien,
        "beheer": UserFactory(beheerder=True),
    }
    for gebruiker in gebruikers.values():
        geef_authenticator(gebruiker)
    return Wereld(
        gebruikers=gebruikers,
        tokens={"gezin": vraag.token, "gezin-B": vraag_b.token},
        huis_b=ander_huis.slug,
        waarden={
            "huis_slug": [huis.slug],
            "slug": [huis.slug],
            "loket_slug": [huis.loket.slug],
            "nis": [gemeente.nis],
            "golf_pk": [str(golf.pk)],
            "thema": ["omgevingsanalyse"],
            "vraag": ["omgevingsanalyse.opmerkingen"],
            "vraag_pk": [str(vraag.pk)],
            "aanbod_pk": [str(aanbod.pk)],
            "ronde_pk": [str(ronde.pk)],
            "dubbel_pk": [str(dubbel.pk)],
            "locatie_pk": [str(opvang.pk)],
            "plaats_pk": [str(plaats.pk)],
            "job_pk": [str(rapport.pk)],
            "batch_pk": [str(reeks.pk)],
            "pk": [str(partner.pk)],
            "id": [str(coord.pk)],
            "content_type_id": [str(ContentType.objects.get_for_model(huis).pk)],
            "object_id": [str(huis.pk)],
            "app_label": ["huizen"],
            "uidb36": [user_pk_to_url_str(coord)],
            "key": ["ongeldige-sleutel"],
            "format": ["json", ".json/"],
            "url": ["onbekend/"],
        },
        pk_per_url={
            "huizen:profiel_coordinator": str(coordinator.pk),
            "huizen:profiel_locatie": str(locatie.pk),
            "huizen:profiel_contactpunt": str(contactpunt.pk),
            "huizen:profiel_partner": str(partner.pk),
            "huizen:profiel_overlegorgaan": str(overlegorgaan.pk),
            "levensdomeinen:aanbod": str(aanbod_ld.pk),
            "levensdomeinen:zelfevaluatie": str(zelfevaluatie.pk),
            "subsidie-": str(subsidie.pk),
            "locatie-": str(locatie.pk),
        },
    )


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module, in a transaction rolled back at the end."""
    bestanden = tmp_path_factory.mktemp("matrix")
    media = {"MEDIA_ROOT": bestanden / "media", "PRIVATE_MEDIA_ROOT": bestanden / "prive"}
    with override_settings(**media), django_db_blocker.unblock(), transaction.atomic():
        yield bouw_wereld(bestanden)
        transaction.set_rollback(True)


# --- walking the table --------------------------------------------------------------------------


@dataclass
class Bezoek:
    klasse: str
    schrijfacties: list[str]
    tekst: str


def bezoek(client: Client, methode: str, url: str) -> Bezoek:
    """One request, rolled back afterwards, with the client's cookies as they were before it."""
    cookies = copy.deepcopy(client.cookies)
    cache.clear()
    detectie = Schrijfdetectie()
    with transaction.atomic():
        with connection.execute_wrapper(detectie):
            antwoord = stuur(client, methode, url)
            tekst = inhoud_van(antwoord)
        transaction.set_rollback(True)
    client.cookies = cookies
    return Bezoek(klasse(antwoord), detectie.schrijfacties, tekst)


def client_van(rol: str, wereld: Wereld) -> Client:
    client = Client()
    if rol in wereld.gebruikers:
        client.force_login(wereld.gebruikers[rol])
    return client


def mag_zien(rol: str, sleutel: str) -> list[str]:
    """The private markers of Huis A and family A that must not be in an answer to this role."""
    if rol == "beheer" and sleutel.startswith("admin:"):
        return []  # the functional administrator keeps every row in the admin
    verboden = [] if rol in ZIET_GEZIN_A else GEZIN_A
    return verboden + ([] if rol in ZIET_HUIS_A else HUIS_A)


def toets_rol(rol: str, wereld: Wereld, tabel: dict, alleen: set[str] | None = None) -> list[str]:
    """Every URL (or the rows in `alleen`) as `rol`: what differs from the table, what a refused
    request wrote, and what private data it was shown."""
    client = client_van(rol, wereld)
    afwijkingen, problemen = [], []
    for patroon in alle_patronen():
        sleutel = sleutel_van(patroon)
        rij = rij_van(sleutel, tabel)
        if rij is None or (alleen is not None and rij not in alleen):
            continue  # an uncovered URL is named by test_de_tabel_dekt_elke_url_en_elke_rij_een_url
        api = is_api(patroon)
        url = bouw_url(patroon, wereld.waarden_voor(rol, patroon))
        gekregen = {}
        for methode in verwacht(tabel[rij][rol], api):
            uitkomst = bezoek(client, methode, url)
            gekregen[methode] = uitkomst.klasse
            waar = f"{rol} {methode} {url} ({sleutel})"
            if uitkomst.klasse not in ("200", "3xx") and uitkomst.schrijfacties:
                problemen.append(f"{waar}: geweigerd, maar schreef: {uitkomst.schrijfacties[0]}")
            problemen += [
                f"{waar}: toont privégegeven {merkteken!r}"
                for merkteken in mag_zien(rol, sleutel)
                if merkteken in uitkomst.tekst
            ]
        if gekregen != verwacht(tabel[rij][rol], api):
            afwijkingen.append(
                f"{rol} op {url} ({sleutel}): de tabel zegt {tabel[rij][rol]}, "
                f"het portaal geeft {cel_van(gekregen, api)}"
            )
    return afwijkingen + problemen


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_rol_krijgt_wat_de_tabel_zegt(rol, wereld):
    problemen = toets_rol(rol, wereld, lees_matrix())
    assert problemen == [], "\n".join(problemen)


def dekkingsproblemen(tabel: dict, wereld: Wereld) -> list[str]:
    """URLs without a row (or that cannot be filled in), and rows without a URL."""
    gedekt, problemen = set(), []
    for patroon in alle_patronen():
        sleutel = sleutel_van(patroon)
        rij = rij_van(sleutel, tabel)
        if rij is None:
            problemen.append(f"{sleutel}: staat niet in de tabel; zet de URL met haar rechten in MATRIX")
            continue
        gedekt.add(rij)
        try:
            bouw_url(patroon, wereld.waarden_voor("anoniem", patroon))
        except ValueError as fout:
            problemen.append(str(fout))
    return problemen + [f"{rij}: geen URL heet zo (meer)" for rij in tabel if rij not in gedekt]


def test_de_tabel_dekt_elke_url_en_elke_rij_een_url(wereld):
    problemen = dekkingsproblemen(lees_matrix(), wereld)
    assert problemen == [], "\n".join(problemen)


def test_de_toets_ziet_een_andere_cel_een_nieuwe_url_en_een_vergeten_rij(wereld):
    tabel = lees_matrix()
    verkeerd = {**tabel, "huizen:werkruimte": {**tabel["huizen:werkruimte"], "coord": "weg"}}
    assert toets_rol("coord", wereld, verkeerd, alleen={"huizen:werkruimte"}) == [
        "coord op /mijn-huis/matrix-a/ (huizen:werkruimte): de tabel zegt weg, het portaal geeft 200/405"
    ]
    zonder_rij = {naam: rij for naam, rij in tabel.items() if naam != "huizen:werkruimte"}
    assert "huizen:werkruimte: staat niet in de tabel" in dekkingsproblemen(zonder_rij, wereld)[0]
    assert dekkingsproblemen({**tabel, "huizen:vroeger": tabel["home"]}, wereld) == [
        "huizen:vroeger: geen URL heet zo (meer)"
    ]


def test_een_cel_geeft_een_klasse_per_methode():
    assert verwacht("weg", api=False) == {"GET": "weg", "POST": "weg"}
    assert verwacht("200/405", api=True) == {
        "GET": "200",
        "HEAD": "200",
        "OPTIONS": "200",
        **dict.fromkeys(["POST", "PUT", "PATCH", "DELETE"], "405"),
    }
    assert verwacht("weg/200/405", api=True)["OPTIONS"] == "200"
    assert cel_van(verwacht("weg/200/405", api=True), api=True) == "weg/200/405"
    with pytest.raises(ValueError, match="onbekende cel '200/404'"):
        lees_matrix("home " + " ".join(["200/404"] * len(ROLLEN)))


# URL arguments that name a row of one Huis (its partner, a family's request, an offer, a round),
# and what those rows of Huis A hold.
RIJ_VAN_HUIS = {"pk", "vraag_pk", "aanbod_pk", "ronde_pk"}
RIJEN_VAN_HUIS_A = [
    "Trekker Matrix",
    "CLB Matrix",
    "Locatie Matrix",
    "info@matrix.test",
    "Stuurgroep Matrix",
    "Babymassage Matrix",
    "Notitie van het loket",
    *GEZIN_A,
]


@pytest.mark.parametrize("rol", ["coord-B", "loket-B"])
def test_via_huis_b_is_een_rij_van_huis_a_als_een_rij_die_niet_bestaat(rol, wereld):
    """Huis B's staff put their own Huis in the URL and a row of Huis A after it: they get what
    a row that does not exist gets (so not even its existence shows), see nothing of it and
    write nothing."""
    client = client_van(rol, wereld)
    problemen, bezocht = [], 0
    for patroon in alle_patronen():
        rijen = argumenten(patroon) & RIJ_VAN_HUIS
        if "huis_slug" not in argumenten(patroon) or not rijen:
            continue
        waarden = {**wereld.waarden_voor(rol, patroon), "huis_slug": [wereld.huis_b]}
        url = bouw_url(patroon, waarden)
        onbestaand = bouw_url(patroon, {**waarden, **{arg: ["999999"] for arg in rijen}})
        for methode in ("GET", "POST"):
            uitkomst, zonder_rij = bezoek(client, methode, url), bezoek(client, methode, onbestaand)
            bezocht += 1
            waar = f"{rol} {methode} {url}"
            if uitkomst.klasse != zonder_rij.klasse:
                problemen.append(
                    f"{waar}: {uitkomst.klasse}, voor een rij die niet bestaat {zonder_rij.klasse}"
                )
            if uitkomst.schrijfacties:
                problemen.append(f"{waar}: schreef {uitkomst.schrijfacties[0]}")
            problemen += [f"{waar}: toont {m!r}" for m in RIJEN_VAN_HUIS_A if m in uitkomst.tekst]
    assert bezocht > 40
    assert problemen == [], "\n".join(problemen)
