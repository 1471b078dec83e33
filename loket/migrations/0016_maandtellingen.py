"""The monthly counts behind the loket's figures (`Maandtelling`) and the marks of the months to
count again (`Telwijziging`). Every month with requests is marked here; the first reader of the
figures (or the first write) counts them."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import DateField
from django.db.models.functions import TruncMonth


def markeer_alle_maanden(apps, schema_editor):
    Opvangvraag = apps.get_model("loket", "Opvangvraag")
    Telwijziging = apps.get_model("loket", "Telwijziging")
    maanden = (
        Opvangvraag.objects.order_by()
        .annotate(maand=TruncMonth("ingediend", output_field=DateField()))
        .values_list("huis_id", "maand")
        .distinct()
    )
    Telwijziging.objects.bulk_create(
        (Telwijziging(huis_id=huis_id, maand=maand) for huis_id, maand in maanden), batch_size=500
    )


class Migration(migrations.Migration):

    dependencies = [
        ('huizen', '0005_bevolking'),
        ('loket', '0015_opvangvraag_eerste_plaatsing'),
    ]

    operations = [
        migrations.CreateModel(
            name='Telwijziging',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maand', models.DateField()),
                ('huis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.huis')),
            ],
        ),
        migrations.CreateModel(
            name='DagenMaandtelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maand', models.DateField()),
                ('moment', models.CharField(max_length=10)),
                ('kwetsbaar', models.BooleanField()),
                ('wachtdagen', models.IntegerField()),
                ('n', models.PositiveIntegerField()),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.gemeente')),
                ('huis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.huis')),
            ],
            options={
                'abstract': False,
                'indexes': [models.Index(fields=['maand', 'huis'], name='dagenmaandtelling_maand_huis')],
            },
        ),
        migrations.CreateModel(
            name='KenmerkMaandtelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maand', models.DateField()),
                ('leeftijdsgroep', models.CharField(max_length=12)),
                ('soort_opvang', models.CharField(max_length=20)),
                ('kwetsbaar', models.BooleanField()),
                ('status', models.CharField(max_length=12)),
                ('antwoord', models.BooleanField()),
                ('startmaand', models.DateField(null=True)),
                ('n', models.PositiveIntegerField()),
                ('v_werk', models.PositiveIntegerField()),
                ('v_alleenstaand', models.PositiveIntegerField()),
                ('v_inkomen', models.PositiveIntegerField()),
                ('v_pleegkind', models.PositiveIntegerField()),
                ('v_broer_zus', models.PositiveIntegerField()),
                ('v_dringend', models.PositiveIntegerField()),
                ('v_geen', models.PositiveIntegerField()),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.gemeente')),
                ('huis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.huis')),
            ],
            options={
                'abstract': False,
                'indexes': [models.Index(fields=['maand', 'huis'], name='kenmerkmaandtelling_maand_huis')],
            },
        ),
        migrations.CreateModel(
            name='KeuzeMaandtelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maand', models.DateField()),
                ('n', models.PositiveIntegerField()),
                ('als_eerste', models.PositiveIntegerField()),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.gemeente')),
                ('huis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.huis')),
                ('locatie', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='loket.opvanglocatie')),
            ],
            options={
                'abstract': False,
                'indexes': [models.Index(fields=['maand', 'huis'], name='keuzemaandtelling_maand_huis')],
            },
        ),
        migrations.CreateModel(
            name='StatusMaandtelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('maand', models.DateField()),
                ('status', models.CharField(max_length=12)),
                ('n', models.PositiveIntegerField()),
                ('niet', models.PositiveIntegerField()),
                ('eerste', models.BigIntegerField(null=True)),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.gemeente')),
                ('geplaatst_bij', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='loket.opvanglocatie')),
                ('huis', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='huizen.huis')),
            ],
            options={
                'abstract': False,
                'indexes': [models.Index(fields=['maand', 'huis'], name='statusmaandtelling_maand_huis')],
            },
        ),
        migrations.RunPython(markeer_alle_maanden, migrations.RunPython.noop),
    ]
