"""Log in with an email address or an Indonesian phone number."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from marketplace.core.phones import normalize_phone

from .models import User


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (email or username or "").strip()
        if not login or password is None:
            return None
        user = self._find(login)
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def _find(login: str) -> User | None:
        if "@" in login:
            return User.objects.filter(email__iexact=login).first()
        try:
            phone = normalize_phone(login)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone).first()


class LoginThrottleBackend(AxesStandaloneBackend):
    """First in ``AUTHENTICATION_BACKENDS``: refuses every sign-in of a locked account or
    address (the right password included) until the lock ends. Calls without a request (the
    shell, the test client's ``login``) are nobody's sign-in over the network: not throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
