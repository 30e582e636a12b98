"""Expected failures, each carrying one sentence a person can act on.

The CLI and the web layer turn these into messages at their edge; nothing
else catches them.
"""


class CourtKioskError(Exception):
    """Base class: str(error) is the sentence shown to the user."""


class DatabaseBusy(CourtKioskError):
    pass


class NotInitialised(CourtKioskError):
    pass


class StoreError(CourtKioskError):
    """A file could not be stored; nothing was written."""


class NothingPublished(CourtKioskError):
    pass


class PublishError(CourtKioskError):
    pass


class ValidationError(CourtKioskError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field
