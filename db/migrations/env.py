"""Alembic environment. The application passes its own connection in `config.attributes`."""

from alembic import context
from sqlalchemy import create_engine

from kodaira_desk.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line, for developers
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///kodaira-dev.sqlite"
        with create_engine(url).begin() as conn:
            if conn.dialect.name == "postgresql":  # (the app's own writes: store/server.py's _on_begin)
                conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
