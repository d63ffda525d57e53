"""The only place with SQL: tables, sessions, repositories returning domain objects."""
