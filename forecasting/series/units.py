"""The unit a load column's header names, and whether it is a power or an energy.

Rules (why: utility and meter exports write the unit in many ways, and a kW column read as
MW publishes a zone 1,000 times its load with nothing to say so):

- A unit is kW, MW, GW, TW (power) or kWh, MWh, GWh, TWh (energy), in any case, as a whole
  word of the header: between characters that are not letters or digits, wherever it stands
  (``Load (kW)``, ``Load [kW]``, ``Load, kW``, ``Load in kW``, ``kW Load``, ``Avg kW``,
  ``Load (kW AC)``, ``LOAD_KW``, ``kw_load``), or glued in camel case to the end of a word,
  its ``W`` a capital after a small letter (``LoadMW``, ``DemandkWh``). Letters or digits
  on either side make it part of a word, which names no unit: ``Kwajalein``, ``MWRA``,
  ``gwen``, ``LOADKW``.
- An energy per hour (``MWh/h``, ``MWh per hour``) is that power (MW): each hour's energy
  is its mean power.
- A header naming no unit gives None (the callers take it as MW, as the README says).
- Refused (`InputError` naming the file, the header and the column), because guessing would
  publish a load off by a factor the reader cannot know: a header naming two different
  units (``MW (kW)``); a unit in a rate or a price (``MW/h``, ``kWh/day``, ``$/MWh``,
  ``per MWh``); apparent or reactive power (``kVA``, ``MVA``, ``MVAr``, ``kvar``), which is
  not the load's real power; watts or watt-hours in brackets (``Load (W)``: a bare ``W``
  outside them is a word, West).
"""

from __future__ import annotations

import re

from forecasting.errors import InputError

#: the units a load column may be in, by their folded spelling
UNITS = {u.lower(): u for u in ("kW", "MW", "GW", "TW", "kWh", "MWh", "GWh", "TWh")}

_WORD_UNIT = re.compile(r"(?<![A-Za-z0-9])([kmgt]wh?)(?![A-Za-z0-9])", re.IGNORECASE)
_CAMEL_UNIT = re.compile(r"(?<=[a-z])([kKMGT]Wh?)(?![A-Za-z0-9])")
_NOT_REAL_POWER = re.compile(r"(?<![A-Za-z0-9])([kmgt]va(?:r|rh|h)?)(?![A-Za-z0-9])",
                            re.IGNORECASE)
_PER_AFTER = re.compile(r"\s*(?:/|per\b)\s*([A-Za-z0-9]*)", re.IGNORECASE)
_PER_BEFORE = re.compile(r"(?:/|\bper)\s*$", re.IGNORECASE)
_HOUR = frozenset({"h", "hr", "hour"})
_WATTS = re.compile(r"[(\[]\s*(wh?)\s*[)\]]", re.IGNORECASE)
ADVICE = ("rename the column to name one unit: a power (e.g. 'Load (MW)') or each row's "
          "energy (e.g. 'Energy (MWh)')")


def is_energy(unit: str) -> bool:
    """Whether `unit` is an energy (kWh, MWh, ...): a sample's energy over its interval,
    which adds up over time, where a power (kW, MW, ...) averages."""
    return unit.endswith("Wh")


def header_unit(column: str, file: str = "(header)") -> str | None:
    """The unit the header `column` names (module docstring), None for none; `InputError`
    for a header naming two units or one the reader cannot convert."""
    text = str(column)
    odd = _NOT_REAL_POWER.search(text)
    if odd:
        _refuse(file, text, f"'{odd.group(1)}' is apparent or reactive power, not the "
                "load's real power")
    watts = _WATTS.search(text)
    if watts:
        name = "watt-hours" if watts.group(1).lower() == "wh" else "watts"
        _refuse(file, text, f"'{watts.group(1)}' ({name}) is not a unit the reader converts")
    found: list[str] = []
    for match in (*_WORD_UNIT.finditer(text), *_CAMEL_UNIT.finditer(text)):
        unit = UNITS[match.group(1).lower()]
        after = _PER_AFTER.match(text, match.end())
        if _PER_BEFORE.search(text[: match.start()]):
            _refuse(file, text, f"'{unit}' is in a rate or a price (per {unit}), not a load")
        if after:
            if not (is_energy(unit) and after.group(1).lower() in _HOUR):
                written = text[match.start(): after.end()].strip()
                _refuse(file, text, f"'{written}' is a rate the reader cannot convert to a "
                        "load")
            unit = unit[:-1]  # an energy per hour is that power
        found.append(unit)
    units = list(dict.fromkeys(found))
    if len(units) > 1:
        _refuse(file, text, f"it names {len(units)} units ({', '.join(units)})")
    return units[0] if units else None


def _refuse(file: str, column: str, why: str) -> None:
    raise InputError(file, f"the load column's name does not give its unit: {why}; {ADVICE}",
                     row="header", field=column)
