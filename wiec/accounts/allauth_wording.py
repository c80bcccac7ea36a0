"""Polish for django-allauth's own strings that the site shows, worded for everyone.

allauth's Polish catalogue addresses the reader as a man ("Zapomniałeś hasła?",
"Jeśli nie podjąłeś tej czynności"). Listing its English source strings here puts them
in the project's catalogue (wiec/locale), which Django reads before allauth's, so our
neutral Polish wins. Nothing imports this module; makemessages reads it.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    gettext_noop("Forgot your password?"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Are you sure?"),
)
