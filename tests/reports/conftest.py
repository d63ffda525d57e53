"""The built-in database, opened once per test module: reports only read it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kodaira_desk.services.database import open_database
from kodaira_desk.store.database import Database


@pytest.fixture(scope="module")
def report_db(built_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("reports") / "city.sqlite"
    shutil.copyfile(built_db_template, path)
    db = open_database(path, create=False)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")
