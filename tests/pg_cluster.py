"""A throwaway PostgreSQL cluster for the tests and benchmarks (Debian's `postgresql` package).

`initdb` into a temporary folder, the server listening on a Unix socket in that folder only (no
TCP port), stopped and removed at the end. PostgreSQL refuses to run as root: when we are root the
folder is given to the `postgres` system user (made by the Debian package) and every server
command runs as that user through `runuser`. Anything that goes wrong raises ClusterError: the
tests that need the server fail, they are not skipped.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"


class ClusterError(RuntimeError):
    pass


def _bin_dir() -> Path:
    override = os.environ.get("KODAIRA_DESK_PG_BIN")
    if override:
        return Path(override)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if not found:
        raise ClusterError("PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin: run "
                           "installer/system-deps.sh (Debian package `postgresql`)")
    return Path(found[-1]).parent


class Cluster:
    """One running server: `url(dbname)` names a database on it (created by `create_database`)."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="kd-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.as_root = os.geteuid() == 0
        self.user = SERVER_USER if self.as_root else _current_user()
        self._count = 0
        self.running = False

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        if proc.returncode != 0:
            raise ClusterError(f"{' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
        return proc

    def start(self) -> Cluster:
        if self.as_root:
            try:
                shutil.chown(self.root, SERVER_USER, SERVER_USER)
            except (LookupError, OSError) as exc:
                raise ClusterError(f"cannot give {self.root} to the {SERVER_USER} user: {exc}") from exc
            self.root.chmod(0o755)  # the tests (root) connect through the socket in it
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", self.user, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=60 -c shared_buffers=32MB")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")
        self.running = True
        atexit.register(self.stop)  # also when the run ends without the fixture's teardown
        return self

    def url(self, dbname: str) -> str:
        return f"postgresql://{self.user}@/{dbname}?host={self.socket_dir}"

    def create_database(self, prefix: str = "kd", template: str | None = None) -> str:
        """A new database on the server, empty or a copy of `template` (a database name or URL
        nobody is connected to); returns its URL."""
        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        copy = f' TEMPLATE "{self.dbname(template)}"' if template else ""
        self._sql(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def drop_database(self, url_or_name: str) -> None:
        """Remove a database made by create_database (nobody may be connected to it)."""
        self._sql(f'DROP DATABASE IF EXISTS "{self.dbname(url_or_name)}"')

    def _sql(self, statement: str) -> None:
        """One statement outside a transaction, on the server's own `postgres` database: through
        psycopg, not createdb/dropdb (a process, and runuser's, for every database of every test)."""
        import psycopg

        try:
            with psycopg.connect(self.url("postgres"), autocommit=True) as con:
                con.execute(statement.encode())
        except psycopg.Error as exc:
            raise ClusterError(f"{statement} failed: {exc}") from exc

    @staticmethod
    def dbname(url_or_name: str) -> str:
        return url_or_name.split("?")[0].split("/")[-1]

    def stop(self) -> None:
        if self.running:
            try:
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            finally:
                self.running = False
        shutil.rmtree(self.root, ignore_errors=True)


def _current_user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def copy_of(master: Path | str, pg_server: object | None, to: Path) -> Path | str:
    """Another master with the same content (a file copy, or a database cloned on the server)."""
    if isinstance(master, Path):
        shutil.copyfile(master, to)
        return to
    url: str = pg_server.create_database("kd", template=master)  # type: ignore[attr-defined]
    return url
