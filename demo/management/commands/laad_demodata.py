from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.bevraging import laad_bevraging_demodata
from demo.huizen import DEMO_WACHTWOORD, Demodatafout, laad_demodata
from demo.loket import laad_loket_demodata
from huizen.models import KindEnGezinPartner, PartnerSoort


def _euro(bedrag: Decimal) -> str:
    return "€ " + f"{round(bedrag):,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Laadt demogegevens: de Huizen van het Kind zoals in de bevraging van 2022, hun "
        "werkingsgebied, subsidies, profielen (locaties, contactpunten, partners, coördinatoren, "
        "overlegorganen), levensdomeinen, aanbod en zelfevaluaties, demo-VRIND-clusters, "
        "demologins en de antwoorden op de bevragingen van 2022 en 2016. Opnieuw uitvoeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wachtwoord",
            default=DEMO_WACHTWOORD,
            help=f"Wachtwoord van de demologins (standaard '{DEMO_WACHTWOORD}').",
        )
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook laden als DEBUG uit staat. De demologins hebben een gekend wachtwoord "
            "en één ervan is beheerder: nooit op een productieomgeving.",
        )

    def handle(self, *args, wachtwoord: str, ook_zonder_debug: bool, **options):
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "DEBUG staat uit. Demogegevens maken logins met een gekend wachtwoord; "
                "gebruik --ook-zonder-debug als dit echt geen productieomgeving is."
            )
        if not wachtwoord:
            raise CommandError("Geef een wachtwoord op met --wachtwoord.")
        try:
            r = laad_demodata(wachtwoord=wachtwoord)
            # The Lokaal Loket Kinderopvang of some demo Huizen, once the Huizen exist.
            loket = laad_loket_demodata(wachtwoord=wachtwoord)
            # The survey's 2022 and 2016 waves, answered for the demo Huizen.
            bevraging = laad_bevraging_demodata()
        except Demodatafout as fout:
            raise CommandError(str(fout)) from fout

        schrijf = self.stdout.write
        schrijf(self.style.SUCCESS("Demogegevens geladen."))
        schrijf(f"Op {r.peildatum:%d-%m-%Y} (zoals in de bevraging van 2022):")
        schrijf(
            f"  {r.huizen} Huizen van het Kind, waarvan {r.intergemeentelijk} intergemeentelijk "
            f"(vandaag {r.intergemeentelijk_vandaag})"
        )
        schrijf(
            f"  {r.vlaamse_gemeenten_met_huis} van de {r.vlaamse_gemeenten} Vlaamse gemeenten "
            f"en {r.brusselse_gemeenten_met_huis} Brusselse gemeenten hebben een Huis"
        )
        schrijf(
            f"  {len(r.gemeenten_zonder_huis)} gemeenten zonder Huis: "
            f"{', '.join(r.gemeenten_zonder_huis) or '-'}"
        )
        if r.gemeenten_zonder_huis_vandaag != r.gemeenten_zonder_huis:
            schrijf(
                f"  vandaag {len(r.gemeenten_zonder_huis_vandaag)} gemeenten zonder Huis: "
                f"{', '.join(r.gemeenten_zonder_huis_vandaag) or '-'}"
            )
        schrijf("Subsidies per Huis (minimum / mediaan / maximum):")
        for s in r.subsidies:
            schrijf(f"  {s.jaar}: {_euro(s.minimum)} / {_euro(s.mediaan)} / {_euro(s.maximum)}")
        p = r.profiel
        schrijf("Profielen (zoals in de bevraging van 2022):")
        schrijf(
            f"  {p.met_fysieke_locatie} Huizen met een fysieke locatie (waarvan "
            f"{p.met_meerdere_locaties} met meerdere), {p.plant_fysieke_locatie} plannen er een, "
            f"{p.zonder_fysieke_locatie_niet_gepland} hebben er geen en plannen er geen"
        )
        schrijf(f"  {p.zonder_contactpunt} Huizen zonder niet-fysiek aanspreekpunt")
        schrijf(f"  {p.met_cofinanciering} Huizen met cofinanciering door het lokaal bestuur")
        schrijf("  Huizen met een kernpartner van deze soort:")
        for soort, aantal in sorted(p.kernpartner_per_soort.items(), key=lambda item: -item[1]):
            schrijf(f"    {PartnerSoort(soort).label}: {aantal}")
        schrijf("  Samenwerking met de Kind en Gezin-partners (Huizen met score 1 / 2 / 3 / 4 / 5):")
        for kind, scores in p.samenwerking.items():
            schrijf(f"    {KindEnGezinPartner(kind).label}: {' / '.join(str(n) for n in scores.values())}")
        schrijf("  " + ", ".join(f"{aantal} {naam}" for naam, aantal in p.rijen.items()))
        ld = r.levensdomeinen
        schrijf("Levensdomeinen (Huizen per levensdomein, zoals in de bevraging van 2022):")
        for code, naam in ld.namen.items():
            schrijf(
                f"  {naam}: {ld.actief[code]} actief (waarvan {ld.top3[code]} in de top 3), "
                f"{ld.gepland[code]} gepland, {ld.niet_actief[code]} niet actief"
            )
        schrijf(
            "  Top 3: "
            + ", ".join(
                f"{huizen} Huizen met {aantal} levensdomeinen" for aantal, huizen in ld.top3_per_huis.items()
            )
        )
        planning = ld.aanbod_per_planning
        schrijf(
            f"  {ld.aanbod} aanbodsitems ({planning['eenmalig']} eenmalig, {planning['terugkerend']} "
            f"terugkerend, {planning['doorlopend']} doorlopend), {ld.zelfevaluaties} zelfevaluaties "
            f"met {ld.scores} scores"
        )
        schrijf(f"Lokaal Loket Kinderopvang ({', '.join(loket.huizen)}):")
        schrijf(
            f"  {loket.organisatoren} organisatoren, {loket.locaties} opvanglocaties, "
            f"{loket.vrije_plaatsen} vrije plaatsen, {loket.aanvragen} aanvragen "
            f"({loket.nieuwe_aanvragen} nieuw)"
        )
        schrijf("  " + ", ".join(f"{aantal} {status}" for status, aantal in loket.per_status.items()))
        schrijf("Bevraging (zoals het eindrapport van 2022):")
        schrijf(
            f"  2022: {bevraging.responsen[2022]} gevalideerde responsen"
            + (f" (niet bevraagd: {bevraging.niet_bevraagd})" if bevraging.niet_bevraagd else "")
            + f"; 2016: {bevraging.responsen[2016]} ingediende responsen"
        )
        if wachtwoord == DEMO_WACHTWOORD:
            schrijf(f"Demologins (wachtwoord '{DEMO_WACHTWOORD}'):")
        else:
            schrijf("Demologins (met het opgegeven wachtwoord):")
        for rol, email in (*r.logins, *loket.logins):
            schrijf(f"  {rol}: {email}")
