"""A MariaDB database of its own for each test that imports from TYPO3, dropped afterwards.

The server is the one on 127.0.0.1:3306 (root, no password) or TYPO3_TEST_SERVER
(mysql://USER[:PASSWORD]@HOST[:PORT]); `make import-test` starts it when it does not answer.
"""

import os
import uuid
from pathlib import Path

import pymysql
from pymysql.constants import CLIENT

from typo3_import.typo3 import DatabaseAddress

FIXTURE = Path(__file__).resolve().parent / "fixture"
SERVER = os.environ.get("TYPO3_TEST_SERVER", "mysql://root@127.0.0.1:3306")


def server():
    return DatabaseAddress.parse(SERVER.rstrip("/") + "/mysql")


def connect(database=None):
    address = server()
    return pymysql.connect(
        host=address.host,
        port=address.port,
        user=address.user,
        password=address.password,
        database=database,
        charset="utf8mb4",
        client_flag=CLIENT.MULTI_STATEMENTS,
        autocommit=True,
    )


def run_sql(database, sql):
    """Run a script of several statements in `database`."""
    connection = connect(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            while cursor.nextset():
                pass
    finally:
        connection.close()


class Typo3Database:
    """A fresh database with the TYPO3 13 schema of the fixture (and optionally its content)."""

    def __init__(self, content=True):
        self.name = f"typo3_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        connection = connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
        finally:
            connection.close()
        self.execute((FIXTURE / "schema.sql").read_text())
        if content:
            self.execute((FIXTURE / "content.sql").read_text())

    @property
    def url(self):
        address = server()
        password = f":{address.password}" if address.password else ""
        return f"mysql://{address.user}{password}@{address.host}:{address.port}/{self.name}"

    def execute(self, sql):
        run_sql(self.name, sql)

    def drop(self):
        connection = connect()
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        finally:
            connection.close()
