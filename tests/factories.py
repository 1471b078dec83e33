import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from huizen.models import Gemeente, Huis, Lidmaatschap, Postcode, Subsidie, Werkingsgebied
from hvhk.models import User
from hvhk.tenancy import Rol


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
