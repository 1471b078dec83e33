"""Cross-cutting models: the user account and the outgoing e-mail outbox."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address.

    What they may see follows from their memberships of Huizen (coordinator or loket) and from
    `is_opgroeien` (Opgroeien staff see all Huizen). `is_staff` only opens the Django admin for
    functional administrators.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    is_opgroeien = models.BooleanField(
        _("Opgroeien-medewerker"),
        default=False,
        help_text=_("Ziet de gegevens van alle Huizen van het Kind."),
    )
    is_staff = models.BooleanField(
        _("functioneel beheerder"),
        default=False,
        help_text=_("Mag aanmelden op de beheeromgeving (Django admin)."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="gebruiker_email_uniek_hoofdletterongevoelig"),
        ]

    def __str__(self):
        return self.naam or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.naam or self.email

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email


class UitgaandeMail(models.Model):
    """One e-mail the portal sends, kept so sending is retried and can be traced.

    The text holds secrets (a family's private link, a password link), so it is kept only until
    the mail is sent or has failed for good: then only recipient, subject, status and times remain
    (a database constraint holds every row to this), and `kern.tasks.vergeet_oude_mails` deletes
    those after UITGAANDE_MAIL_BEWAARDAGEN days. `betreft` names what the mail is about (e.g. a
    request of the loket), so the mails go when that is erased (`kern.mail.vergeet_mails`).
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("wacht op verzending")
        VERZONDEN = "verzonden", _("verzonden")
        MISLUKT = "mislukt", _("mislukt")

    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=255)
    tekst = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    betreft = models.CharField(_("betreft"), max_length=64, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.WACHTEND)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.TextField(_("laatste fout"), blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    verzonden = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-aangemaakt"]
        indexes = [models.Index(fields=["status", "aangemaakt"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="wachtend") | models.Q(tekst="", html=""),
                name="uitgaandemail_inhoud_alleen_tot_verzending",
            )
        ]

    def __str__(self):
        return f"{self.onderwerp} → {self.aan}"


class Hartslag(models.Model):
    """The last sign of life of a background process ("worker", "beat"), for the health check."""

    bron = models.CharField(_("bron"), max_length=20, primary_key=True)
    tijd = models.DateTimeField(_("tijd"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self):
        return f"{self.bron}: {self.tijd:%Y-%m-%d %H:%M:%S}"


class Gegevensversie(models.Model):
    """A counter per scope of data ("huis:12", "golf:3", "loket"), raised by the services that
    write in that scope; cached figures and pages are keyed by it (`kern.versies`)."""

    sleutel = models.CharField(_("sleutel"), max_length=100, primary_key=True)
    versie = models.PositiveBigIntegerField(_("versie"), default=0)

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversies")

    def __str__(self):
        return f"{self.sleutel}: {self.versie}"
