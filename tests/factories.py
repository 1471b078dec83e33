import datetime
from dataclasses import dataclass

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from huizen.models import (
    Contactpunt,
    Coordinator,
    Gemeente,
    Huis,
    Lidmaatschap,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    Partner,
    PartnerSoort,
    Postcode,
    Subsidie,
    Werkingsgebied,
)
from kern.models import User
from kern.tenancy import Rol
from levensdomeinen.models import (
    Doelgroep,
    DomeinEngagement,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from loket import services as loket_services
from loket.models import Leeftijdsgroep, Opvangvraag, VrijePlaats
from loket.services import rondes as loket_rondes


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

    @factory.post_generation
    def loket(self, create, extracted, **kwargs):
        """Every Huis hosts a loket whose area is its werkingsgebied (as the migration made them);
        HuisFactory(loket=False) hosts none."""
        if not create or extracted is False:
            return
        maak_loket(self)


def maak_loket(huis, gemeenten=None, **velden):
    """The loket hosted by `huis`, with `gemeenten` (default: the Huis's werkingsgebied today) as
    its area from no particular date on."""
    from loket.models import Loket, Loketgebied

    loket = Loket.objects.create(
        huis=huis,
        naam=velden.pop("naam", "Lokaal Loket Kinderopvang " + huis.naam.removeprefix("Huis van het Kind ")),
        slug=velden.pop("slug", huis.slug),
        organisator=velden.pop("organisator", huis.naam),
        email=velden.pop("email", huis.email),
        telefoon=velden.pop("telefoon", huis.telefoon),
        **velden,
    )
    loket.huizen.add(huis)
    for gemeente in gemeenten if gemeenten is not None else huis.gemeenten_op():
        Loketgebied.objects.create(loket=loket, gemeente=gemeente)
    return loket


def voeg_toe_aan_gebied(huis, gemeente):
    """Add `gemeente` to the werkingsgebied of `huis` and to the area of the loket it hosts."""
    from loket.models import Loketgebied

    Werkingsgebied.objects.create(huis=huis, gemeente=gemeente)
    if hasattr(huis, "loket"):
        Loketgebied.objects.create(loket=huis.loket, gemeente=gemeente)


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
    """A physical location of a Huis, in the Huis's first gemeente, open Monday morning.

    `openingsuren=[(weekdag, van, tot), ...]` gives other hours (`[]` none); `partners=[...]` links
    partners to it.
    """

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
        if not create:
            return
        uren = extracted if extracted is not None else [(1, datetime.time(8, 30), datetime.time(12))]
        for weekdag, van, tot in uren:
            Openingsuur.objects.create(locatie=self, weekdag=weekdag, van=van, tot=tot)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.add(*extracted)


# --- the rest of a Huis's profile ---------------------------------------------------------------


class CoordinatorFactory(DjangoModelFactory):
    """A coordinator on the Huis's profile (a contact, not a user account)."""

    class Meta:
        model = Coordinator

    huis = factory.SubFactory(HuisFactory)
    naam = factory.Sequence(lambda n: f"Coördinator {n}")


class PartnerFactory(DjangoModelFactory):
    """A partner organisation of the Huis, a CLB by default."""

    class Meta:
        model = Partner

    huis = factory.SubFactory(HuisFactory)
    naam = factory.Sequence(lambda n: f"Partnerorganisatie {n}")
    soort = PartnerSoort.CLB

    class Params:
        # A core partner that works closely with the Huis, with a contact person.
        kernpartner_met_contact = factory.Trait(
            kernpartner=True,
            samenwerking=4,
            contactpersoon=factory.LazyAttribute(lambda o: f"Contactpersoon {o.naam}"),
            contact_email=factory.Sequence(lambda n: f"partner{n}@partner.test"),
        )


class ContactpuntFactory(DjangoModelFactory):
    """A telephone number of the Huis; the traits give an e-mail address or a chat link instead."""

    class Meta:
        model = Contactpunt

    huis = factory.SubFactory(HuisFactory)
    soort = "telefoon"
    waarde = factory.Sequence(lambda n: f"09 000 00 {n:02d}")

    class Params:
        # An e-mail address answered within a few days.
        email = factory.Trait(soort="email", waarde=factory.Sequence(lambda n: f"info{n}@huis.test"))
        # A chat link without stated availability.
        chat = factory.Trait(soort="chat", waarde="https://chat.voorbeeld.test")


class OverlegorgaanFactory(DjangoModelFactory):
    """A steering group of the Huis."""

    class Meta:
        model = Overlegorgaan

    huis = factory.SubFactory(HuisFactory)
    soort = "stuurgroep"
    naam = factory.Sequence(lambda n: f"Stuurgroep {n}")

    class Params:
        # A core group instead of a steering group.
        kerngroep = factory.Trait(soort="kerngroep", naam=factory.Sequence(lambda n: f"Kerngroep {n}"))


# --- levensdomeinen: engagement, activities, self-assessments -----------------------------------
# The life domains, principles and target groups are reference data loaded by a migration.


def levensdomein(code: str | None = None) -> Levensdomein:
    """The shipped life domain with that code, or the first one."""
    if code is None:
        return Levensdomein.objects.order_by("volgorde").first()
    return Levensdomein.objects.get(code=code)


class DomeinEngagementFactory(DjangoModelFactory):
    """Where the Huis stands on one life domain (`levensdomein=` or the first): actively working on it.

    Pass `levensdomein="code"` for a domain by its code.
    """

    class Meta:
        model = DomeinEngagement
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    levensdomein = factory.LazyFunction(levensdomein)
    status = "actief"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("levensdomein"), str):
            kwargs["levensdomein"] = levensdomein(kwargs["levensdomein"])
        return kwargs

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.add(*extracted)

    class Params:
        # Active and among the Huis's top three, with the reason the form requires.
        in_top3 = factory.Trait(top3=True, reden_top3="Veel vragen van ouders")
        # Planned, not yet active.
        gepland = factory.Trait(status="gepland")
        # Not active, with the reason the form asks for.
        niet_actief = factory.Trait(status="niet_actief", reden_niet_actief="Een partner doet dit al")


class HuisAanbodFactory(DjangoModelFactory):
    """An ongoing, free activity of the Huis (levensdomeinen.Aanbod) in the first life domain, for
    the first target group; `levensdomeinen=[...]` and `doelgroepen=[...]` choose others."""

    class Meta:
        model = "levensdomeinen.Aanbod"
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    titel = factory.Sequence(lambda n: f"Activiteit {n}")
    beschrijving = factory.LazyAttribute(lambda o: f"Over {o.titel}.")
    planning = "doorlopend"

    @factory.post_generation
    def levensdomeinen(self, create, extracted, **kwargs):
        if create:
            self.levensdomeinen.set(extracted if extracted is not None else [levensdomein()])

    @factory.post_generation
    def doelgroepen(self, create, extracted, **kwargs):
        if create:
            self.doelgroepen.set(
                extracted if extracted is not None else [Doelgroep.objects.order_by("volgorde").first()]
            )

    class Params:
        # A one-off activity on a date, paid.
        eenmalig = factory.Trait(
            planning="eenmalig",
            datum=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30)),
            gratis=False,
            prijs="€ 5",
        )
        # A recurring activity with its rhythm.
        terugkerend = factory.Trait(planning="terugkerend", ritme="Elke woensdag van 14 tot 16 uur")


class ZelfevaluatieFactory(DjangoModelFactory):
    """A dated self-assessment without scores; `scores={"code": 1-5}` scores life domains and
    `principes={"code": 1-5}` working principles, or the trait `volledig` scores everything 3."""

    class Meta:
        model = Zelfevaluatie
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    datum = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if create and extracted:
            for domein, score in extracted.items():
                self.scores.create(levensdomein=levensdomein(domein), score=score)

    @factory.post_generation
    def principes(self, create, extracted, **kwargs):
        if create and extracted:
            for code, score in extracted.items():
                self.scores.create(werkingsprincipe=Werkingsprincipe.objects.get(code=code), score=score)

    class Params:
        # Every life domain and every working principle scored 3, with priorities written down.
        volledig = factory.Trait(
            scores=factory.PostGeneration(lambda z, create, extracted, **kw: create and _alles_op_drie(z)),
            prioriteiten="Meer ouders bereiken",
        )


def _alles_op_drie(zelfevaluatie) -> None:
    zelfevaluatie.scores.bulk_create(
        [Score(zelfevaluatie=zelfevaluatie, levensdomein=d, score=3) for d in Levensdomein.objects.all()]
        + [
            Score(zelfevaluatie=zelfevaluatie, werkingsprincipe=w, score=3)
            for w in Werkingsprincipe.objects.all()
        ]
    )


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
    # The wished start of `OpvangvraagFactory`: a default place fits a default request.
    vanaf = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
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


def _stap(doe, stap):
    """A post-generation step for a trait: `doe(instance, stap, **kwargs)` once the row exists."""
    return factory.PostGeneration(
        lambda obj, create, extracted, **kwargs: create and doe(obj, stap, **kwargs)
    )


def _doorloop(vraag, stap, *, plaats=None, door=None):
    """Moves an active request on through the loket's own services, so its events, mails and offer
    are the real ones. `levensloop__plaats=` offers that free place, `levensloop__door=` acts as that
    staff member; by default a new place fitting the children at the first chosen location (a new
    location of the Huis, added as a choice, when the family chose none)."""
    if stap in ("aanbod", "aanvaard", "geplaatst"):
        aanbod = loket_services.doe_aanbod(vraag=vraag, plaats=plaats or _passende_plaats(vraag), door=door)
        if stap in ("aanvaard", "geplaatst"):
            aanbod = loket_services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
        if stap == "geplaatst":
            loket_services.bevestig_plaatsing(aanbod=aanbod, door=door)
    elif stap == "ingetrokken":
        loket_services.trek_in(vraag=vraag, door=door)
    elif stap == "verlopen":
        loket_services.laat_verlopen_zonder_herbevestiging(vraag_id=vraag.pk)
    else:
        raise ValueError(f"Onbekende levensloop: {stap}")
    vraag.refresh_from_db()


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
        # What the services store with the children: their age group at the wished start.
        Opvangvraag.objects.filter(pk=self.pk).werk_leeftijdsgroep_bij()
        self.refresh_from_db(fields=["leeftijdsgroep"])

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
            # What the services store with the choices: the first one.
            self.eerste_keuze = extracted[0]
            Opvangvraag.objects.filter(pk=self.pk).update(eerste_keuze=self.eerste_keuze)

    @factory.post_generation
    def levensloop(self, create, extracted, **kwargs):
        """`levensloop="aanbod"` (or a trait below) moves the active request on, see `_doorloop`."""
        if create and extracted:
            _doorloop(self, extracted, **kwargs)

    class Params:
        # Submitted, the e-mail address not yet confirmed: not on the waiting list.
        ingediend_niet_bevestigd = factory.Trait(status="ingediend", bevestigd=None, herbevestigd=None)
        # An open offer (status aanbod) of a place that fits the children, made through doe_aanbod.
        aanbod = factory.Trait(levensloop=_stap(_doorloop, "aanbod"))
        # As `aanbod`, and the family accepted it: waiting for the provider's confirmation.
        aanvaard = factory.Trait(levensloop=_stap(_doorloop, "aanvaard"))
        # As `aanvaard`, and the provider confirmed: placed, the other preferences ended.
        geplaatst = factory.Trait(levensloop=_stap(_doorloop, "geplaatst"))
        # Withdrawn by the family (trek_in), its preferences ended.
        ingetrokken = factory.Trait(levensloop=_stap(_doorloop, "ingetrokken"))
        # Expired because it was not re-confirmed in time (the loket's term service).
        verlopen = factory.Trait(levensloop=_stap(_doorloop, "verlopen"))


def _passende_plaats(vraag):
    """A new free place for all of the request's children at its first active choice."""
    voorkeur = vraag.voorkeuren.filter(actief=True).order_by("rang").first()
    if voorkeur is None:
        locatie = OpvanglocatieFactory(huis=vraag.huis)
        vraag.voorkeuren.create(locatie=locatie, rang=vraag.voorkeuren.count() + 1)
    else:
        locatie = voorkeur.locatie
    kinderen = list(vraag.kinderen.all())
    return VrijePlaatsFactory(
        locatie=locatie,
        vanaf=vraag.gewenste_start,
        dagen=vraag.dagen,
        dagdeel=vraag.dagdeel,
        leeftijdsgroep=Leeftijdsgroep.bij_start(kinderen[0].geboortedatum, vraag.gewenste_start),
        aantal=len(kinderen),
    )


class LoketAanbodFactory(DjangoModelFactory):
    """An offer (loket.Aanbod) written as stored data, for figures over past offers: an open offer
    of a new place to a request on the waiting list. For an offer as the loket makes it today, use
    `OpvangvraagFactory(aanbod=True)`, which goes through the services."""

    class Meta:
        model = "loket.Aanbod"
        skip_postgeneration_save = True

    opvangvraag = factory.SubFactory(OpvangvraagFactory, status="aanbod")
    plaats = factory.SubFactory(
        VrijePlaatsFactory, locatie__huis=factory.SelfAttribute("...opvangvraag.huis")
    )
    deadline = factory.LazyAttribute(lambda o: o.gemaakt.date() + datetime.timedelta(days=7))
    gemaakt = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def eerste_plaatsing(self, create, extracted, **kwargs):
        """What the services store with a confirmed placement: when and where the request's first one
        was confirmed."""
        if create:
            Opvangvraag.objects.filter(pk=self.opvangvraag_id).werk_plaatsing_bij()
            self.opvangvraag.refresh_from_db(fields=["geplaatst_op", "geplaatst_bij"])

    class Params:
        # Accepted by the family a day after it was made.
        aanvaard = factory.Trait(
            status="aanvaard",
            beantwoord=factory.LazyAttribute(lambda o: o.gemaakt + datetime.timedelta(days=1)),
        )
        # Accepted and confirmed by the provider: the request is placed.
        plaatsing_bevestigd = factory.Trait(
            status="bevestigd",
            opvangvraag__status="geplaatst",
            beantwoord=factory.LazyAttribute(lambda o: o.gemaakt + datetime.timedelta(days=1)),
            bevestigd=factory.LazyAttribute(lambda o: o.gemaakt + datetime.timedelta(days=2)),
        )


def startmaand_over_drie_maanden() -> datetime.date:
    """The first of a month far enough ahead for requests and places of a round."""
    return (timezone.localdate() + datetime.timedelta(days=100)).replace(day=1)


def _rond_af(ronde, afloop, *, door=None):
    if afloop == "uitgevoerd":
        loket_rondes.voer_ronde_uit(ronde=ronde, door=door)
    elif afloop == "verworpen":
        loket_rondes.verwerp_ronde(ronde=ronde, door=door)
    else:
        raise ValueError(f"Onbekende afloop: {afloop}")
    ronde.refresh_from_db()


class ToewijzingsrondeFactory(DjangoModelFactory):
    """An allocation round proposed by `start_ronde` for the month of `startmaand` (the Huis needs
    active requests starting that month); traits execute or reject it through the services."""

    class Meta:
        model = "loket.Toewijzingsronde"
        skip_postgeneration_save = True

    huis = factory.SubFactory(HuisFactory)
    startmaand = factory.LazyFunction(startmaand_over_drie_maanden)
    door = None

    @classmethod
    def _create(cls, model_class, huis, startmaand, door=None, **kwargs):
        return loket_rondes.start_ronde(huis=huis, startmaand=startmaand, door=door)

    @factory.post_generation
    def afloop(self, create, extracted, **kwargs):
        if create and extracted:
            _rond_af(self, extracted, **kwargs)

    class Params:
        # Executed: an offer sent for every proposal with a place.
        uitgevoerd = factory.Trait(afloop=_stap(_rond_af, "uitgevoerd"))
        # Rejected: no offers, a new round for the month may start.
        verworpen = factory.Trait(afloop=_stap(_rond_af, "verworpen"))


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
    """A response of a Huis to a wave, not started; `antwoorden={sleutel: waarde}` answers questions
    of the wave's questionnaire by key (a dict value gives `waarde`, `toelichting`, `andere_tekst`)."""

    class Meta:
        model = "bevraging.Respons"
        skip_postgeneration_save = True

    golf = factory.SubFactory(GolfFactory)
    huis = factory.SubFactory(HuisFactory)

    @factory.post_generation
    def antwoorden(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        vragen = {v.sleutel: v for v in self.golf.vragenlijst.vragen.filter(sleutel__in=list(extracted))}
        self.antwoorden.model.objects.bulk_create(
            [
                self.antwoorden.model(
                    respons=self, vraag=vragen[sleutel], **(w if isinstance(w, dict) else {"waarde": w})
                )
                for sleutel, w in extracted.items()
            ]
        )

    class Params:
        # Being filled in: started, not submitted.
        concept = factory.Trait(status="concept", gestart=factory.LazyFunction(timezone.now))
        # Submitted: the coordinator of the Huis may read it.
        na_indiening = factory.Trait(
            status="ingediend",
            gestart=factory.LazyFunction(timezone.now),
            ingediend=factory.LazyFunction(timezone.now),
        )
        # Submitted and validated by Opgroeien.
        na_validatie = factory.Trait(
            status="gevalideerd",
            gestart=factory.LazyFunction(timezone.now),
            ingediend=factory.LazyFunction(timezone.now),
            gevalideerd=factory.LazyFunction(timezone.now),
        )
        # Reopened after submission, with the reason the model requires.
        heropend = factory.Trait(
            status="heropend",
            heropen_reden="Een antwoord ontbreekt",
            gestart=factory.LazyFunction(timezone.now),
            ingediend=factory.LazyFunction(timezone.now),
        )


class AntwoordFactory(DjangoModelFactory):
    class Meta:
        model = "bevraging.Antwoord"

    respons = factory.SubFactory(ResponsFactory)
    vraag = factory.SubFactory(VraagFactory)
    waarde = "ja"


# --- built worlds ------------------------------------------------------------------------------


@dataclass
class LoketWereld:
    huis: object
    maand: datetime.date
    boomhut: object
    klaproos: object
    vlinder: object
    plaats_a: VrijePlaats
    plaats_b: VrijePlaats
    plaats_c: VrijePlaats
    vragen: dict[str, Opvangvraag]


def bouw_loket_wereld(huis) -> LoketWereld:
    """Three locations, three groups of free baby places, and requests with different priorities.

    De Boomhut has 5 seats (1 reserved for vulnerable families), De Klaproos 2, De Vlinder 2. Five
    families need care for work and all want De Boomhut; a vulnerable family wants it too. Twins
    of a single parent want De Klaproos, then De Vlinder. The family that registered first has no
    priority. A family's baby and toddler cannot share one place.
    """
    maand = startmaand_over_drie_maanden()
    start = maand + datetime.timedelta(days=2)
    boomhut = OpvanglocatieFactory(huis=huis, naam="De Boomhut")
    klaproos = OpvanglocatieFactory(huis=huis, naam="De Klaproos")
    vlinder = OpvanglocatieFactory(huis=huis, naam="De Vlinder")
    plaats_a = VrijePlaatsFactory(locatie=boomhut, vanaf=maand, aantal=5)
    plaats_b = VrijePlaatsFactory(locatie=klaproos, vanaf=maand + datetime.timedelta(days=9), aantal=2)
    plaats_c = VrijePlaatsFactory(locatie=vlinder, vanaf=maand, aantal=2)
    nu = timezone.now()

    def vraag(naam, dag, voorkeuren, **velden):
        velden.setdefault(
            "kinderen", [{"voornaam": naam, "geboortedatum": start - datetime.timedelta(days=60)}]
        )
        return OpvangvraagFactory(
            huis=huis,
            gewenste_start=start,
            ingediend=nu - datetime.timedelta(days=60 - dag),
            voorkeuren=voorkeuren,
            **velden,
        )

    vragen = {
        "laat": vraag("Lou", 0, [boomhut, klaproos]),
        **{f"werk{n}": vraag(f"Werk{n}", n, [boomhut], opvang_voor_werk=True) for n in range(1, 5)},
        "werk5": vraag("Werk5", 5, [boomhut, klaproos], opvang_voor_werk=True),
        "tweeling": vraag(
            "Tweeling",
            6,
            [klaproos, vlinder],
            alleenstaande_ouder=True,
            kinderen=[
                {"voornaam": "Mila", "geboortedatum": start - datetime.timedelta(days=50)},
                {"voornaam": "Mats", "geboortedatum": start - datetime.timedelta(days=50)},
            ],
        ),
        "kwetsbaar": vraag("Kato", 10, [boomhut], kw_inkomen_uit_werk=True, kw_thuistaal=True),
        "gemengd": vraag(
            "Gemengd",
            11,
            [vlinder],
            kinderen=[
                {"voornaam": "Baby", "geboortedatum": start - datetime.timedelta(days=60)},
                {"voornaam": "Peuter", "geboortedatum": start - datetime.timedelta(days=700)},
            ],
        ),
    }
    # Not in the round: another start month, and a request with a running offer.
    OpvangvraagFactory(huis=huis, gewenste_start=maand + datetime.timedelta(days=70), voorkeuren=[boomhut])
    vraag(
        "Aanbod",
        12,
        [vlinder],
        aanbod=True,
        levensloop__plaats=VrijePlaatsFactory(locatie=vlinder, vanaf=maand),
    )
    return LoketWereld(huis, maand, boomhut, klaproos, vlinder, plaats_a, plaats_b, plaats_c, vragen)
