"""Issue 14, ninth pass: a land certificate's số phát hành read unsurely but as it stands, in
a form the blanks are printed with, is not in doubt. Fictional data."""

from __future__ import annotations

from tests.quality.test_blind_fields7 import LOW, unsure
from tests.quality.test_catalogue import ex, fails, passes


def test_land_serial_of_a_printed_form_read_as_it_stands_is_not_in_doubt() -> None:
    for value in ("BK 343257", "CS 800327", "BK 34079491", "S 929126"):
        passes(unsure(ex("land_use_certificate", serial_number=value), "serial_number", 0.58, raw=value), LOW)
    # repaired from its reading, of no such form (7 digits), or below the floor: a person reads it
    fails(
        unsure(ex("land_use_certificate", serial_number="BK 343257"), "serial_number", 0.58, raw="BK 34325T"),
        LOW,
    )
    fails(
        unsure(
            ex("land_use_certificate", serial_number="BK 3432579"), "serial_number", 0.58, raw="BK 3432579"
        ),
        LOW,
    )
    fails(
        unsure(ex("land_use_certificate", serial_number="BK 343257"), "serial_number", 0.2, raw="BK 343257"),
        LOW,
    )
