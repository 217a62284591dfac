"""An SMTP server on 127.0.0.1 that accepts everything and appends each message to a JSON-lines
file (recipients, subject, text body). Usage: smtp_sink.py PORT FILE."""

import asyncio
import email
import email.policy
import json
import sys

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path: str) -> None:
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        record = {
            "to": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "body": part.get_content() if part is not None else "",
        }
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
        return "250 OK"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
