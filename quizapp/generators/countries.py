"""Names of countries, to tell a country from a town or a region."""

COUNTRIES = set(
    "russia germany france england britain america china spain italy poland finland ukraine "
    "japan mexico hungary austria turkey georgia czechoslovakia yugoslavia bulgaria rumania "
    "romania ussr india persia belgium holland norway sweden switzerland latvia estonia "
    "lithuania mongolia korea greece albania canada armenia azerbaijan serbia denmark portugal "
    "netherlands ireland scotland iran egypt cuba brazil argentina chile vietnam indochina "
    "manchukuo".split()
) | {"soviet union", "united states", "great britain", "u.s.s.r.", "the soviet union"}
