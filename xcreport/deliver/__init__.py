"""Deliver: write the run's mails to ``outbox/`` and send them over SMTP — never twice, never lost.

``build_outbox`` (every monthly/annual run, a dry run by default) writes one ``.eml`` file per
mail: one to leadership with the 通报 and the ranking workbook, one to each body that has a
correction list.  ``send_outbox`` (``--send``, ``xcreport send``) sends what the sent log
(``发送记录.jsonl`` beside the configuration) does not record as sent; see
:mod:`xcreport.deliver.sent_log` for its format and :mod:`xcreport.deliver.send` for the policy
after a crash or a connection lost mid-message.  ``send_test_mail`` (``xcreport send --test``)
tries the server settings with one message.
"""

from __future__ import annotations

from xcreport.deliver.compose import build_outbox, outbox_warnings
from xcreport.deliver.message import (
    HEADER_ATTACHMENTS,
    HEADER_BODY,
    HEADER_KIND,
    HEADER_MAIL,
    HEADER_PERIOD,
)
from xcreport.deliver.probe import send_test_mail
from xcreport.deliver.report import Delivery, SendReport, format_send_report
from xcreport.deliver.send import OutboxMessage, read_message, send_outbox
from xcreport.deliver.sent_log import SentLog, SentRecord
from xcreport.deliver.smtp import resolve_smtp

__all__ = [
    "HEADER_ATTACHMENTS",
    "HEADER_BODY",
    "HEADER_KIND",
    "HEADER_MAIL",
    "HEADER_PERIOD",
    "Delivery",
    "OutboxMessage",
    "SendReport",
    "SentLog",
    "SentRecord",
    "build_outbox",
    "format_send_report",
    "outbox_warnings",
    "read_message",
    "resolve_smtp",
    "send_outbox",
    "send_test_mail",
]
