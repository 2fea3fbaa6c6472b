"""A real SMTP server for the e-mail tests (aiosmtpd, in a thread of the test process) that keeps
what arrived, can refuse addresses for good (550) or for now (451), and can be stopped and started
again on the same port (the mail server is down, then back)."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: every message that was accepted, parsed, with its envelope recipients."""

    def __init__(self):
        self.messages = []
        self.refuse = set()  # addresses answered with 550 (permanent)
        self.defer = set()  # addresses answered with 451 (temporary)
        self.rcpt_delay = 0.0  # seconds to wait before accepting a recipient (a slow server)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay:
            import asyncio

            await asyncio.sleep(self.rcpt_delay)
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        if address.lower() in self.defer:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt.lower(), parsed))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for rcpt, message in self.messages if rcpt == address.lower()]

    def recipients(self):
        return sorted(rcpt for rcpt, _message in self.messages)


class SMTPServer:
    def __init__(self, port=None, inbox=None):
        self.inbox = inbox or Inbox()
        self.port = port or free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def parts(message):
    """(plain text, HTML) of a multipart/alternative mail."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


class BlockingInbox(Inbox):
    """An inbox whose server stops answering at the n-th recipient until released: the moment a
    worker can be killed in the middle of a mail, deterministically."""

    def __init__(self):
        super().__init__()
        self.block_at = 0
        self.rcpt_count = 0
        self.blocked = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        self.rcpt_count += 1
        if self.block_at and self.rcpt_count == self.block_at:
            self.blocked.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "421 4.3.2 Service shutting down"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)
