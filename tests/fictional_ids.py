"""Fictional personal identity numbers for tests (NĐ 137/2015 Đ.13 shape: a province code of the
63-list, a century-and-sex digit, two digits of the year of birth, six digits of no one): no
person's. New tests take theirs from here."""

WOMAN_1991_ID = "095191793886"  # Bạc Liêu, nữ, born 1991
MAN_1966_ID = "096066001234"  # Cà Mau, nam, born 1966
MAN_1996_ID = "096096001234"  # Cà Mau, nam, born 1996 (against a certificate saying 1966)
WOMAN_1966_ID = "096166001234"  # Cà Mau, nữ, born 1966
