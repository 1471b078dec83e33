"""A request stores the age group of its children at the wished start (`Opvangvraag.leeftijdsgroep`),
so the loket's figures group by it instead of working it out per request from its children.

Filled here for the existing requests with the rule of `Leeftijdsgroep.bij_start` as it stands
(copied, so this migration keeps meaning what it meant): whole months from birth to the wished
start, under 18 a baby, under 36 a toddler, else a pre-schooler or school child; children in
different groups give "meerdere", no children "".
"""

from django.db import migrations, models


def _groep(geboortedatum, start):
    maanden = (start.year - geboortedatum.year) * 12 + start.month - geboortedatum.month
    if start.day < geboortedatum.day:
        maanden -= 1
    if maanden < 18:
        return "baby"
    if maanden < 36:
        return "peuter"
    return "schoolkind"


def vul_leeftijdsgroep(apps, schema_editor):
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    Kind = apps.get_model("loket", "Kind")
    groepen = {}
    for vraag_id, geboortedatum, start in Kind.objects.values_list(
        "opvangvraag_id", "geboortedatum", "opvangvraag__gewenste_start"
    ).iterator(chunk_size=5000):
        groepen.setdefault(vraag_id, set()).add(_groep(geboortedatum, start))
    per_groep = {}
    for vraag_id, set_ in groepen.items():
        per_groep.setdefault(set_.pop() if len(set_) == 1 else "meerdere", []).append(vraag_id)
    for groep, ids in per_groep.items():
        for begin in range(0, len(ids), 5000):
            Opvangvraag.objects.filter(pk__in=ids[begin : begin + 5000]).update(leeftijdsgroep=groep)


class Migration(migrations.Migration):
    dependencies = [
        ("loket", "0005_opvangvraag_nummer_uniek"),
    ]

    operations = [
        migrations.AddField(
            model_name="opvangvraag",
            name="leeftijdsgroep",
            field=models.CharField(
                blank=True,
                choices=[
                    ("baby", "baby (jonger dan 18 maanden)"),
                    ("peuter", "peuter (18 maanden tot 3 jaar)"),
                    ("schoolkind", "kleuter of schoolkind (vanaf 3 jaar)"),
                    ("meerdere", "kinderen in verschillende leeftijdsgroepen"),
                ],
                editable=False,
                max_length=12,
                verbose_name="leeftijdsgroep bij de gewenste start",
            ),
        ),
        migrations.RunPython(vul_leeftijdsgroep, migrations.RunPython.noop, elidable=True),
    ]
