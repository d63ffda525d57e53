"""A server master's URL is read without SQLAlchemy (store/server_url.py, issue 27) and gives what
SQLAlchemy's `make_url` gave: the URL shown without its password, the title's `dbname@host`, the
folder name kept on this computer."""

from __future__ import annotations

from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from kodaira_desk.store import server, server_url


def _by_sqlalchemy(url: str) -> tuple[str, str, str]:
    """What store/server.py answered with SQLAlchemy's URL (the code before issue 27's change)."""
    import re

    u = make_url(server.driver_url(url))
    public = unquote(u._replace(drivername="postgresql", password=None).render_as_string(hide_password=False))
    host = u.host or str(u.query.get("host", "") or "localhost")
    display = f"{u.database or ''}@{'localhost' if '/' in host else host}"
    local = re.sub(r"[^0-9A-Za-z._-]", "_", f"{u.host or 'local'}-{u.port or 5432}-{u.database or 'db'}")
    return public, display, local


CITY = [
    "postgresql://postgres@/kodaira?host=/tmp/kd-pg-abc",
    "postgres://yamada:s%40cret@db.city.local:5433/kodaira?sslmode=verify-full&sslrootcert=/etc/ca.pem",
    "postgresql+psycopg://u:p@Host/db",
    "postgresql://%E5%B1%B1%E7%94%B0@host/%E5%B8%82",
    "postgresql://host",
    "postgresql:///db?host=/var/run/postgresql&port=5433",
    "postgresql://u@[::1]:5432/db",
    "postgresql://u@h/db?b=2&a=1&a=3",
    "postgresql://u:@h/db",
    "postgresql://seisaku%20ka@h/plan%2Fdb?application_name=kodaira+desk",
]


@pytest.mark.parametrize("url", CITY)
def test_each_kind_of_url_reads_as_sqlalchemy_read_it(url: str) -> None:
    assert (server.public_url(url), server.display_name(url), server.local_name(url)) == _by_sqlalchemy(url)
    assert "s%40cret" not in server.public_url(url) and "@cret" not in server.public_url(url)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)


@settings(max_examples=300, deadline=None)
@given(user=st.none() | _TEXT, password=st.none() | _TEXT, host=st.none() | st.from_regex(r"[A-Za-z0-9.-]{1,12}", fullmatch=True),
       port=st.none() | st.integers(1, 65535), database=st.none() | _TEXT,
       query=st.lists(st.tuples(st.sampled_from(["host", "sslmode", "port", "a"]), _TEXT), max_size=4))
def test_any_url_reads_as_sqlalchemy_read_it(user: str | None, password: str | None, host: str | None,
                                             port: int | None, database: str | None,
                                             query: list[tuple[str, str]]) -> None:
    url = "postgresql://"
    if user is not None:
        url += quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "") + "@"
    url += (host or "") + (f":{port}" if port is not None and host else "")
    if database is not None:
        url += "/" + quote(database, safe="")
    if query:
        url += "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query)
    public, display, local = _by_sqlalchemy(url)
    assert (server.public_url(url), server.local_name(url)) == (public, local)
    if [k for k, _v in query].count("host") < 2:  # (SQLAlchemy titled a repeated host "db@('a', 'b')")
        assert server.display_name(url) == display
    if user is not None and password:
        assert server_url.parse(url).password == password


def test_a_url_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError):
        server_url.parse("not a url")
