from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huizen.services import importeer_vrind_clusters


class Command(BaseCommand):
    help = (
        "Zet de VRIND-cluster van elke gemeente uit een CSV-bestand met de kolommen 'nis' en "
        "'cluster' (nummer 1-9 of naam). Bij één fout wordt niets gewijzigd."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, bestand: Path, **options):
        try:
            inhoud = bestand.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as fout:
            raise CommandError(f"Kan {bestand} niet lezen als UTF-8: {fout}") from fout
        resultaat = importeer_vrind_clusters(inhoud=inhoud, bron=bestand.name)
        if resultaat.fouten:
            for fout in resultaat.fouten:
                self.stderr.write(fout)
            raise CommandError(f"{len(resultaat.fouten)} fout(en); er werd niets gewijzigd.")
        self.stdout.write(self.style.SUCCESS(f"Cluster van {resultaat.bijgewerkt} gemeenten bijgewerkt."))
