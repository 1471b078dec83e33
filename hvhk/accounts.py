"""django-allauth adapter: closed sign-up, e-mail through the outbox."""

from allauth.account.adapter import DefaultAccountAdapter

from kern.mail import verstuur_mail


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Accounts are created or invited by a functional administrator."""
        return False

    def send_mail(self, template_prefix, email, context):
        bericht = self.render_mail(template_prefix, email, context)
        html = next(
            (inhoud for inhoud, soort in getattr(bericht, "alternatives", []) if soort == "text/html"),
            "",
        )
        verstuur_mail(aan=email, onderwerp=bericht.subject, tekst=bericht.body, html=html)
