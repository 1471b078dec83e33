import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from huizen.models import (
    Gemeente,
    Huis,
    Lidmaatschap,
    Locatie,
    Openingsuur,
    Postcode,
    Subsidie,
    Werkingsgebied,
)
from kern.models import User
from kern.tenancy import Rol


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.test")
    naam = factory.Faker("name", locale="nl_BE")
    password = factory.django.Password("een-lang-wachtwoord-2026")

    @factory.post_generation
    def emailadres(self, create, extracted, **kwargs):
        """allauth keeps a verified primary address per account, as the admin creates it."""
        if create:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": True}
            )

    class Params:
        opgroeien = factory.Trait(is_opgroeien=True)
        beheerder = factory.Trait(is_staff=True, is_superuser=True)


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["nis"]

    nis = factory.Sequence(lambda n: f"{90000 + n}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")
    provincie = "Oost-Vlaanderen"
    gewest = "Vlaams Gewest"


class PostcodeFactory(DjangoModelFactory):
    class Meta:
        model = Postcode

    postcode = factory.Sequence(lambda n: f"{8000 + n}")
    plaats = factory.SelfAttribute("gemeente.naam")
    gemeente = factory.SubFactory(GemeenteFactory)


class HuisFactory(DjangoModelFactory):
    class Meta:
        model = Huis
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Huis van het Kind Test {n}")
    slug = factory.Sequence(lambda n: f"huis-test-{n}")
    email = factory.Sequence(lambda n: f"info{n}@huis.test")

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        """HuisFactory(gemeenten=[...]) covers those; by default one new gemeente."""
        if not create:
            return
        for gemeente in extracted if extracted is not None else [GemeenteFactory()]:
            Werkingsgebied.objects.create(huis=self, gemeente=gemeente)


class LidmaatschapFactory(DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    gebruiker = factory.SubFactory(UserFactory)
    huis = factory.SubFactory(HuisFactory)
    rol = Rol.COORDINATOR

    class Params:
        loket = factory.Trait(rol=Rol.LOKET)


class SubsidieFactory(DjangoModelFactory):
    class Meta:
        model = Subsidie

    huis = factory.SubFactory(HuisFactory)
    jaar = 2026
    bedrag = 7840


class LocatieFactory(DjangoModelFactory):
    """A physical location of a Huis, in the Huis's first gemeente, open Monday morning."""

    class Meta:
        model = Locatie
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    naam = factory.Sequence(lambda n: f"Locatie {n}")
    straat = "Kerkstraat 1"
    postcode = "9000"
    gemeente = factory.LazyAttribute(lambda o: o.huis.werkingsgebied.first().gemeente)

    @factory.post_generation
    def openingsuren(self, create, extracted, **kwargs):
        if create:
            Openingsuur.objects.create(locatie=self, weekdag=1, van="08:30", tot="12:00")


class OrganisatorFactory(DjangoModelFactory):
    class Meta:
        model = "loket.Organisator"
        django_get_or_create = ["naam"]

    naam = factory.Sequence(lambda n: f"Kinderopvang Organisator {n} vzw")
    email = factory.Sequence(lambda n: f"organisator{n}@opvang.test")


class OpvanglocatieFactory(DjangoModelFactory):
    """A group care location for babies and toddlers with an income-related tariff."""

    class Meta:
        model = "loket.Opvanglocatie"

    huis = factory.SubFactory(HuisFactory)
    naam = factory.Sequence(lambda n: f"Kinderdagverblijf De Speelhoek {n}")
    organisator = factory.SubFactory(OrganisatorFactory)
    straat = "Speelstraat 1"
    postcode = "9000"
    gemeente = factory.LazyAttribute(lambda o: o.huis.gemeenten.first())
    soort = "groepsopvang"
    tarief = "inkomenstarief"
    capaciteit_baby = 14
    capaciteit_peuter = 14
    opendagen = [0, 1, 2, 3, 4]
    open_van = datetime.time(7, 0)
    open_tot = datetime.time(18, 30)


class VrijePlaatsFactory(DjangoModelFactory):
    class Meta:
        model = "loket.VrijePlaats"

    locatie = factory.SubFactory(OpvanglocatieFactory)
    vanaf = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    dagen = [0, 1, 2, 3, 4]
    dagdeel = "volle_dag"
    leeftijdsgroep = "baby"
    aantal = 1


class AanbiederFactory(DjangoModelFactory):
    """A provider user of one location (pass organisator=... and locatie=None for an organiser)."""

    class Meta:
        model = "loket.Aanbiederslidmaatschap"

    gebruiker = factory.SubFactory(UserFactory)
    locatie = factory.SubFactory(OpvanglocatieFactory)
    organisator = None


class OpvangvraagFactory(DjangoModelFactory):
    """An active request for one baby, with the given locations (`voorkeuren=[...]`) ranked."""

    class Meta:
        model = "loket.Opvangvraag"
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    status = "actief"
    email = factory.Sequence(lambda n: f"gezin{n}@ouders.test")
    postcode = "9000"
    gemeente = factory.LazyAttribute(lambda o: o.huis.gemeenten.first())
    gewenste_start = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    dagen = [0, 1, 2, 3, 4]
    dagdeel = "volle_dag"
    uren_per_week = 40
    soort_opvang = "groepsopvang"
    bevestigd = factory.LazyFunction(timezone.now)
    herbevestigd = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def kinderen(self, create, extracted, **kwargs):
        """By default one child, about two months old at the wished start."""
        if not create:
            return
        for kind in extracted if extracted is not None else [{}]:
            geboren = self.gewenste_start - datetime.timedelta(days=60)
            self.kinderen.create(**{"voornaam": "Noor", "geboortedatum": geboren, **kind})

    @factory.post_generation
    def ouders(self, create, extracted, **kwargs):
        if create:
            for ouder in extracted if extracted is not None else [{"naam": "Sam Peeters"}]:
                self.ouders.create(**ouder)

    @factory.post_generation
    def voorkeuren(self, create, extracted, **kwargs):
        if create and extracted:
            for rang, locatie in enumerate(extracted, start=1):
                self.voorkeuren.create(locatie=locatie, rang=rang)

    class Params:
        ingediend_niet_bevestigd = factory.Trait(status="ingediend", bevestigd=None, herbevestigd=None)


# --- bevraging: waves, questionnaires, responses -----------------------------------------------
# The shipped waves (2016, 2022) are seeded by a migration; these factories make waves of later years.


class GolfFactory(DjangoModelFactory):
    """A wave in preparation, by interview."""

    class Meta:
        model = "bevraging.Golf"

    jaar = factory.Sequence(lambda n: 2030 + n)
    naam = factory.LazyAttribute(lambda o: f"Bevraging {o.jaar}")
    modus = "interview"
    populatie = "Alle erkende Huizen van het Kind"
    populatie_aantal = 227


class VragenlijstFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Vragenlijst"

    golf = factory.SubFactory(GolfFactory)
    naam = factory.LazyAttribute(lambda o: f"Vragenlijst {o.golf.naam}")


class ThemaFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Thema"

    vragenlijst = factory.SubFactory(VragenlijstFactory)
    sleutel = factory.Sequence(lambda n: f"thema_{n}")
    titel = factory.Sequence(lambda n: f"Thema {n}")
    volgorde = factory.Sequence(lambda n: n)


class VraagFactory(DjangoModelFactory):
    """A question; closed types get their options (score 1-5, ja/nee, or `opties=[(code, label)]`)."""

    class Meta:
        model = "bevraging.Vraag"
        skip_postgeneration_save = True

    thema = factory.SubFactory(ThemaFactory)
    vragenlijst = factory.SelfAttribute("thema.vragenlijst")
    sleutel = factory.Sequence(lambda n: f"test.vraag_{n}")
    volgorde = factory.Sequence(lambda n: n)
    tekst = factory.Sequence(lambda n: f"Testvraag {n}?")
    type = "ja_nee"

    @factory.post_generation
    def opties(self, create, extracted, **kwargs):
        if not create:
            return
        standaard = {
            "score_1_5": [(str(i), f"score {i}") for i in range(1, 6)],
            "ja_nee": [("ja", "Ja"), ("nee", "Nee")],
        }
        for volgorde, optie in enumerate(extracted or standaard.get(self.type, []), start=1):
            code, label, *rest = optie
            andere = bool(rest and rest[0])
            self.antwoordopties.create(code=code, label=label, volgorde=volgorde, is_andere=andere)

    class Params:
        score = factory.Trait(type="score_1_5", open_veld=True)


class ToewijzingFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Toewijzing"

    golf = factory.SubFactory(GolfFactory)
    huis = factory.SubFactory(HuisFactory)
    interviewer = factory.SubFactory(UserFactory, opgroeien=True)


class ResponsFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Respons"

    golf = factory.SubFactory(GolfFactory)
    huis = factory.SubFactory(HuisFactory)


class AntwoordFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Antwoord"

    respons = factory.SubFactory(ResponsFactory)
    vraag = factory.SubFactory(VraagFactory)
    waarde = "ja"
