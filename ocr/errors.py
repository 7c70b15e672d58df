"""Typed errors for input that cannot be read.

Each error carries a stable ``code`` (used in quarantine reasons, the ``error`` line of
``sohoa process`` and exit codes) and a human message. The batch goes on; the file is
quarantined with its reason.
"""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be turned into pages. Never retried: the bytes will not change."""

    code = "unreadable"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def export(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class EmptyFileError(InputError):
    code = "empty_file"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"


class CorruptFileError(InputError):
    code = "corrupt_file"


class EncryptedPdfError(InputError):
    code = "encrypted_pdf"


class TooLargeError(InputError):
    code = "too_large"


class OcrTimeoutError(InputError):
    code = "ocr_timeout"


class OcrEngineError(Exception):
    """Tesseract itself is missing or failed for a reason unrelated to the input."""


class ModelLoadError(OcrEngineError):
    """A recognizer's model cannot be loaded (missing or unreadable files, or its package
    not installed). Raised by every engine wrapper in ocr/engines/."""
