"""报名报考 (course registration and payment): one module per piece, ``page.RegistrationPage`` is the tab."""

from desktop.views.registration.page import RegistrationPage

__all__ = ["RegistrationPage"]
