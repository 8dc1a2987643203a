"""A request while the database restarts gets 503; once it is back, pages are normal again with no restart of
Orbit (the pool checks a connection before use: pool_pre_ping). The restart is played by a small TCP relay in
front of the test database, which drops every connection and refuses new ones, then listens again on the same
port: what Orbit sees when PostgreSQL restarts. The shared PostgreSQL itself is never stopped."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import make_url

from app import create_app
from app.extensions import db
from app.services import auth
from tests import factories
from tests.conftest import POSTGRES_URL, FreshContextClient

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="a database server to restart: set TEST_DATABASE_URL")


class Relay:
    """127.0.0.1:<port> -> the database server, until `stop()`; `start()` listens on the same port again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in the other thread
            self.listener.close()
            self.listener = None
        with self.lock:
            for sock in self.open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def relay(database_template: str) -> Iterator[tuple[Relay, str]]:
    url = make_url(database_template)
    relay = Relay((url.host or "127.0.0.1", url.port or 5432))
    relay.start()
    yield relay, url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    relay.stop()


@pytest.fixture
def relayed(relay) -> Iterator[Flask]:
    _relay, url = relay
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "RATELIMIT_ENABLED": False})
    app.test_client_class = FreshContextClient
    yield app
    with app.app_context():
        db.engine.dispose()


def test_pages_answer_503_while_the_database_restarts_and_normally_once_it_is_back(app, relay, relayed) -> None:
    council = factories.CouncilFactory()
    maya = factories.young_person(council, first_name="Maya")
    token = auth.start_session(maya.user)
    db.session.commit()
    the_relay, _url = relay
    client = relayed.test_client()
    with client.session_transaction() as browser_session:
        browser_session["sid"] = token

    assert client.get("/me/").status_code == 200
    assert client.get("/readyz").status_code == 200

    the_relay.stop()  # PostgreSQL goes down: open connections drop, new ones are refused
    during = client.get("/me/")
    assert during.status_code == 503
    assert "Exit this page" in during.get_data(as_text=True)
    time.sleep(1.1)  # /readyz keeps its answer for a second
    assert client.get("/readyz").status_code == 503

    the_relay.start()  # and comes back on the same port
    time.sleep(1.1)
    assert client.get("/me/").status_code == 200
    assert client.get("/readyz").status_code == 200
