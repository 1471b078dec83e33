"""Open data API (read-only) and the tenant API of the huizen app."""

import django_filters
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huizen import selectors
from huizen.models import Contactpunt, Gemeente, Huis, Locatie, Openingsuur, Subsidie, Werkingsgebied
from kern.api import VersieGebondenMixin
from kern.tenancy import PubliekViewSet, TenantViewSet

#: What the open data is made of: the Huizen with their profiles and areas, and the gemeenten.
OPEN_DATA = ("huizen", "referentie")


class GemeenteSerializer(serializers.ModelSerializer):
    opvolger = serializers.SlugRelatedField(slug_field="nis", read_only=True, allow_null=True)

    class Meta:
        model = Gemeente
        fields = ["nis", "naam", "provincie", "gewest", "geldig_van", "geldig_tot", "opvolger"]


class GemeenteFilter(django_filters.FilterSet):
    geldig_op = django_filters.DateFilter(method="filter_geldig_op", label="Geldig op (JJJJ-MM-DD)")

    class Meta:
        model = Gemeente
        fields = ["nis", "provincie", "gewest"]

    def filter_geldig_op(self, queryset, name, value):
        return queryset.geldig_op(value)


class GemeenteViewSet(VersieGebondenMixin, PubliekViewSet):
    """All gemeenten of Flanders and Brussels since 2018, with their validity and mergers."""

    queryset = Gemeente.objects.select_related("opvolger").order_by("nis")
    serializer_class = GemeenteSerializer
    filterset_class = GemeenteFilter
    lookup_field = "nis"
    versie_sleutels = ("referentie",)


class KorteGemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["nis", "naam"]


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "08:30"})
class UurVeld(serializers.TimeField):
    """An hour of the day as HH:MM, as the opening hours are published."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class OpeningsuurSerializer(serializers.ModelSerializer):
    weekdag = serializers.CharField(source="get_weekdag_display")
    van = UurVeld()
    tot = UurVeld()

    class Meta:
        model = Openingsuur
        fields = ["weekdag", "van", "tot"]


class LocatieSerializer(serializers.ModelSerializer):
    gemeente = KorteGemeenteSerializer(read_only=True)
    openingsuren = OpeningsuurSerializer(many=True, read_only=True)

    class Meta:
        model = Locatie
        fields = ["naam", "straat", "postcode", "gemeente", "toegankelijkheid", "openingsuren"]


class ContactpuntSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contactpunt
        fields = ["soort", "waarde", "beschikbaarheid"]


class HuisSerializer(serializers.ModelSerializer):
    gemeenten = KorteGemeenteSerializer(source="gemeenten_vandaag", many=True, read_only=True)
    intergemeentelijk = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="De publieke pagina van het Huis.")
    locaties = LocatieSerializer(many=True, read_only=True)
    contactpunten = ContactpuntSerializer(many=True, read_only=True)

    class Meta:
        model = Huis
        fields = [
            "slug",
            "naam",
            "url",
            "korte_beschrijving",
            "email",
            "telefoon",
            "website",
            "gemeenten",
            "intergemeentelijk",
            "locaties",
            "contactpunten",
        ]

    def get_url(self, huis) -> str:
        return self.context["request"].build_absolute_uri(huis.get_absolute_url())

    def get_intergemeentelijk(self, huis) -> bool:
        return huis.aantal_gemeenten > 1


class HuisFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(method="filter_gemeente", label="Naam van een gemeente (vandaag)")
    nis = django_filters.CharFilter(method="filter_nis", label="NIS-code van een gemeente")

    class Meta:
        model = Huis
        fields = ["gemeente", "nis"]

    def _actief_in(self, queryset, **gemeente):
        actief = Werkingsgebied.objects.geldig_op(timezone.localdate()).filter(**gemeente)
        return queryset.filter(pk__in=actief.values("huis_id"))

    def filter_gemeente(self, queryset, name, value):
        return self._actief_in(queryset, gemeente__naam__iexact=value)

    def filter_nis(self, queryset, name, value):
        return self._actief_in(queryset, gemeente__nis=value)


class HuisViewSet(VersieGebondenMixin, PubliekViewSet):
    """The Huizen van het Kind with the gemeenten they cover today, their locations with opening
    hours and their contact points."""

    serializer_class = HuisSerializer
    filterset_class = HuisFilter
    lookup_field = "slug"
    versie_sleutels = OPEN_DATA

    def get_queryset(self):
        return selectors.met_publiek_profiel(selectors.publieke_huizen())


class PubliekeLocatieSerializer(LocatieSerializer):
    huis = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta(LocatieSerializer.Meta):
        fields = ["huis", *LocatieSerializer.Meta.fields]


class LocatieFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(field_name="gemeente__naam", lookup_expr="iexact")
    nis = django_filters.CharFilter(field_name="gemeente__nis")

    class Meta:
        model = Locatie
        fields = ["gemeente", "nis"]


class LocatieViewSet(VersieGebondenMixin, PubliekViewSet):
    """All physical locations of the Huizen, with address and opening hours."""

    serializer_class = PubliekeLocatieSerializer
    filterset_class = LocatieFilter
    versie_sleutels = OPEN_DATA

    def get_queryset(self):
        return selectors.publieke_locaties()


class SubsidieSerializer(serializers.ModelSerializer):
    huis = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Subsidie
        fields = ["huis", "jaar", "bedrag"]


class SubsidieViewSet(TenantViewSet):
    """Yearly subsidies of the Huizen the user may see (members and Opgroeien staff)."""

    serializer_class = SubsidieSerializer
    filterset_fields = ["jaar"]

    def get_queryset(self):
        return super().get_queryset().select_related("huis")
