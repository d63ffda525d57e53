"""A server master's URL read without SQLAlchemy (issue 27: opening a master on a server loads
neither SQLAlchemy nor its dialect; they come with the first write).

`parse` reads a URL as SQLAlchemy's `make_url` does (the same pattern, the same unquoting, the
query's repeated keys kept in order); `render` writes it back as `URL.render_as_string` does,
keys sorted. tests/test_server_url.py holds both to SQLAlchemy's answers.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, quote_plus, unquote

# SQLAlchemy's own URL pattern (sqlalchemy.engine.url._parse_url)
_PATTERN = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.X,
)


class ServerUrl(NamedTuple):
    drivername: str
    username: str | None
    password: str | None
    host: str | None
    port: int | None
    database: str | None
    query: tuple[tuple[str, tuple[str, ...]], ...]  # each key once, its values in order

    def query_value(self, key: str) -> str | None:
        """The key's first value, as `URL.query.get` gives a key given once."""
        for k, values in self.query:
            if k == key:
                return values[0]
        return None


def parse(url: str) -> ServerUrl:
    m = _PATTERN.match(url)
    if m is None:
        raise ValueError(f"not a database URL: {url}")
    parts = m.groupdict()
    grouped: dict[str, list[str]] = {}
    if parts["query"] is not None:
        for key, value in parse_qsl(parts["query"]):
            grouped.setdefault(key, []).append(value)

    def unquoted(name: str) -> str | None:
        value = parts[name]
        return None if value is None else unquote(value)

    return ServerUrl(parts["name"], unquoted("username"), unquoted("password"),
                     parts["ipv4host"] or parts["ipv6host"], int(parts["port"]) if parts["port"] else None,
                     unquoted("database"), tuple((k, tuple(v)) for k, v in grouped.items()))


def render(u: ServerUrl) -> str:
    """The URL as text, its password left out."""
    s = u.drivername + "://"
    if u.username is not None:
        s += quote(u.username, safe=" +") + "@"
    if u.host is not None:
        s += f"[{u.host}]" if ":" in u.host else u.host
    if u.port is not None:
        s += f":{u.port}"
    if u.database is not None:
        s += "/" + quote(u.database, safe=" +/")
    if u.query:
        s += "?" + "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, values in sorted(u.query) for v in values)
    return s
