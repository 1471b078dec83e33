"""Open data API (read-only) and the tenant API of the huizen app."""

import django_filters
from django.utils import timezone
from rest_framework import serializers

from huizen import selectors
from huizen.models import Gemeente, Huis, Subsidie
from hvhk.tenancy import PubliekViewSet, TenantViewSet


class GemeenteSerializer(serializers.ModelSerializer):
    opvolger = serializers.SlugRelatedField(slug_field="nis", read_only=True)

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


class GemeenteViewSet(PubliekViewSet):
    """All gemeenten of Flanders and Brussels since 2018, with their validity and mergers."""

    queryset = Gemeente.objects.select_related("opvolger").order_by("nis")
    serializer_class = GemeenteSerializer
    filterset_class = GemeenteFilter
    lookup_field = "nis"


class KorteGemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = ["nis", "naam"]


class HuisSerializer(serializers.ModelSerializer):
    gemeenten = KorteGemeenteSerializer(source="gemeenten_vandaag", many=True, read_only=True)
    intergemeentelijk = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="De publieke pagina van het Huis.")

    class Meta:
        model = Huis
        fields = [
            "slug",
            "naam",
            "url",
            "email",
            "telefoon",
            "website",
            "gemeenten",
            "intergemeentelijk",
        ]

    def get_url(self, huis) -> str:
        return self.context["request"].build_absolute_uri(huis.get_absolute_url())

    def get_intergemeentelijk(self, huis) -> bool:
        return huis.aantal_gemeenten > 1


class HuisFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(method="filter_gemeente", label="NIS-code van een gemeente")

    class Meta:
        model = Huis
        fields = ["gemeente"]

    def filter_gemeente(self, queryset, name, value):
        actief = selectors.Werkingsgebied.objects.geldig_op(timezone.localdate())
        return queryset.filter(pk__in=actief.filter(gemeente__nis=value).values("huis_id"))


class HuisViewSet(PubliekViewSet):
    """The Huizen van het Kind with the gemeenten they cover today."""

    serializer_class = HuisSerializer
    filterset_class = HuisFilter
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.publieke_huizen()


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
