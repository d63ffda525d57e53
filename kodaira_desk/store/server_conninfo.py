"""A server master's connection settings: the app's defaults (a connect time-out, TCP keepalives)
added to what the URL says, in one place for the three ways a master is connected to (the
start-up's libpq reader, psycopg's read connections, SQLAlchemy's engine): each connects with the
same libpq URL (`with_defaults`), so a socket folder written as the host (`%2Fvar%2Frun%2Fpostgresql`)
and the PG… environment variables mean on every road what they mean to libpq.

The URL's own settings win everywhere: a default is added only when the URL does not set that
keyword (a VPN user's `connect_timeout=30` is 30 s at start-up and on every save). No psycopg
here: the start-up's reader (services/opening.py) must not import it. `url_keywords` reads the
keywords as libpq does (tests/test_server_conninfo.py holds it to psycopg's `conninfo_to_dict`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import unquote

# the environment variable libpq reads for a keyword, for the app's defaults that have one (libpq's
# PQconndefaults: tests/test_server_conninfo.py holds this to it); PGHOST, PGUSER, PGPASSWORD… are
# never overridden: nothing is added for them, libpq reads them where the URL says nothing
ENVIRONMENT = {"connect_timeout": "PGCONNECT_TIMEOUT"}
_URI = re.compile(r"postgres(?:ql)?://", re.IGNORECASE)
# one keyword = value of a key=value string; a value bare or in single quotes with \-escapes
_PAIR = re.compile(r"\s*([^\s=]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|((?:[^\s\\]|\\.)*))")


def url_keywords(conninfo: str) -> set[str]:
    """The keywords a URL (`postgresql://…?key=value&…`) or a key=value string sets, as libpq
    reads them (a URL's keys percent-decoded; a key=value string's values maybe quoted)."""
    if _URI.match(conninfo):
        _head, _, query = conninfo.partition("?")
        return {unquote(pair.partition("=")[0]) for pair in query.split("&") if pair}
    keys: set[str] = set()
    at = 0
    while conninfo[at:].strip():
        found = _PAIR.match(conninfo, at)
        if found is None:  # not a key=value string libpq reads: libpq will say so
            break
        keys.add(found.group(1))
        at = found.end()
    return keys


def defaults_for(conninfo: str, defaults: Mapping[str, int], environ: Mapping[str, str] | None = None) -> dict[str, int]:
    """The app's `defaults` (store/server.connect_defaults) the URL (or key=value string) does
    not set itself, nor the environment variable libpq reads for it (PGCONNECT_TIMEOUT=30)."""
    own = url_keywords(conninfo)
    env = os.environ if environ is None else environ
    return {key: value for key, value in defaults.items()
            if key not in own and not env.get(ENVIRONMENT.get(key, ""), "")}


def with_defaults(conninfo: str, defaults: Mapping[str, int]) -> str:
    """The URL (or key=value string) with `defaults_for` added: what libpq connects with. A URL's
    query is written again without empty parts (libpq refuses `?&key=value`)."""
    extra = defaults_for(conninfo, defaults)
    pairs = [f"{key}={value}" for key, value in extra.items()]
    if not _URI.match(conninfo):
        return " ".join([conninfo, *pairs]) if conninfo.strip() else " ".join(pairs)  # its end may be "\\ "
    head, _, query = conninfo.partition("?")
    parts = [part for part in query.split("&") if part] + pairs
    return head + ("?" + "&".join(parts) if parts else "")
