"""German translations: compiled, installed for "de", and complete."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import string
import sys
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from wallet_app.errors import IssuerError, NetworkError, OfferError, Sentence, WalletError
from wallet_app.gui.i18n import TRANSLATIONS_DIR, available_languages, install_translator
from wallet_app.gui.messages import (
    CONTEXT,
    UNEXPECTED,
    sentence_text,
    template_fields,
    translate_message,
    user_text,
)
from wallet_app.oid4vci.http import HttpSession
from wallet_app.oid4vci.models import TxCode
from wallet_app.wallet.options import check_tx_code
from wallet_app.wallet.vault import storage_error

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "wallet_de.ts"


def _build_tool() -> ModuleType:
    path = ROOT / "tests" / "tools" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def german(qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    translators = set(qapp.findChildren(QTranslator))
    lang = install_translator(qapp, ["de-DE", "en"])
    yield lang
    for translator in set(qapp.findChildren(QTranslator)) - translators:
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(before)


def _messages() -> list[tuple[str, str, ET.Element]]:
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source", ""), translation))
    return found


def test_german_is_compiled_and_offered() -> None:
    assert (TRANSLATIONS_DIR / "wallet_de.qm").stat().st_size > 1000
    assert "de" in available_languages()


def test_install_translator_picks_german(german: str) -> None:
    assert german == "de"
    assert QLocale().language() == QLocale.Language.German


@pytest.mark.parametrize(
    ("context", "source", "expected"),
    [
        ("DemoPanel", "Demo scenarios", "Demo-Szenarien"),
        ("ScenarioCard", "Receive", "Empfangen"),
        ("TxCodeDialog", "Transaction code", "Transaktionscode"),
        (
            "CameraScanner",
            "The camera stopped: {reason}",
            "Die Kamera meldet einen Fehler: {reason}",
        ),
    ],
)
def test_known_strings_are_german(german: str, context: str, source: str, expected: str) -> None:
    assert QCoreApplication.translate(context, source) == expected


def test_tr_of_a_widget_uses_its_class_as_context(german: str, qtbot: object) -> None:
    from wallet_app.gui.demo_panel import Scenario, ScenarioCard

    card = ScenarioCard(Scenario("k", "Batch of three", "x", "pid_sd_jwt"))
    try:
        assert card.receive_button.text() == "Empfangen"
    finally:
        card.deleteLater()


def test_english_needs_no_translator(qapp: QApplication) -> None:
    assert install_translator(qapp, ["en-GB", "de"]) == "en"
    assert QCoreApplication.translate("DemoPanel", "Demo scenarios") == "Demo scenarios"


def _unfinished(messages: list[tuple[str, str, ET.Element]]) -> list[str]:
    return [
        f"{context}: {source}"
        for context, source, translation in messages
        if translation.get("type") not in ("vanished", "obsolete")
        and (translation.get("type") == "unfinished" or not "".join(translation.itertext()).strip())
    ]


def test_every_source_string_has_a_german_translation() -> None:
    missing = _unfinished(_messages())
    assert not missing, (
        "untranslated strings; run tests/tools/build_translations.py and translate "
        "resources/translations/wallet_de.ts:\n" + "\n".join(missing)
    )


def test_every_string_in_the_code_is_in_the_committed_translation(tmp_path: Path) -> None:
    """lupdate over the current GUI sources adds nothing unfinished to the committed .ts."""
    tool = _build_tool()
    fresh = tmp_path / "wallet_de.ts"
    shutil.copyfile(TS, fresh)
    tool.lupdate(fresh, "de", quiet=True)
    missing = tool.unfinished(fresh)
    assert not missing, (
        "strings in wallet_app/gui without a German translation; run "
        "tests/tools/build_translations.py and translate resources/translations/wallet_de.ts:\n"
        + "\n".join(missing)
    )


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not look into f-strings: ``f"{self.tr('Names:')} …"`` stays English."""
    import ast

    hidden = []
    for path in sorted((ROOT / "wallet_app" / "gui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "attr", "") in (
                    "tr",
                    "translate",
                ):
                    hidden.append(f"{path.name}:{inner.lineno}")
    assert not hidden, "use self.tr('… {name}').format(name=…) instead: " + ", ".join(hidden)


def test_no_literal_goes_through_a_translate_wrapper() -> None:
    """lupdate sees only literal ``tr``/``translate`` calls: ``_tr("&Help")`` through a helper
    that calls ``translate(ctx, text)`` is never extracted and stays English (the menus and the
    code prompt did, issue 8). A helper fed only QT_TRANSLATE_NOOP-marked values is fine."""
    import ast

    hidden = []
    for path in sorted((ROOT / "wallet_app" / "gui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef)
            and any(
                isinstance(call, ast.Call)
                and getattr(call.func, "attr", getattr(call.func, "id", "")) in ("tr", "translate")
                and any(isinstance(arg, ast.Name) for arg in call.args)
                for call in ast.walk(node)
            )
        }
        for node in ast.walk(tree):
            if (  # translate(_CONTEXT, "Back"): lupdate needs the context as a literal too
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "translate"
                and len(node.args) >= 2
                and not isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[1], ast.Constant)
            ):
                hidden.append(f"{path.name}:{node.lineno} translate(…, {node.args[1].value!r})")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                hidden.append(f"{path.name}:{node.lineno} {node.func.id}({node.args[0].value!r})")
    assert not hidden, (
        "write QCoreApplication.translate('Context', '…') (or self.tr) at the call: "
        + ", ".join(hidden)
    )


def test_the_core_message_catalogue_is_up_to_date() -> None:
    from wallet_app.gui.messages_catalogue import MESSAGES

    messages, formatted = _build_tool().core_messages()
    assert list(MESSAGES) == messages, "run tests/tools/build_translations.py"
    assert "This is not a valid credential offer. Check that you copied all of it." in messages
    assert "{host} could not be reached. Check the address and your connection." in messages
    assert not formatted, (
        "user messages built with f-strings stay English; raise them as a template with "
        "params={...}:\n" + "\n".join(formatted)
    )


def test_core_messages_are_shown_in_german(german: str) -> None:
    assert user_text(OfferError()) == (
        "Dies ist kein gültiges Nachweis-Angebot. Prüfen Sie, ob Sie es vollständig kopiert haben."
    )
    assert user_text(IssuerError("The transaction code is wrong. Check it and try again.")) == (
        "Der Transaktionscode ist falsch. Prüfen Sie ihn und versuchen Sie es erneut."
    )
    assert user_text(NetworkError()).startswith("Der Aussteller ist nicht erreichbar.")
    assert user_text(RuntimeError("boom")) == translate_message(UNEXPECTED) != UNEXPECTED
    # a message built at runtime (with a host name) has no translation and stays as it is
    assert user_text(OfferError("Offer from example.org is odd.")) == (
        "Offer from example.org is odd."
    )


def test_core_messages_stay_english_without_a_translator(qapp: QApplication) -> None:
    assert user_text(OfferError()) == OfferError.default_message


def test_helper_functions_translate_in_their_fixed_context(german: str) -> None:
    from wallet_app.gui.card_text import value_text

    assert (value_text(True), value_text(False)) == ("ja", "nein")
    for context, source in [
        ("FlowDialog", "Preparing the sign-in…"),
        ("FlowDialog", "Receiving the credential from the issuer…"),
        ("CredentialDetailsDialog", "Delete credential"),
        ("CredentialDetailsDialog", "Deleted “{name}”."),
    ]:
        assert QCoreApplication.translate(context, source) != source


def test_placeholders_survive_translation() -> None:
    import re

    braces = re.compile(r"\{[a-z_]*\}")
    for context, source, translation in _messages():
        text = "".join(translation.itertext())
        if text:
            assert sorted(braces.findall(source)) == sorted(braces.findall(text)), (
                context,
                source,
            )


# -- message templates (a host, a path, a count filled in after translation) ---------------------


def _templates() -> list[tuple[str, ET.Element]]:
    return [
        (source, translation)
        for context, source, translation in _messages()
        if context == CONTEXT and template_fields(source)
    ]


def test_every_template_has_a_german_translation_with_the_same_fields() -> None:
    templates = _templates()
    assert len(templates) >= 15
    same_in_german = {"{first}; {rest}", "{summary}"}  # a list of sentences; a plain summary
    for source, translation in templates:
        text = "".join(translation.itertext())
        assert text and (text != source or source in same_in_german), source
        assert template_fields(text) == template_fields(source), (source, text)


def test_templates_use_plain_named_fields() -> None:
    """The GUI fills templates with text values: no positions, conversions or format specs."""
    for source, _ in _templates():
        for _, name, spec, conversion in string.Formatter().parse(source):
            if name is not None:
                assert name.isidentifier() and not spec and conversion is None, source


def test_template_errors_are_shown_in_german(german: str, tmp_path: Path) -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(unreachable))
    with http, pytest.raises(NetworkError) as info:
        HttpSession(http).request("GET", "https://issuer.example/x", step="test")
    assert info.value.user_message.startswith("issuer.example could not be reached.")
    assert user_text(info.value) == (
        "issuer.example ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung."
    )
    tx_problem = check_tx_code("12", TxCode(length=6))
    assert tx_problem is not None
    assert user_text(tx_problem) == "Der Transaktionscode hat 6 Ziffern."
    damaged = storage_error(sqlite3.DatabaseError("file is not a database"), tmp_path / "w.db")
    assert user_text(damaged).startswith(f"Die Wallet-Datei {tmp_path / 'w.db'} ist beschädigt")
    # the same sentences stay English for scripts and logs
    assert damaged.user_message.startswith(f"The wallet file {tmp_path / 'w.db'} is damaged")


def test_template_errors_stay_english_without_a_translator(qapp: QApplication) -> None:
    err = NetworkError("The connection to {host} failed.", params={"host": "h.example"})
    assert user_text(err) == "The connection to h.example failed."


class _BrokenTranslator(QTranslator):
    """Answers one source text of ``WalletMessages`` with a given (broken) translation."""

    def __init__(self, source: str, translation: str) -> None:
        super().__init__()
        self.source, self.translation = source, translation

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self.translation if (context, source) == (CONTEXT, self.source) else source

    def isEmpty(self) -> bool:
        return False


@pytest.mark.parametrize(
    "broken",
    [
        "Die Verbindung ist fehlgeschlagen.",  # the field is missing
        "Die Verbindung zu {host} über {port} ist fehlgeschlagen.",  # an extra field
        "Die Verbindung zu {rechner} ist fehlgeschlagen.",  # a renamed field
        "Die Verbindung zu {host ist fehlgeschlagen.",  # not a template
        "Die Verbindung zu {host:d} ist fehlgeschlagen.",  # a format the text value cannot take
        "Die Verbindung zu {host.name} ist fehlgeschlagen.",
        "Die Verbindung zu {0} ist fehlgeschlagen.",
    ],
)
def test_a_broken_translation_falls_back_to_english(qapp: QApplication, broken: str) -> None:
    template = "The connection to {host} failed."
    translator = _BrokenTranslator(template, broken)
    assert qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate(CONTEXT, template) == broken
        err = NetworkError(template, params={"host": "h.example"})
        assert user_text(err) == "The connection to h.example failed."
        assert translate_message(template, {"host": "h.example"}) == (
            "The connection to h.example failed."
        )
    finally:
        qapp.removeTranslator(translator)


def test_a_good_translation_from_a_translator_is_filled_in(qapp: QApplication) -> None:
    template = "The connection to {host} failed."
    translator = _BrokenTranslator(template, "Keine Verbindung zu {host}.")
    assert qapp.installTranslator(translator)
    try:
        err = NetworkError(template, params={"host": "h.example"})
        assert user_text(err) == "Keine Verbindung zu h.example."
    finally:
        qapp.removeTranslator(translator)


# -- the single-instance channel -----------------------------------------------------------------


@pytest.fixture
def short_runtime_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="wsi-"))  # short: AF_UNIX paths are limited
    path.chmod(0o700)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX lock and runtime folder")
def test_single_instance_errors_are_shown_in_german(
    german: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, short_runtime_dir: Path
) -> None:
    import fcntl

    from wallet_app.gui import app as gui_app
    from wallet_app.host import instance_lock, single_instance
    from wallet_app.host.instance_wire import parse_reply

    with pytest.raises(WalletError) as malformed:
        parse_reply(b"not json", ("x",))
    no_answer = (
        "Die laufende Wallet hat nicht geantwortet. Schließen Sie sie und versuchen Sie es erneut."
    )
    assert user_text(malformed.value) == no_answer

    # start-up shows a channel failure in a message box, in German
    shown: list[tuple[str, str | None]] = []

    def fatal(message: str, detail: str | None = None) -> int:
        shown.append((message, detail))
        return 1

    monkeypatch.setattr(gui_app, "_fatal", fatal)
    runtime = short_runtime_dir
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = f"i18n-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("WALLET_APP_INSTANCE", name)

    def start() -> int | None:
        return gui_app._become_primary(single_instance.InstanceServer(lambda u: (True, None)), ())

    # another process holds the lock but does not answer
    monkeypatch.setattr(gui_app, "forward_uris", partial(single_instance.forward_uris, timeout=0.2))
    lock_fd = os.open(runtime / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        assert start() == 1
    finally:
        os.close(lock_fd)
    assert shown.pop() == (no_answer, "primary holds the lock but is not listening")

    # the lock cannot be taken
    def no_lock(path: str) -> int | None:
        raise PermissionError("denied")

    with monkeypatch.context() as patch:
        patch.setattr(single_instance, "acquire_lock", no_lock)
        assert start() == 1
    assert shown.pop() == (
        "Die Wallet konnte die Verbindung zu anderen Wallet-Fenstern nicht einrichten.",
        "denied",
    )

    # the private fallback folder is not a folder of this user
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(instance_lock.tempfile, "gettempdir", lambda: str(tmp_path))
    (tmp_path / f"wallet-app-{os.getuid()}").write_text("")
    assert start() == 1
    message, _ = shown.pop()
    assert message == (
        "Die Wallet kann ihren privaten Ordner für den Austausch mit anderen Wallet-Fenstern "
        "nicht verwenden."
    )


# -- core sentences that are not raised: explorer problems, deferred poll results -----------------


def test_an_explorer_problem_is_shown_in_german(german: str, qtbot: QtBot, tmp_path: Path) -> None:
    from gui_tools_kit import mismatched_issuer_report, tools_env

    from wallet_app.gui.explorer import ExplorerWindow

    report = mismatched_issuer_report()
    assert report.problem is not None
    with tools_env(tmp_path) as env:
        window = ExplorerWindow(env.ctx)
        try:
            window.show_report(report)
            first = window.status.text().splitlines()[0]
            assert first == (
                "Die gefundene Konfiguration gilt für „https://someone-else.test“, nicht für "
                "„https://legacy.test/t“. Die Wallet verwendet sie nicht."
            )
            assert report.problem.detail in window.status.text()  # the detail stays as it is
            (server,) = report.auth_servers
            assert server.problem is not None
            shown = sentence_text(server.problem.message)
            assert shown != server.problem.message  # the authorization server's problem too
            checklist = window.report_area.widget().findChild(QTableWidget)
            assert checklist is not None
            cells = [  # the details column isolates its text (FSI ... PDI)
                str(checklist.model().index(row, 2).data()).strip("\u2068\u2069")
                for row in range(checklist.rowCount())
            ]
            assert shown in cells
        finally:
            window.deleteLater()


_REMOVED = (
    "Der Aussteller kennt diesen ausstehenden Nachweis nicht mehr. "
    "Der ausstehende Eintrag wurde entfernt."
)


def test_a_sentence_is_translated_with_its_reason_first(german: str) -> None:
    template = "{reason} The pending entry was removed."
    reason = IssuerError("The issuer no longer knows this pending credential.").sentence
    assert sentence_text(Sentence(template, {"reason": reason})) == _REMOVED
    unreachable = NetworkError(
        "{host} could not be reached. Check the address and your connection.",
        params={"host": "issuer.example"},
    ).sentence
    assert sentence_text(Sentence(template, {"reason": unreachable})) == (
        "issuer.example ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung. "
        "Der ausstehende Eintrag wurde entfernt."
    )
    assert sentence_text(Sentence("The pending entry was removed meanwhile.")) == (
        "Der ausstehende Eintrag wurde inzwischen entfernt."
    )
    assert sentence_text("received Personal ID") == "received Personal ID"  # a plain str
    assert sentence_text(Sentence("Received {name}", {"name": "Personal ID"})) == (
        "Personal ID empfangen"
    )
    assert sentence_text(Sentence("next poll in {seconds} s", {"seconds": 30})) == (
        "nächste Abfrage in 30 s"
    )


def test_sentences_stay_english_without_a_translator(qapp: QApplication) -> None:
    reason = NetworkError("The connection to {host} failed.", params={"host": "h.example"})
    removed = Sentence("{reason} The pending entry was removed.", {"reason": reason.sentence})
    assert (
        sentence_text(removed)
        == "The connection to h.example failed. The pending entry was removed."
    )


def test_a_failed_deferred_poll_is_shown_in_german(
    german: str, qtbot: QtBot, tmp_path: Path
) -> None:
    from gui_cards_kit import demo_env

    from wallet_app.demo_issuer import DemoConfig
    from wallet_app.gui.credential_view import CredentialDetailsDialog
    from wallet_app.gui.main_window import MainWindow

    with demo_env(tmp_path, config=DemoConfig(batch_size=None, deferred_interval=30)) as env:
        env.issuer.faults.deferred_pending_polls = 5
        [first] = env.receive("pid_sd_jwt")
        env.issuer.faults.deferred_pending_polls = 5  # only the next request was deferred
        [second] = env.receive("pid_sd_jwt")
        assert first.status == second.status == "deferred"

        # "check now" in the credential's dialog
        env.store.update_deferred(first.id, next_poll_at=0)
        env.issuer.faults.fail_next("deferred", 400, "invalid_transaction_id")
        dialog = CredentialDetailsDialog(env.ctx, first.id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.check_button.click()
        qtbot.waitUntil(lambda: dialog.pending_label.text() == _REMOVED, timeout=5000)
        dialog.close()

        # "check now" before the issuer's interval is over: the wait is German too
        waiting = CredentialDetailsDialog(env.ctx, second.id)
        qtbot.addWidget(waiting)
        waiting.show()
        waiting.check_button.click()
        qtbot.waitUntil(lambda: "nächste Abfrage in" in waiting.pending_label.text(), timeout=5000)
        assert "next poll" not in waiting.pending_label.text()
        waiting.close()

        # the main window's own polling, in its status bar
        messages: list[str] = []
        env.ctx.events.status_message.connect(messages.append)
        env.store.update_deferred(second.id, next_poll_at=0)
        env.issuer.faults.fail_next("deferred", 400, "invalid_transaction_id")
        window = MainWindow(env.ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window._loading)
        window.poll_deferred_now()
        qtbot.waitUntil(lambda: _REMOVED in messages, timeout=5000)
        assert env.store.list_deferred() == []


def test_the_inspector_is_german(german: str, qtbot: QtBot, tmp_path: Path) -> None:
    """Column headers, step names, the flow's summary (stored as a Sentence) and outcome."""
    from gui_tools_kit import tools_env
    from PySide6.QtCore import Qt

    from wallet_app.gui.inspector import InspectorWindow

    with tools_env(tmp_path) as env:
        flow_id = env.receive("pid_sd_jwt")
        window = InspectorWindow(env.ctx, flow_id)
        qtbot.addWidget(window)
        model = window.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        assert headers == ["Schritt", "Methode", "URL", "Status", "Zeit (ms)"]
        steps = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
        assert {"Aussteller-Metadaten", "Zugriffstoken", "Nachweis"} <= steps
        item = window.history_list.item(0).text()
        assert item.startswith("Personal ID empfangen (3 Exemplare)"), item  # name: en wallet
        assert item.endswith("· ausgestellt"), item
