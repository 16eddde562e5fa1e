<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AcceptInvalidDialog</name>
    <message>
        <source>Keep this credential?</source>
        <translation>Diesen Nachweis behalten?</translation>
    </message>
    <message>
        <source>Keep a credential that did not pass every check?</source>
        <translation>Einen Nachweis behalten, der nicht alle Prüfungen bestanden hat?</translation>
    </message>
    <message>
        <source>This credential did not pass every check</source>
        <translation>Dieser Nachweis hat nicht alle Prüfungen bestanden</translation>
    </message>
    <message>
        <source>{mark} {check}: {reason}</source>
        <translation>{mark} {check}: {reason}</translation>
    </message>
    <message>
        <source>A check failed.</source>
        <translation>Eine Prüfung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>What failed</source>
        <translation>Was fehlgeschlagen ist</translation>
    </message>
    <message>
        <source>Its signature holds, but it is outside its validity period or its issuer&apos;s certificate chain does not validate, so a verifier may refuse it. You can keep it, marked invalid, or not keep it.</source>
        <translation>Die Signatur ist gültig, aber der Nachweis liegt außerhalb seines Gültigkeitszeitraums oder die Zertifikatskette seines Ausstellers ist ungültig; ein Prüfer kann ihn daher ablehnen. Sie können ihn als ungültig markiert behalten oder verwerfen.</translation>
    </message>
    <message>
        <source>Don&apos;t keep</source>
        <translation>Nicht behalten</translation>
    </message>
    <message>
        <source>Keep anyway, marked invalid</source>
        <translation>Trotzdem als ungültig behalten</translation>
    </message>
</context>
<context>
    <name>ActivityList</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>AddCredentialDialog</name>
    <message>
        <source>Add a credential</source>
        <translation>Nachweis hinzufügen</translation>
    </message>
    <message>
        <source>Paste a credential offer link, or drop a link or a QR code image here. You can also scan a QR code from your screen, an image file or a camera.</source>
        <translation>Fügen Sie einen Angebotslink ein oder ziehen Sie einen Link oder ein Bild mit QR-Code hierher. Sie können einen QR-Code auch vom Bildschirm, aus einer Bilddatei oder mit der Kamera scannen.</translation>
    </message>
    <message>
        <source>Credential offer</source>
        <translation>Nachweis-Angebot</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Scan screen</source>
        <translation>Bildschirm scannen</translation>
    </message>
    <message>
        <source>Select screen region</source>
        <translation>Bildschirmbereich wählen</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Bild öffnen…</translation>
    </message>
    <message>
        <source>Use camera</source>
        <translation>Kamera verwenden</translation>
    </message>
    <message>
        <source>Or scan a QR code:</source>
        <translation>Oder einen QR-Code scannen:</translation>
    </message>
    <message>
        <source>A credential offer from {host}.</source>
        <translation>Ein Nachweis-Angebot von {host}.</translation>
    </message>
    <message>
        <source>No QR code was found. Make sure the whole code is visible.</source>
        <translation>Kein QR-Code gefunden. Achten Sie darauf, dass der ganze Code sichtbar ist.</translation>
    </message>
    <message>
        <source>A QR code was found, but it holds no credential offer.</source>
        <translation>Ein QR-Code wurde gefunden, er enthält aber kein Nachweis-Angebot.</translation>
    </message>
    <message>
        <source>An offer is on the clipboard (from {host}) — use it?</source>
        <translation>In der Zwischenablage liegt ein Angebot (von {host}) – verwenden?</translation>
    </message>
    <message>
        <source>Drop a link or an image of a QR code.</source>
        <translation>Legen Sie einen Link oder ein Bild eines QR-Codes ab.</translation>
    </message>
    <message>
        <source>Open a QR code image</source>
        <translation>Bild mit QR-Code öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Looking for a QR code on the screen…</source>
        <translation>QR-Code auf dem Bildschirm wird gesucht…</translation>
    </message>
    <message>
        <source>Region selection cancelled.</source>
        <translation>Bereichsauswahl abgebrochen.</translation>
    </message>
</context>
<context>
    <name>AttemptTableModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>authorization server</source>
        <translation>Autorisierungsserver</translation>
    </message>
</context>
<context>
    <name>AttestationRetry</name>
    <message>
        <source>Development wallet provider (self-issued, not for production)</source>
        <translation>Entwicklungs-Wallet-Anbieter (selbst ausgestellt, nur für Tests)</translation>
    </message>
    <message>
        <source>The development wallet provider is built into this wallet. It attests the wallet and its keys itself, so only issuers set up for testing accept it. Use it with test issuers, never for real credentials.</source>
        <extracomment>None until the person chose the development provider</extracomment>
        <translation>Der Entwicklungs-Wallet-Anbieter ist in diese Wallet eingebaut. Er attestiert die Wallet und ihre Schlüssel selbst, daher akzeptieren ihn nur Aussteller, die zum Testen eingerichtet sind. Verwenden Sie ihn mit Test-Ausstellern, niemals für echte Nachweise.</translation>
    </message>
    <message>
        <source>Retry with development provider</source>
        <translation>Mit Entwicklungs-Anbieter wiederholen</translation>
    </message>
    <message>
        <source>Wallet provider file {name}</source>
        <translation>Wallet-Anbieter-Datei {name}</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>Kameravorschau</translation>
    </message>
</context>
<context>
    <name>CameraScanner</name>
    <message>
        <source>Hold the QR code in front of the camera.</source>
        <translation>Halten Sie den QR-Code vor die Kamera.</translation>
    </message>
    <message>
        <source>No camera found — use Scan screen or Open image instead.</source>
        <translation>Keine Kamera gefunden – verwenden Sie stattdessen „Bildschirm scannen“ oder „Bild öffnen“.</translation>
    </message>
    <message>
        <source>Scan screen</source>
        <translation>Bildschirm scannen</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Bild öffnen…</translation>
    </message>
    <message>
        <source>Wallet may not use the camera. Allow it in the system&apos;s privacy settings, or use Scan screen or Open image instead.</source>
        <translation>Wallet darf die Kamera nicht verwenden. Erlauben Sie es in den Datenschutzeinstellungen des Systems oder verwenden Sie stattdessen „Bildschirm scannen“ oder „Bild öffnen“.</translation>
    </message>
    <message>
        <source>The camera stopped: {reason}</source>
        <translation>Die Kamera meldet einen Fehler: {reason}</translation>
    </message>
    <message>
        <source>This QR code is not a credential offer.</source>
        <translation>Dieser QR-Code ist kein Nachweis-Angebot.</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>New</source>
        <extracomment>card size in the grid (ID-1 card ratio 85.6 × 54 mm)</extracomment>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Local issuer</source>
        <translation>Lokaler Aussteller</translation>
    </message>
    <message>
        <source>1 use left</source>
        <translation>Noch 1 Nutzung</translation>
    </message>
    <message>
        <source>{n} uses left</source>
        <translation>Noch {n} Nutzungen</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Noch nicht gültig</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Ausgesetzt</translation>
    </message>
    <message>
        <source>Expires today</source>
        <translation>Läuft heute ab</translation>
    </message>
    <message>
        <source>Expires tomorrow</source>
        <translation>Läuft morgen ab</translation>
    </message>
    <message>
        <source>Expires in {n} days</source>
        <translation>Läuft in {n} Tagen ab</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Stored {date}</source>
        <translation>Gespeichert am {date}</translation>
    </message>
    <message>
        <source>Requested {date}</source>
        <translation>Angefordert am {date}</translation>
    </message>
    <message>
        <source>Received {date}</source>
        <translation>Empfangen am {date}</translation>
    </message>
    <message>
        <source>Cannot be opened · Delete it</source>
        <translation>Lässt sich nicht öffnen · Löschen Sie ihn</translation>
    </message>
    <message>
        <source>requested {date}</source>
        <translation>angefordert am {date}</translation>
    </message>
    <message>
        <source>received {date}</source>
        <translation>empfangen am {date}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>{card}, card {n} of {count}</source>
        <extracomment>every stored credential is in the model (the incremental fill ended) rows still to append (the incremental fill), in order portraits decoded off the GUI thread, the most recent ones facts decoded from credentials whose list card has none (older stores) the stored trust verdict of each credential (``store.verdicts()``: the card shows only the verdict; a verification is opened when its card is, issue 11) ids present when the wallet was first loaded (not new) - None until then</extracomment>
        <translation>{card}, Karte {n} von {count}</translation>
    </message>
    <message>
        <source>Damaged record</source>
        <extracomment>batch copies kept (OID4VCI 1.0 §8.3 batch issuance): one card, &quot;3 uses left&quot; received in this session (or completed after pending) and not opened since whole days left when ``validity`` is &quot;expiring&quot; an image claim&apos;s bytes (mDL portrait, SD-JWT picture), shown on the card the issuer-trust verdict (``trust.model.Verdict``); None: not verified (yet) a stored record that cannot be opened (issue 11): &quot;Damaged record&quot;, deletable ``portrait`` decoded (and made small) off the GUI thread, when it was opens an image the list card holds by reference (``image_ref``); None until known</extracomment>
        <translation>Beschädigter Eintrag</translation>
    </message>
    <message>
        <source>This record cannot be read</source>
        <translation>Dieser Eintrag kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>CardMenu</name>
    <message>
        <source>Card actions</source>
        <translation>Kartenaktionen</translation>
    </message>
    <message>
        <source>Open details</source>
        <translation>Details öffnen</translation>
    </message>
    <message>
        <source>Activity…</source>
        <translation>Aktivität…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
</context>
<context>
    <name>CardWidget</name>
    <message>
        <source>Credential card</source>
        <translation>Nachweiskarte</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Local issuer</source>
        <translation>Lokaler Aussteller</translation>
    </message>
</context>
<context>
    <name>CreatePassphraseDialog</name>
    <message>
        <source>Protect your wallet</source>
        <extracomment>shorter passphrases are refused (NIST SP 800-63B: at least 8 for a chosen secret) from this length on the hint calls the passphrase strong (e.g. three or four words)</extracomment>
        <translation>Wallet schützen</translation>
    </message>
    <message>
        <source>No system keyring (such as GNOME Keyring or KWallet) is available to protect your wallet. Choose a passphrase instead: it protects the wallet on this computer, and you enter it each time the wallet starts.</source>
        <translation>Es ist kein Systemschlüsselbund (etwa GNOME Keyring oder KWallet) verfügbar, der Ihre Wallet schützen kann. Wählen Sie stattdessen eine Passphrase: Sie schützt die Wallet auf diesem Computer, und Sie geben sie bei jedem Start der Wallet ein.</translation>
    </message>
    <message>
        <source>Wallet folder: {path}</source>
        <translation>Wallet-Ordner: {path}</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Show passphrase</source>
        <translation>Passphrase anzeigen</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>The passphrase cannot be recovered. If you forget it, the credentials in this wallet are lost and you need to receive them again.</source>
        <translation>Die Passphrase lässt sich nicht wiederherstellen. Wenn Sie sie vergessen, sind die Nachweise in dieser Wallet verloren und Sie müssen sie erneut empfangen.</translation>
    </message>
    <message>
        <source>Creating your wallet…</source>
        <translation>Ihre Wallet wird angelegt…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Create wallet</source>
        <translation>Wallet anlegen</translation>
    </message>
    <message>
        <source>Use at least {n} characters ({left} more). Several unrelated words are easy to remember and hard to guess.</source>
        <translation>Verwenden Sie mindestens {n} Zeichen (noch {left}). Mehrere Wörter ohne Zusammenhang sind leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <source>Long enough. A longer passphrase is stronger.</source>
        <translation>Lang genug. Eine längere Passphrase ist stärker.</translation>
    </message>
    <message>
        <source>A strong length.</source>
        <translation>Eine starke Länge.</translation>
    </message>
    <message>
        <source>The passphrase is too short: use at least {n} characters.</source>
        <translation>Die Passphrase ist zu kurz: Verwenden Sie mindestens {n} Zeichen.</translation>
    </message>
    <message>
        <source>The passphrase starts or ends with a space. Remove it, or add words.</source>
        <translation>Die Passphrase beginnt oder endet mit einem Leerzeichen. Entfernen Sie es oder fügen Sie Wörter hinzu.</translation>
    </message>
    <message>
        <source>The two passphrases do not match. Type the same passphrase twice.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein. Geben Sie zweimal dieselbe Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>CredentialDetailsDialog</name>
    <message>
        <source>Credential details</source>
        <translation>Nachweis-Details</translation>
    </message>
    <message>
        <source>Credential views</source>
        <translation>Nachweis-Ansichten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete credential</source>
        <translation>Nachweis löschen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Binary data, {n} bytes</source>
        <translation>Binärdaten, {n} Bytes</translation>
    </message>
    <message>
        <source>Delete “{name}” from this wallet? This cannot be undone.</source>
        <translation>„{name}“ aus dieser Wallet löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>„{name}“ gelöscht.</translation>
    </message>
    <message>
        <source>Show technical details</source>
        <translation>Technische Details anzeigen</translation>
    </message>
    <message>
        <source>Show technical details: decoded, raw and format views</source>
        <translation>Technische Details anzeigen: dekodierte, rohe und formatspezifische Ansicht</translation>
    </message>
    <message>
        <source>Activity…</source>
        <translation>Aktivität…</translation>
    </message>
    <message>
        <source>Show all activity of this credential</source>
        <translation>Alle Aktivitäten dieses Nachweises anzeigen</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>No activity recorded.</source>
        <translation>Keine Aktivität aufgezeichnet.</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Exemplare</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Holder binding</source>
        <translation>Inhaberbindung</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Not bound to a key</source>
        <translation>An keinen Schlüssel gebunden</translation>
    </message>
    <message>
        <source>matches this wallet&apos;s key</source>
        <translation>passt zum Schlüssel dieser Wallet</translation>
    </message>
    <message>
        <source>does NOT match this wallet&apos;s key</source>
        <translation>passt NICHT zum Schlüssel dieser Wallet</translation>
    </message>
    <message>
        <source>Pending at {issuer}, next check at {when}.</source>
        <translation>Ausstehend bei {issuer}, nächste Prüfung um {when}.</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <source>Check now for the pending credential</source>
        <translation>Jetzt nach dem ausstehenden Nachweis fragen</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Angaben</translation>
    </message>
    <message>
        <source>JWS header and payload</source>
        <translation>JWS-Header und -Nutzdaten</translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation>Dekodiert</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>Disclosures</translation>
    </message>
    <message>
        <source>CBOR diagnostic</source>
        <translation>CBOR-Diagnose</translation>
    </message>
    <message>
        <source>CBOR</source>
        <translation>CBOR</translation>
    </message>
    <message>
        <source>Raw credential</source>
        <translation>Roher Nachweis</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Salt</source>
        <translation>Salt</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>(array element)</source>
        <translation>(Array-Element)</translation>
    </message>
    <message>
        <source>The credential is not readable CBOR: {e}</source>
        <translation>Der Nachweis ist kein lesbares CBOR: {e}</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Issued. Reopen the card to see it.</source>
        <translation>Ausgestellt. Öffnen Sie die Karte erneut, um ihn zu sehen.</translation>
    </message>
    <message>
        <source>Still pending; the issuer asked to wait ({m}).</source>
        <translation>Noch ausstehend; der Aussteller bittet um Geduld ({m}).</translation>
    </message>
    <message>
        <source>Still pending at the issuer.</source>
        <translation>Beim Aussteller noch ausstehend.</translation>
    </message>
    <message>
        <source>The check failed.</source>
        <translation>Die Prüfung ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>DamagedRecord</name>
    <message>
        <source>Damaged record</source>
        <translation>Beschädigter Eintrag</translation>
    </message>
    <message>
        <source>This record cannot be opened. Nothing else in the wallet is affected.</source>
        <translation>Dieser Eintrag lässt sich nicht öffnen. Alles andere in der Wallet ist davon nicht betroffen.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the damaged record</source>
        <translation>Beschädigten Eintrag löschen</translation>
    </message>
</context>
<context>
    <name>DeferredPoller</name>
    <message>
        <source>A credential</source>
        <extracomment>a poll job is running</extracomment>
        <translation>Ein Nachweis</translation>
    </message>
    <message>
        <source>Credential received</source>
        <translation>Nachweis empfangen</translation>
    </message>
    <message>
        <source>{name} is now in your wallet.</source>
        <translation>{name} ist jetzt in Ihrer Wallet.</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>Demo wallet: nothing you receive here is kept after you close it.</source>
        <translation>Demo-Wallet: Nichts, was Sie hier empfangen, bleibt nach dem Schließen erhalten.</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>ID card with a transaction code</source>
        <extracomment>copies the batch scenario&apos;s issuer offers in one request where the panel&apos;s own batch issuer lives below its base URL the least width the panel leaves to the main window&apos;s cards (a card, margins, scroll bar)</extracomment>
        <translation>Ausweis mit Transaktionscode</translation>
    </message>
    <message>
        <source>Pre-authorized offer protected by a one-time code, as sent by e-mail.</source>
        <translation>Vorab autorisiertes Angebot, geschützt durch einen Einmalcode, wie per E-Mail verschickt.</translation>
    </message>
    <message>
        <source>Diploma via browser login</source>
        <translation>Zeugnis per Anmeldung im Browser</translation>
    </message>
    <message>
        <source>Authorization code flow: sign in at the issuer in your browser, then come back.</source>
        <translation>Autorisierungscode-Ablauf: Melden Sie sich im Browser beim Aussteller an und kehren Sie dann zurück.</translation>
    </message>
    <message>
        <source>Driving licence (mdoc)</source>
        <translation>Führerschein (mdoc)</translation>
    </message>
    <message>
        <source>An ISO 18013-5 mobile driving licence in CBOR, bound to a device key.</source>
        <translation>Ein mobiler Führerschein nach ISO 18013-5 in CBOR, gebunden an einen Geräteschlüssel.</translation>
    </message>
    <message>
        <source>Deferred issuance</source>
        <translation>Verzögerte Ausstellung</translation>
    </message>
    <message>
        <source>The issuer needs a moment: the card stays pending and completes on its own.</source>
        <translation>Der Aussteller braucht einen Moment: Die Karte bleibt ausstehend und wird von selbst fertig.</translation>
    </message>
    <message>
        <source>Batch of three</source>
        <translation>Drei auf einmal</translation>
    </message>
    <message>
        <source>Three copies of the ID card in one request, each bound to its own key.</source>
        <translation>Drei Exemplare des Ausweises in einer Anfrage, jedes an einen eigenen Schlüssel gebunden.</translation>
    </message>
    <message>
        <source>Demo scenarios</source>
        <translation>Demo-Szenarien</translation>
    </message>
    <message>
        <source>The demo issuer is not running. Start the wallet with --demo to try it.</source>
        <translation>Der Demo-Aussteller läuft nicht. Starten Sie die Wallet mit --demo, um ihn auszuprobieren.</translation>
    </message>
    <message>
        <source>Offers from the built-in demo issuer at {host}. Everything stays on this computer. Click Receive, or scan a code with Scan QR → From screen.</source>
        <translation>Angebote des eingebauten Demo-Ausstellers unter {host}. Alles bleibt auf diesem Computer. Klicken Sie auf „Empfangen“ oder scannen Sie einen Code mit „QR scannen → Vom Bildschirm“.</translation>
    </message>
    <message>
        <source>A new offer is shown for: {title}</source>
        <translation>Neues Angebot angezeigt für: {title}</translation>
    </message>
    <message>
        <source>Offer link copied to the clipboard.</source>
        <translation>Angebotslink in die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Empty wallet</source>
        <translation>Leere Wallet</translation>
    </message>
    <message>
        <source>Your wallet is empty</source>
        <translation>Ihre Wallet ist leer</translation>
    </message>
    <message>
        <source>Credentials you receive from issuers appear here as cards. Paste an offer link, scan a QR code, or open an offer link from an issuer&apos;s web page.</source>
        <translation>Nachweise, die Sie von Ausstellern erhalten, erscheinen hier als Karten. Fügen Sie einen Angebotslink ein, scannen Sie einen QR-Code oder öffnen Sie einen Angebotslink auf der Webseite eines Ausstellers.</translation>
    </message>
    <message>
        <source>Add a credential</source>
        <translation>Nachweis hinzufügen</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>To try the built-in demo issuer, start the app with wallet-app --demo.</source>
        <translation>Um den eingebauten Demo-Aussteller auszuprobieren, starten Sie die App mit wallet-app --demo.</translation>
    </message>
    <message>
        <source>Empty card slot</source>
        <translation>Leerer Kartenplatz</translation>
    </message>
</context>
<context>
    <name>ExchangeDetails</name>
    <message>
        <source>Exchange details</source>
        <translation>Details des Austauschs</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>{request} — {response}</source>
        <translation>{request} — {response}</translation>
    </message>
</context>
<context>
    <name>ExchangeTableModel</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>Zeit (ms)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ExplorerFindings</name>
    <message>
        <source>Probe responses</source>
        <translation>Antworten prüfen</translation>
    </message>
    <message>
        <source>Send harmless requests (a made-up pre-authorized code, a credential request without a token, nonce requests, an unused sign-in request) and check the answers. Nothing is spent.</source>
        <translation>Sendet harmlose Anfragen (einen erfundenen vorab autorisierten Code, eine Nachweis-Anfrage ohne Token, Nonce-Anfragen, eine ungenutzte Anmeldeanfrage) und prüft die Antworten. Nichts wird verbraucht.</translation>
    </message>
    <message>
        <source>metadata only</source>
        <translation>nur Metadaten</translation>
    </message>
    <message>
        <source>metadata and probed responses</source>
        <translation>Metadaten und geprüfte Antworten</translation>
    </message>
    <message>
        <source>Something went wrong. Details are in the log.</source>
        <translation>Etwas ist schiefgegangen. Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>Probing {url}…</source>
        <translation>{url} wird geprüft…</translation>
    </message>
</context>
<context>
    <name>ExplorerWindow</name>
    <message>
        <source>Explore an issuer</source>
        <translation>Aussteller erkunden</translation>
    </message>
    <message>
        <source>Issuer URL</source>
        <translation>Aussteller-URL</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>Erkunden</translation>
    </message>
    <message>
        <source>Issuer report</source>
        <extracomment>where &quot;Request this credential&quot; takes the metadata from (the wallet&apos;s cache or not)</extracomment>
        <translation>Ausstellerbericht</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>Rohes JSON</translation>
    </message>
    <message>
        <source>URLs fetched</source>
        <translation>Abgerufene URLs</translation>
    </message>
    <message>
        <source>Documents and URLs fetched</source>
        <translation>Abgerufene Dokumente und URLs</translation>
    </message>
    <message>
        <source>Issuer URL:</source>
        <translation>Aussteller-URL:</translation>
    </message>
    <message>
        <source>Enter the address of a credential issuer and press Explore. The wallet fetches its metadata and shows what it offers.</source>
        <translation>Geben Sie die Adresse eines Nachweis-Ausstellers ein und klicken Sie auf „Erkunden“. Die Wallet ruft seine Metadaten ab und zeigt, was er anbietet.</translation>
    </message>
    <message>
        <source>Enter an issuer URL.</source>
        <translation>Geben Sie eine Aussteller-URL ein.</translation>
    </message>
    <message>
        <source>Fetching metadata from {url}…</source>
        <translation>Metadaten werden von {url} abgerufen…</translation>
    </message>
    <message>
        <source>Something went wrong. Details are in the log.</source>
        <translation>Etwas ist schiefgegangen. Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>Metadata from {url} (looks like {version}).</source>
        <translation>Metadaten von {url} (sieht aus wie {version}).</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Authorization server</source>
        <translation>Autorisierungsserver</translation>
    </message>
    <message>
        <source>Shown: fetched just now. Requests from here fetch the metadata again.</source>
        <translation>Angezeigt: gerade eben abgerufen. Anfragen von hier rufen die Metadaten erneut ab.</translation>
    </message>
    <message>
        <source>Cached: the wallet holds this issuer&apos;s metadata from {minutes} min ago; requests from here use that copy until it is {ttl} min old.</source>
        <translation>Zwischengespeichert: Die Wallet hat die Metadaten dieses Ausstellers vor {minutes} Min. abgerufen; Anfragen von hier verwenden diese Kopie, bis sie {ttl} Min. alt ist.</translation>
    </message>
    <message>
        <source>Cached: the wallet holds this issuer&apos;s metadata from less than a minute ago; requests from here use that copy until it is {ttl} min old.</source>
        <translation>Zwischengespeichert: Die Wallet hat die Metadaten dieses Ausstellers vor weniger als einer Minute abgerufen; Anfragen von hier verwenden diese Kopie, bis sie {ttl} Min. alt ist.</translation>
    </message>
    <message>
        <source>Names: {names}</source>
        <translation>Namen: {names}</translation>
    </message>
    <message>
        <source>Endpoints and capabilities</source>
        <translation>Endpunkte und Fähigkeiten</translation>
    </message>
    <message>
        <source>No credential configuration can be shown.</source>
        <translation>Es kann keine Nachweis-Konfiguration angezeigt werden.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>authorization server</source>
        <translation>Autorisierungsserver</translation>
    </message>
    <message>
        <source>anonymous pre-authorized access</source>
        <translation>anonymer vorab autorisierter Zugriff</translation>
    </message>
    <message>
        <source>iss in authorization response (RFC 9207)</source>
        <translation>iss in der Autorisierungsantwort (RFC 9207)</translation>
    </message>
    <message>
        <source>Capability</source>
        <translation>Fähigkeit</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Configuration id</source>
        <translation>Konfigurations-ID</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Binding methods</source>
        <translation>Bindungsmethoden</translation>
    </message>
    <message>
        <source>Proof types</source>
        <translation>Nachweisarten für Schlüssel</translation>
    </message>
    <message>
        <source>Key attestation</source>
        <translation>Schlüsselattestierung</translation>
    </message>
    <message>
        <source>not required</source>
        <translation>nicht erforderlich</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Angabe</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Bezeichnungen</translation>
    </message>
    <message>
        <source>Mandatory</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Angaben</translation>
    </message>
    <message>
        <source>Claims:</source>
        <translation>Angaben:</translation>
    </message>
    <message>
        <source>Request this credential</source>
        <translation>Diesen Nachweis anfordern</translation>
    </message>
    <message>
        <source>Request this credential: {name}</source>
        <translation>Diesen Nachweis anfordern: {name}</translation>
    </message>
    <message>
        <source>Preparing the request for {id}…</source>
        <translation>Anfrage für {id} wird vorbereitet…</translation>
    </message>
</context>
<context>
    <name>FindingsTable</name>
    <message>
        <source>Lint findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Errors: {errors} · warnings: {warnings} · notes: {infos}</source>
        <translation>Fehler: {errors} · Warnungen: {warnings} · Hinweise: {infos}</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>Keine Befunde.</translation>
    </message>
</context>
<context>
    <name>FlowDialog</name>
    <message>
        <source>Receiving a credential</source>
        <extracomment>from this available screen width on, the sequence diagram sits beside the steps the diagram&apos;s width beside the steps (four lifelines with their labels) the user wants to enter the transaction code again</extracomment>
        <translation>Nachweis wird empfangen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <extracomment>the credential *Done* leads to (the first new card), set by the success page the cards of the success page (the card delegate&apos;s widgets) steps and diagram as tabs (narrow screens only)</extracomment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Continue in your browser</source>
        <translation>Im Browser fortfahren</translation>
    </message>
    <message>
        <source>Open the browser again</source>
        <translation>Browser erneut öffnen</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Anmeldeadresse</translation>
    </message>
    <message>
        <source>Did the browser not return to the wallet? Paste the address it ended on:</source>
        <translation>Ist der Browser nicht zur Wallet zurückgekehrt? Fügen Sie die Adresse ein, bei der er stehen geblieben ist:</translation>
    </message>
    <message>
        <source>Redirect address</source>
        <translation>Weiterleitungsadresse</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>The credential was not received</source>
        <translation>Der Nachweis wurde nicht empfangen</translation>
    </message>
    <message>
        <source>Your new card</source>
        <translation>Ihre neue Karte</translation>
    </message>
    <message>
        <source>Your browser will ask whether to open Wallet when the issuer sends you back: choose Open.</source>
        <translation>Wenn der Aussteller Sie zurückschickt, fragt Ihr Browser, ob Wallet geöffnet werden soll: Wählen Sie „Öffnen“.</translation>
    </message>
    <message>
        <source>When the sign-in is finished, the wallet comes back to the front, receives the credential and shows it here. You can then close the browser tab.</source>
        <translation>Nach der Anmeldung kommt die Wallet wieder in den Vordergrund, empfängt den Nachweis und zeigt ihn hier an. Den Browser-Tab können Sie dann schließen.</translation>
    </message>
    <message>
        <source>Continue with the pasted address</source>
        <translation>Mit der eingefügten Adresse fortfahren</translation>
    </message>
    <message>
        <source>Enter the code again</source>
        <translation>Code erneut eingeben</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>Open in protocol inspector</source>
        <translation>Im Inspektor öffnen</translation>
    </message>
    <message>
        <source>Steps and sequence diagram</source>
        <translation>Schritte und Sequenzdiagramm</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>Sequenzdiagramm</translation>
    </message>
    <message>
        <source>{names} from {host}</source>
        <translation>{names} von {host}</translation>
    </message>
    <message>
        <source>The wallet finishes receiving the credential in the background.</source>
        <translation>Die Wallet schließt den Empfang des Nachweises im Hintergrund ab.</translation>
    </message>
    <message>
        <source>Sign in at {host} in the browser window that opened. The wallet continues by itself when the issuer sends you back.</source>
        <translation>Melden Sie sich im geöffneten Browserfenster bei {host} an. Die Wallet macht von selbst weiter, wenn der Aussteller Sie zurückschickt.</translation>
    </message>
    <message>
        <source>Waiting {elapsed}</source>
        <translation>Wartet seit {elapsed}</translation>
    </message>
    <message>
        <source>No browser could be opened. Copy this address into your browser:</source>
        <translation>Es konnte kein Browser geöffnet werden. Kopieren Sie diese Adresse in Ihren Browser:</translation>
    </message>
    <message>
        <source>Sign in at {host}: open the address below in your browser.</source>
        <translation>Melden Sie sich bei {host} an: Öffnen Sie die folgende Adresse in Ihrem Browser.</translation>
    </message>
    <message>
        <source>Try the browser again</source>
        <translation>Browser erneut versuchen</translation>
    </message>
    <message>
        <source>The issuer has issued it: it is now in your wallet.</source>
        <translation>Der Aussteller hat ihn ausgestellt: Er ist jetzt in Ihrer Wallet.</translation>
    </message>
    <message>
        <source>Credential received</source>
        <translation>Nachweis empfangen</translation>
    </message>
    <message>
        <source>Credentials received</source>
        <translation>Nachweise empfangen</translation>
    </message>
    <message>
        <source>{names} will be issued later. The wallet fetches it by itself.</source>
        <translation>{names} wird später ausgestellt. Die Wallet holt den Nachweis selbstständig ab.</translation>
    </message>
    <message>
        <source>Your credential will be issued later</source>
        <translation>Ihr Nachweis wird später ausgestellt</translation>
    </message>
    <message>
        <source>The issuer accepted the request for {names} and will issue it later. It appears as a pending card in your wallet, and the wallet fetches it by itself.</source>
        <translation>Der Aussteller hat die Anfrage für {names} angenommen und stellt den Nachweis später aus. Er erscheint als ausstehende Karte in Ihrer Wallet, und die Wallet holt ihn selbstständig ab.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Sign in at {host} in the browser window that opened. The issuer then sends the browser to {uri}, which the wallet cannot catch by itself: copy the whole address from the browser&apos;s address bar and paste it below.</source>
        <translation>Melden Sie sich im geöffneten Browserfenster bei {host} an. Der Aussteller schickt den Browser dann zu {uri}. Diese Rückleitung kann die Wallet nicht selbst abfangen: Kopieren Sie die ganze Adresse aus der Adressleiste des Browsers und fügen Sie sie unten ein.</translation>
    </message>
    <message>
        <source>After signing in, paste the address here:</source>
        <translation>Fügen Sie nach der Anmeldung die Adresse hier ein:</translation>
    </message>
    <message>
        <source>This is not the address the wallet is waiting for. Paste the whole address from the browser&apos;s address bar after signing in.</source>
        <translation>Das ist nicht die Adresse, auf die die Wallet wartet. Fügen Sie nach der Anmeldung die ganze Adresse aus der Adressleiste des Browsers ein.</translation>
    </message>
    <message>
        <source>Preparing the sign-in…</source>
        <translation>Anmeldung wird vorbereitet…</translation>
    </message>
    <message>
        <source>Sequence diagram of the flow</source>
        <translation>Sequenzdiagramm des Ablaufs</translation>
    </message>
    <message>
        <source>Receiving the credential from the issuer…</source>
        <translation>Nachweis wird vom Aussteller empfangen…</translation>
    </message>
    <message>
        <source>{name}: {copies}</source>
        <translation>{name}: {copies}</translation>
    </message>
</context>
<context>
    <name>FlowOutcome</name>
    <message>
        <source>issued</source>
        <translation>ausgestellt</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
</context>
<context>
    <name>FlowSteps</name>
    <message>
        <source>HTTP exchanges:</source>
        <translation>HTTP-Austausche:</translation>
    </message>
    <message>
        <source>Error code: {code}</source>
        <translation>Fehlercode: {code}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP-Status</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Detail: {detail}</source>
        <translation>Detail: {detail}</translation>
    </message>
</context>
<context>
    <name>HandlerOffer</name>
    <message>
        <source>Open credential offer links with Wallet? Then a link on an issuer&apos;s web page brings its offer straight here.</source>
        <extracomment>the offer waits this long after the window opened (the window paints and settles first)</extracomment>
        <translation>Angebotslinks mit Wallet öffnen? Dann bringt ein Link auf der Webseite eines Ausstellers sein Angebot direkt hierher.</translation>
    </message>
    <message>
        <source>Make Wallet the default</source>
        <translation>Wallet als Standard festlegen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Making Wallet the default for offer links…</source>
        <translation>Wallet wird als Standard für Angebotslinks festgelegt…</translation>
    </message>
    <message>
        <source>Wallet now opens credential offer links. You can change this in Settings.</source>
        <translation>Wallet öffnet jetzt Angebotslinks. Sie können das in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>Wallet could not become the default for offer links: {reason}</source>
        <translation>Wallet konnte nicht als Standard für Angebotslinks festgelegt werden: {reason}</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>You can make Wallet the default for offer links in Settings.</source>
        <translation>In den Einstellungen können Sie Wallet als Standard für Angebotslinks festlegen.</translation>
    </message>
</context>
<context>
    <name>HandlerSection</name>
    <message>
        <source>Links from issuers</source>
        <translation>Links von Ausstellern</translation>
    </message>
    <message>
        <source>Checking which app opens credential offer links…</source>
        <translation>Es wird geprüft, welche App Angebotslinks öffnet…</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>Als Standard festlegen</translation>
    </message>
    <message>
        <source>Make Wallet the default for offer links</source>
        <translation>Wallet als Standard für Angebotslinks festlegen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Stop opening offer links with Wallet</source>
        <translation>Angebotslinks nicht mehr mit Wallet öffnen</translation>
    </message>
    <message>
        <source>Wallet opens credential offer links (openid-credential-offer:, haip-vci:) and its sign-in return links.</source>
        <translation>Wallet öffnet Angebotslinks (openid-credential-offer:, haip-vci:) und die Rücksprunglinks der Anmeldung.</translation>
    </message>
    <message>
        <source>Another app, or none, opens credential offer links. Make Wallet the default to receive offers from issuers&apos; web pages with one click.</source>
        <translation>Eine andere App oder keine öffnet Angebotslinks. Legen Sie Wallet als Standard fest, um Angebote von den Webseiten der Aussteller mit einem Klick zu empfangen.</translation>
    </message>
    <message>
        <source>Wallet cannot tell which app opens credential offer links here.</source>
        <translation>Wallet kann hier nicht feststellen, welche App Angebotslinks öffnet.</translation>
    </message>
    <message>
        <source>Wallet now opens credential offer links.</source>
        <translation>Wallet öffnet jetzt Angebotslinks.</translation>
    </message>
    <message>
        <source>Wallet no longer opens credential offer links.</source>
        <translation>Wallet öffnet keine Angebotslinks mehr.</translation>
    </message>
    <message>
        <source>Changing the desktop&apos;s link settings…</source>
        <translation>Die Link-Einstellungen des Desktops werden geändert…</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Completed later</source>
        <translation>Später abgeschlossen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Notification sent</source>
        <translation>Benachrichtigung gesendet</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Card activity</source>
        <translation>Kartenaktivität</translation>
    </message>
    <message>
        <source>What happened in this wallet, newest first.</source>
        <translation>Was in dieser Wallet geschehen ist, das Neueste zuerst.</translation>
    </message>
    <message>
        <source>What happened to this credential, newest first.</source>
        <translation>Was mit diesem Nachweis geschehen ist, das Neueste zuerst.</translation>
    </message>
    <message>
        <source>Nothing has happened yet.</source>
        <translation>Bisher ist nichts geschehen.</translation>
    </message>
</context>
<context>
    <name>InfoBar</name>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
</context>
<context>
    <name>InspectorWindow</name>
    <message>
        <source>Protocol inspector</source>
        <translation>Protokoll-Inspektor</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Abläufe</translation>
    </message>
    <message>
        <source>HTTP exchanges</source>
        <translation>HTTP-Austausche</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Decoded JWTs</source>
        <translation>Dekodierte JWTs</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>No flows recorded yet. Receive a credential first.</source>
        <translation>Noch keine Abläufe aufgezeichnet. Empfangen Sie zuerst einen Nachweis.</translation>
    </message>
    <message>
        <source>{count} HTTP exchanges</source>
        <translation>{count} HTTP-Austausche</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>Fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>No JWTs in this exchange.</source>
        <translation>Keine JWTs in diesem Austausch.</translation>
    </message>
    <message>
        <source>Decoded JWTs ({count})</source>
        <translation>Dekodierte JWTs ({count})</translation>
    </message>
    <message>
        <source>Exchanges or sequence</source>
        <translation>Austausche oder Sequenz</translation>
    </message>
    <message>
        <source>Exchanges</source>
        <translation>Austausche</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <source>Lint findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>deferred, then issued</source>
        <translation>ausstehend, dann ausgestellt</translation>
    </message>
    <message>
        <source>deferred, polled later</source>
        <translation>ausstehend, später abgefragt</translation>
    </message>
    <message>
        <source>issuer metadata taken from the wallet&apos;s cache (no request)</source>
        <translation>Aussteller-Metadaten aus dem Zwischenspeicher der Wallet (keine Anfrage)</translation>
    </message>
    <message>
        <source>Double-click a finding to see its exchange.</source>
        <translation>Doppelklicken Sie auf einen Befund, um seinen Austausch zu sehen.</translation>
    </message>
    <message>
        <source>Lint findings ({count})</source>
        <translation>Befunde ({count})</translation>
    </message>
    <message>
        <source>{errors} errors in this flow&apos;s responses</source>
        <translation>{errors} Fehler in den Antworten dieses Ablaufs</translation>
    </message>
    <message>
        <source>OID4VCI 1.0</source>
        <translation>OID4VCI 1.0</translation>
    </message>
    <message>
        <source>draft {n}</source>
        <translation>Entwurf {n}</translation>
    </message>
    <message>
        <source>dialect: {name} (profile override)</source>
        <translation>Dialekt: {name} (vom Profil vorgegeben)</translation>
    </message>
    <message>
        <source>dialect: {name} (detected from the metadata)</source>
        <translation>Dialekt: {name} (aus den Metadaten erkannt)</translation>
    </message>
    <message>
        <source>Export flow trace</source>
        <translation>Ablaufprotokoll exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>The trace could not be saved: {error}</source>
        <translation>Das Protokoll konnte nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Gespeichert unter {path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Wallet</source>
        <extracomment>the app font&apos;s scale in presentation mode (for projectors)</extracomment>
        <translation>Wallet</translation>
    </message>
    <message>
        <source>Status</source>
        <extracomment>where the window state is remembered (set by :meth:`restore_state`)</extracomment>
        <translation>Status</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Nachweise</translation>
    </message>
    <message>
        <source>Search credentials</source>
        <translation>Nachweise durchsuchen</translation>
    </message>
    <message>
        <source>No credential matches your search.</source>
        <translation>Kein Nachweis passt zu Ihrer Suche.</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>Add credential</source>
        <translation>Nachweis hinzufügen</translation>
    </message>
    <message>
        <source>Explore issuer</source>
        <translation>Aussteller erkunden</translation>
    </message>
    <message>
        <source>Protocol inspector</source>
        <translation>Protokoll-Inspektor</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Activity…</source>
        <translation>Aktivität…</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Präsentationsmodus</translation>
    </message>
    <message>
        <source>Larger type for projectors (F5)</source>
        <translation>Größere Schrift für Projektoren (F5)</translation>
    </message>
    <message>
        <source>Check status of all credentials</source>
        <translation>Status aller Nachweise prüfen</translation>
    </message>
    <message>
        <source>Ask the issuers whether any credential was revoked (Ctrl+Shift+R)</source>
        <translation>Bei den Ausstellern nachfragen, ob ein Nachweis widerrufen wurde (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Scan QR</source>
        <translation>QR scannen</translation>
    </message>
    <message>
        <source>Scan QR code</source>
        <translation>QR-Code scannen</translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation>&amp;Wallet</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Extras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>From the screen</source>
        <translation>Vom Bildschirm</translation>
    </message>
    <message>
        <source>From a screen region…</source>
        <translation>Aus einem Bildschirmbereich…</translation>
    </message>
    <message>
        <source>From an image file…</source>
        <translation>Aus einer Bilddatei…</translation>
    </message>
    <message>
        <source>With the camera…</source>
        <translation>Mit der Kamera…</translation>
    </message>
    <message>
        <source>A sign-in came back from the browser, but the wallet was no longer waiting for it (that attempt was cancelled or closed). Nothing was added. To receive the credential, open the offer again and sign in once more.</source>
        <translation>Eine Anmeldung kam aus dem Browser zurück, aber die Wallet hat nicht mehr darauf gewartet (dieser Versuch wurde abgebrochen oder geschlossen). Es wurde nichts hinzugefügt. Um den Nachweis zu empfangen, öffnen Sie das Angebot erneut und melden Sie sich noch einmal an.</translation>
    </message>
    <message>
        <source>Sign-in not expected</source>
        <translation>Unerwartete Anmeldung</translation>
    </message>
    <message>
        <source>Could not read the wallet: {m}</source>
        <translation>Die Wallet konnte nicht gelesen werden: {m}</translation>
    </message>
    <message>
        <source>The log folder could not be opened. It is {path}</source>
        <translation>Der Protokollordner konnte nicht geöffnet werden. Er liegt unter {path}</translation>
    </message>
    <message>
        <source>Status checked for 1 credential.</source>
        <extracomment>(credential_id, Verification) after a re-check {credential_id: Verification} after a re-check of every card, at once (the card list repaints once); ``verification_changed`` follows for each, a chunk per event-loop turn (credential_id, sentence) a re-check could not run (store or network problem) (credential_id) a re-check started every card was re-checked: (how many)</extracomment>
        <translation>Status von 1 Nachweis geprüft.</translation>
    </message>
    <message>
        <source>Status checked for {n} credentials.</source>
        <translation>Status von {n} Nachweisen geprüft.</translation>
    </message>
    <message>
        <source>The status check failed: {m}</source>
        <translation>Die Statusprüfung ist fehlgeschlagen: {m}</translation>
    </message>
</context>
<context>
    <name>OfferReviewDialog</name>
    <message>
        <source>Credential offer</source>
        <extracomment>an offer from a link: presses on Accept this soon after the review appeared are ignored the transaction code page while it is shown</extracomment>
        <translation>Nachweis-Angebot</translation>
    </message>
    <message>
        <source>A link opened a credential offer.</source>
        <translation>Ein Link hat ein Nachweis-Angebot geöffnet.</translation>
    </message>
    <message>
        <source>It points to {host}.</source>
        <translation>Es verweist auf {host}.</translation>
    </message>
    <message>
        <source>an unknown address</source>
        <translation>eine unbekannte Adresse</translation>
    </message>
    <message>
        <source>Nothing has been sent yet. Continue only if you expected an offer from this address: the wallet will then contact it.</source>
        <translation>Bisher wurde nichts gesendet. Fahren Sie nur fort, wenn Sie ein Angebot von dieser Adresse erwartet haben: Die Wallet nimmt dann Kontakt mit ihr auf.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Reading the offer and the issuer&apos;s details…</source>
        <translation>Angebot und Angaben des Ausstellers werden gelesen…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>code: {code}</source>
        <translation>Code: {code}</translation>
    </message>
    <message>
        <source>error: {error}</source>
        <translation>Fehler: {error}</translation>
    </message>
    <message>
        <source>status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>url: {url}</source>
        <translation>URL: {url}</translation>
    </message>
    <message>
        <source>detail: {detail}</source>
        <translation>Detail: {detail}</translation>
    </message>
    <message>
        <source>Something went wrong while reading the offer.</source>
        <translation>Beim Lesen des Angebots ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <source>Offered credentials</source>
        <translation>Angebotene Nachweise</translation>
    </message>
    <message>
        <source>It offers you:</source>
        <translation>Angeboten wird Ihnen:</translation>
    </message>
    <message>
        <source>Also offered, but not described by the issuer, so not receivable: {ids}</source>
        <translation>Ebenfalls angeboten, aber vom Aussteller nicht beschrieben und daher nicht empfangbar: {ids}</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Issued from {host}</source>
        <translation>Ausgestellt von {host}</translation>
    </message>
    <message>
        <source>Local issuer on this computer</source>
        <translation>Aussteller auf diesem Computer</translation>
    </message>
    <message>
        <source>First time from this issuer</source>
        <translation>Erstmals von diesem Aussteller</translation>
    </message>
    <message>
        <source>Issuer logo</source>
        <translation>Logo des Ausstellers</translation>
    </message>
    <message>
        <source>Contains:</source>
        <translation>Enthält:</translation>
    </message>
    <message>
        <source>Contains: {claims}</source>
        <translation>Enthält: {claims}</translation>
    </message>
    <message>
        <source>How would you like to receive it?</source>
        <translation>Wie möchten Sie ihn empfangen?</translation>
    </message>
    <message>
        <source>How would you like to receive them?</source>
        <translation>Wie möchten Sie sie empfangen?</translation>
    </message>
    <message>
        <source>Use a transaction code</source>
        <translation>Mit Transaktionscode</translation>
    </message>
    <message>
        <source>Sign in at the issuer</source>
        <translation>Beim Aussteller anmelden</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Unlock your wallet</source>
        <translation>Wallet entsperren</translation>
    </message>
    <message>
        <source>This wallet is protected by a passphrase. Enter it to open the wallet.</source>
        <translation>Diese Wallet ist durch eine Passphrase geschützt. Geben Sie sie ein, um die Wallet zu öffnen.</translation>
    </message>
    <message>
        <source>Wallet folder: {path}</source>
        <translation>Wallet-Ordner: {path}</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Wird entsperrt…</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <source>Wallet default (OpenID4VCI 1.0)</source>
        <translation>Wallet-Standard (OpenID4VCI 1.0)</translation>
    </message>
    <message>
        <source>HAIP (attestation, DPoP)</source>
        <translation>HAIP (Attestierung, DPoP)</translation>
    </message>
    <message>
        <source>EU reference issuer</source>
        <translation>EU-Referenzaussteller</translation>
    </message>
    <message>
        <source>Draft 13 issuers</source>
        <translation>Aussteller nach Entwurf 13</translation>
    </message>
    <message>
        <source>Draft 11 issuers</source>
        <translation>Aussteller nach Entwurf 11</translation>
    </message>
    <message>
        <source>Local address only</source>
        <translation>Nur lokale Adresse</translation>
    </message>
    <message>
        <source>Advanced</source>
        <extracomment>a field changed (the preset shown becomes &quot;Custom&quot;)</extracomment>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Advanced: how the wallet presents itself</source>
        <translation>Erweitert: wie sich die Wallet beim Aussteller ausweist</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Auto (detected: {draft})</source>
        <translation>Automatisch (erkannt: {draft})</translation>
    </message>
    <message>
        <source>Protocol draft</source>
        <translation>Protokollentwurf</translation>
    </message>
    <message>
        <source>The wallet&apos;s default</source>
        <translation>Standard der Wallet</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Wallet link ({uri})</source>
        <translation>Wallet-Link ({uri})</translation>
    </message>
    <message>
        <source>Local address (http://127.0.0.1)</source>
        <translation>Lokale Adresse (http://127.0.0.1)</translation>
    </message>
    <message>
        <source>Custom address…</source>
        <translation>Eigene Adresse…</translation>
    </message>
    <message>
        <source>Return from the browser</source>
        <translation>Rückkehr aus dem Browser</translation>
    </message>
    <message>
        <source>Custom return address</source>
        <translation>Eigene Rückleitungsadresse</translation>
    </message>
    <message>
        <source>The wallet cannot catch a return to a custom address by itself. After signing in, copy the address your browser went to and paste it into the wallet&apos;s sign-in window.</source>
        <translation>Eine Rückleitung an eine eigene Adresse kann die Wallet nicht selbst abfangen. Kopieren Sie nach der Anmeldung die Adresse, die Ihr Browser aufgerufen hat, und fügen Sie sie im Anmeldefenster der Wallet ein.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Development (self-issued, not for production)</source>
        <translation>Entwicklung (selbst ausgestellt, für Tests)</translation>
    </message>
    <message>
        <source>From a file…</source>
        <translation>Aus einer Datei…</translation>
    </message>
    <message>
        <source>Wallet provider</source>
        <translation>Wallet-Anbieter</translation>
    </message>
    <message>
        <source>Automatic (when the issuer supports it)</source>
        <translation>Automatisch (falls unterstützt)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Proof of possession (DPoP)</source>
        <translation>Besitznachweis (DPoP)</translation>
    </message>
    <message>
        <source>Remember for this issuer</source>
        <translation>Für diesen Aussteller merken</translation>
    </message>
    <message>
        <source>The wallet attests itself and its keys. Issuers in production do not accept this; use it to explore and test.</source>
        <translation>Die Wallet attestiert sich und ihre Schlüssel selbst. Aussteller im Echtbetrieb akzeptieren das nicht; verwenden Sie es zum Erkunden und Testen.</translation>
    </message>
    <message>
        <source>Attestations from {file}</source>
        <translation>Attestierungen aus {file}</translation>
    </message>
    <message>
        <source>Wallet provider file</source>
        <translation>Wallet-Anbieter-Datei</translation>
    </message>
    <message>
        <source>Wallet provider (*.json)</source>
        <translation>Wallet-Anbieter (*.json)</translation>
    </message>
    <message>
        <source>Enter the custom return address, for example app-name://callback.</source>
        <translation>Geben Sie die eigene Rückleitungsadresse ein, zum Beispiel app-name://callback.</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>client id {client_id}</source>
        <translation>Client-ID {client_id}</translation>
    </message>
    <message>
        <source>local address</source>
        <translation>lokale Adresse</translation>
    </message>
    <message>
        <source>returns to {uri}</source>
        <translation>Rückleitung an {uri}</translation>
    </message>
    <message>
        <source>development wallet provider</source>
        <translation>Entwicklungs-Wallet-Anbieter</translation>
    </message>
    <message>
        <source>wallet provider {file}</source>
        <translation>Wallet-Anbieter {file}</translation>
    </message>
    <message>
        <source>DPoP always</source>
        <translation>DPoP immer</translation>
    </message>
    <message>
        <source>DPoP never</source>
        <translation>DPoP nie</translation>
    </message>
    <message>
        <source>draft {draft}</source>
        <translation>Entwurf {draft}</translation>
    </message>
    <message>
        <source>the wallet defaults</source>
        <translation>Standard der Wallet</translation>
    </message>
    <message>
        <source>How the wallet presents itself to an issuer: chosen under Advanced when you review an offer, with Remember for this issuer.</source>
        <translation>Wie sich die Wallet bei einem Aussteller ausweist: gewählt unter „Erweitert“, wenn Sie ein Angebot prüfen, mit „Für diesen Aussteller merken“.</translation>
    </message>
    <message>
        <source>Issuer URL</source>
        <translation>Aussteller-URL</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Remembered profiles</source>
        <translation>Gemerkte Profile</translation>
    </message>
    <message>
        <source>No profile is remembered.</source>
        <translation>Kein Profil gemerkt.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Forget the selected profile</source>
        <translation>Ausgewähltes Profil vergessen</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>benutzerdefiniert</translation>
    </message>
</context>
<context>
    <name>ProtocolStep</name>
    <message>
        <source>credential offer</source>
        <translation>Nachweis-Angebot</translation>
    </message>
    <message>
        <source>issuer metadata</source>
        <translation>Aussteller-Metadaten</translation>
    </message>
    <message>
        <source>authorization server metadata</source>
        <translation>Metadaten des Autorisierungsservers</translation>
    </message>
    <message>
        <source>pushed authorization request</source>
        <translation>Pushed Authorization Request (PAR)</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>nonce</source>
        <translation>Nonce</translation>
    </message>
    <message>
        <source>credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>deferred credential</source>
        <translation>ausstehender Nachweis</translation>
    </message>
    <message>
        <source>notification</source>
        <translation>Benachrichtigung</translation>
    </message>
</context>
<context>
    <name>ProxyRow</name>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>The system&apos;s proxy</source>
        <translation>Proxy des Systems</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>Dieser Proxy:</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>Proxy-Adresse</translation>
    </message>
    <message>
        <source>No system proxy is set: the wallet connects directly.</source>
        <translation>Es ist kein System-Proxy eingestellt: Die Wallet verbindet sich direkt.</translation>
    </message>
    <message>
        <source>Found in the system settings: {proxy}</source>
        <translation>In den Systemeinstellungen gefunden: {proxy}</translation>
    </message>
    <message>
        <source>Found in the environment: {proxy}</source>
        <translation>In der Umgebung gefunden: {proxy}</translation>
    </message>
    <message>
        <source>(the wallet cannot use it: only http:// proxies are supported)</source>
        <translation>(nicht verwendbar: Die Wallet unterstützt nur http://-Proxys)</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s address, such as http://proxy:8080.</source>
        <translation>Geben Sie die Adresse des Proxys ein, etwa http://proxy:8080.</translation>
    </message>
    <message>
        <source>A proxy password is not saved in the settings. Set HTTPS_PROXY in the environment instead, or use a proxy without a password.</source>
        <translation>Ein Proxy-Passwort wird nicht in den Einstellungen gespeichert. Setzen Sie stattdessen HTTPS_PROXY in der Umgebung, oder verwenden Sie einen Proxy ohne Passwort.</translation>
    </message>
    <message>
        <source>The proxy address cannot be used. Enter http://host:port (SOCKS proxies are not supported).</source>
        <translation>Die Proxy-Adresse ist nicht verwendbar. Geben Sie http://host:port ein (SOCKS-Proxys werden nicht unterstützt).</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <source>Select a screen region</source>
        <extracomment>SVGs are rendered at least this large so small QR modules survive rasterisation</extracomment>
        <translation>Bildschirmbereich wählen</translation>
    </message>
    <message>
        <source>Drag a rectangle around the QR code. Press Esc to cancel.</source>
        <translation>Ziehen Sie ein Rechteck um den QR-Code. Esc bricht ab.</translation>
    </message>
</context>
<context>
    <name>ScenarioCard</name>
    <message>
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Receive: {title}</source>
        <translation>Empfangen: {title}</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Copy offer link: {title}</source>
        <translation>Angebotslink kopieren: {title}</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Neuer Code</translation>
    </message>
    <message>
        <source>New offer and code: {title}</source>
        <translation>Neues Angebot und neuer Code: {title}</translation>
    </message>
    <message>
        <source>Replace this offer with a fresh one (the shown one stops being offered)</source>
        <translation>Dieses Angebot durch ein neues ersetzen (das angezeigte wird nicht mehr angeboten)</translation>
    </message>
    <message>
        <source>QR code of the offer: {title}</source>
        <translation>QR-Code des Angebots: {title}</translation>
    </message>
    <message>
        <source>Transaction code, sent to you by e-mail: {code}</source>
        <translation>Transaktionscode, Ihnen per E-Mail geschickt: {code}</translation>
    </message>
    <message>
        <source>Transaction code: {code}</source>
        <translation>Transaktionscode: {code}</translation>
    </message>
</context>
<context>
    <name>SequenceDiagram</name>
    <message>
        <source>Wallet</source>
        <extracomment>lifeline indexes</extracomment>
        <translation>Wallet</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Authorization Server</source>
        <translation>Autorisierungs­server</translation>
    </message>
    <message>
        <source>Credential Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Credential offer request</source>
        <translation>Abruf des Nachweis-Angebots</translation>
    </message>
    <message>
        <source>Issuer metadata request</source>
        <translation>Abruf der Aussteller-Metadaten</translation>
    </message>
    <message>
        <source>Authorization server metadata request</source>
        <translation>Abruf der Autorisierungsserver-Metadaten</translation>
    </message>
    <message>
        <source>Pushed authorization request</source>
        <translation>Pushed Authorization Request (PAR)</translation>
    </message>
    <message>
        <source>Token request</source>
        <translation>Token-Anfrage</translation>
    </message>
    <message>
        <source>Nonce request</source>
        <translation>Nonce-Anfrage</translation>
    </message>
    <message>
        <source>Credential request</source>
        <translation>Nachweis-Anfrage</translation>
    </message>
    <message>
        <source>Deferred credential request</source>
        <translation>Anfrage nach ausstehendem Nachweis</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Benachrichtigung</translation>
    </message>
    <message>
        <source>Opens the sign-in page</source>
        <translation>Anmeldeseite öffnen</translation>
    </message>
    <message>
        <source>Sign-in and consent</source>
        <translation>Anmelden, zustimmen</translation>
    </message>
    <message>
        <source>Redirect with the code</source>
        <translation>Weiterleitung mit Code</translation>
    </message>
    <message>
        <source>Back to the wallet</source>
        <translation>Zurück zur Wallet</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>{label}: {source} to {target}</source>
        <translation>{label}: {source} an {target}</translation>
    </message>
    <message>
        <source>answer {reply}</source>
        <translation>Antwort {reply}</translation>
    </message>
    <message>
        <source>Press Enter to open this exchange.</source>
        <translation>Drücken Sie die Eingabetaste, um diesen Austausch zu öffnen.</translation>
    </message>
    <message>
        <source>The requests appear here as they happen.</source>
        <translation>Die Anfragen erscheinen hier, sobald sie stattfinden.</translation>
    </message>
    <message>
        <source>Sequence diagram of the flow</source>
        <extracomment>an exchange&apos;s arrow was clicked or activated with Enter: its index in the exchanges</extracomment>
        <translation>Sequenzdiagramm des Ablaufs</translation>
    </message>
    <message>
        <source>Sequence diagram</source>
        <translation>Sequenzdiagramm</translation>
    </message>
    <message>
        <source>{answer}, tried the next address</source>
        <translation>{answer}, nächste Adresse versucht</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>the environment variable that overrides each field of the dialog (see ``load_settings``)</extracomment>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Wallet link (io.github.walletapp:)</source>
        <translation>Wallet-Link (io.github.walletapp:)</translation>
    </message>
    <message>
        <source>Local address (http://127.0.0.1)</source>
        <translation>Lokale Adresse (http://127.0.0.1)</translation>
    </message>
    <message>
        <source>After you sign in at an issuer, the browser hands the result back to the wallet. A wallet link needs the wallet registered as its handler; the local address works everywhere but some issuers accept only registered addresses.</source>
        <translation>Nach der Anmeldung bei einem Aussteller gibt der Browser das Ergebnis an die Wallet zurück. Ein Wallet-Link setzt voraus, dass die Wallet als Handler registriert ist; die lokale Adresse funktioniert überall, wird aber von manchen Ausstellern nicht akzeptiert.</translation>
    </message>
    <message>
        <source>Return from the browser</source>
        <translation>Rückkehr aus dem Browser</translation>
    </message>
    <message>
        <source>Issuer URL</source>
        <translation>Aussteller-URL</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Client id per issuer</source>
        <translation>Client-ID je Aussteller</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Other issuers get “{client_id}”.</source>
        <translation>Andere Aussteller erhalten „{client_id}“.</translation>
    </message>
    <message>
        <source>Allow plain http for issuers on this computer (loopback)</source>
        <translation>Unverschlüsseltes http für Aussteller auf diesem Computer erlauben (Loopback)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Extra trusted CA certificates</source>
        <translation>Zusätzliche vertrauenswürdige CA-Zertifikate</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Data location</source>
        <translation>Speicherort der Daten</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Changing the data location takes effect after a restart; credentials stored at the old location are not moved.</source>
        <translation>Ein neuer Speicherort gilt nach einem Neustart; Nachweise am alten Ort werden nicht verschoben.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Trusted CA certificates:</source>
        <translation>Vertrauenswürdige CA-Zertifikate:</translation>
    </message>
    <message>
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <source>Data location:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>Protokolldatei:</translation>
    </message>
    <message>
        <source>Language and data location apply after a restart. The other changes apply from the next time the wallet starts.</source>
        <translation>Sprache und Speicherort gelten nach einem Neustart. Die übrigen Änderungen gelten ab dem nächsten Start der Wallet.</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Client-Profile</translation>
    </message>
    <message>
        <source>The environment variable {name} overrides this setting while it is set; what you save here applies once it is gone.</source>
        <translation>Die Umgebungsvariable {name} überschreibt diese Einstellung, solange sie gesetzt ist; was Sie hier speichern, gilt, sobald sie entfernt ist.</translation>
    </message>
    <message>
        <source>A command-line option overrides this setting for this session; what you save here applies from the next start without it.</source>
        <translation>Eine Befehlszeilenoption überschreibt diese Einstellung für diese Sitzung; was Sie hier speichern, gilt ab dem nächsten Start ohne sie.</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
    <message>
        <source>The log folder could not be opened. It is {path}</source>
        <translation>Der Protokollordner konnte nicht geöffnet werden. Er liegt unter {path}</translation>
    </message>
    <message>
        <source>Row {row}: enter an issuer URL and a client id.</source>
        <translation>Zeile {row}: Geben Sie eine Aussteller-URL und eine Client-ID ein.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation>PEM-Dateien (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Trusted CA certificates: {problem}</source>
        <translation>Vertrauenswürdige CA-Zertifikate: {problem}</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>StartupWindow</name>
    <message>
        <source>Wallet</source>
        <extracomment>Set by the start-up benchmark: print paint timestamps and quit once the wallet is ready.</extracomment>
        <translation>Wallet</translation>
    </message>
    <message>
        <source>Opening your wallet…</source>
        <extracomment>no keyring and no wallet yet: the dialog that creates a passphrase wallet</extracomment>
        <translation>Ihre Wallet wird geöffnet…</translation>
    </message>
    <message>
        <source>Opening your wallet</source>
        <translation>Ihre Wallet wird geöffnet</translation>
    </message>
    <message>
        <source>Waiting for the system keyring…</source>
        <translation>Warte auf den Schlüsselbund des Systems…</translation>
    </message>
    <message>
        <source>No system keyring is available.</source>
        <translation>Es ist kein Systemschlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>Your wallet is locked.</source>
        <translation>Ihre Wallet ist gesperrt.</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <source>Step</source>
        <extracomment>status → theme role of its text colour (the rest follow the palette)</extracomment>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Protocol steps</source>
        <translation>Protokollschritte</translation>
    </message>
    <message>
        <source>Issuer metadata</source>
        <extracomment>when each running step started (time.monotonic), for the ticking time column</extracomment>
        <translation>Aussteller-Metadaten</translation>
    </message>
    <message>
        <source>Sign-in (authorization)</source>
        <translation>Anmeldung (Autorisierung)</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Nonce</source>
        <translation>Nonce</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Benachrichtigung</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
</context>
<context>
    <name>Trust</name>
    <message>
        <source>Trusted issuer</source>
        <translation>Vertrauenswürdiger Aussteller</translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Ausgesetzt</translation>
    </message>
    <message>
        <source>Issuer not in your trust list</source>
        <translation>Nicht in Ihrer Vertrauensliste</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Not published by the issuer</source>
        <translation>Vom Aussteller nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Disclosure and value digests</source>
        <translation>Hashwerte von Disclosures und Werten</translation>
    </message>
    <message>
        <source>Bound to this wallet&apos;s key</source>
        <translation>An den Schlüssel dieser Wallet gebunden</translation>
    </message>
    <message>
        <source>Validity period</source>
        <translation>Gültigkeitszeitraum</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>Certificate names the issuer</source>
        <translation>Zertifikat nennt den Aussteller</translation>
    </message>
    <message>
        <source>Trust anchor</source>
        <translation>Vertrauensanker</translation>
    </message>
    <message>
        <source>Issuer key</source>
        <translation>Schlüssel des Ausstellers</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>Dokumenttyp</translation>
    </message>
    <message>
        <source>Validity information</source>
        <translation>Gültigkeitsangaben</translation>
    </message>
    <message>
        <source>Status (revocation)</source>
        <translation>Status (Widerruf)</translation>
    </message>
    <message>
        <source>Type metadata</source>
        <translation>Typ-Metadaten</translation>
    </message>
    <message>
        <source>Signed issuer metadata</source>
        <translation>Signierte Aussteller-Metadaten</translation>
    </message>
    <message>
        <source>Trusted issuer: {organisation}, vouched for by a trust anchor.</source>
        <translation>Vertrauenswürdiger Aussteller: {organisation}, bestätigt durch einen Vertrauensanker.</translation>
    </message>
    <message>
        <source>Trusted issuer.</source>
        <translation>Vertrauenswürdiger Aussteller.</translation>
    </message>
    <message>
        <source>Invalid: a check failed. Do not rely on this credential.</source>
        <translation>Ungültig: Eine Prüfung ist fehlgeschlagen. Verlassen Sie sich nicht auf diesen Nachweis.</translation>
    </message>
    <message>
        <source>Revoked by its issuer.</source>
        <translation>Von seinem Aussteller widerrufen.</translation>
    </message>
    <message>
        <source>Suspended by its issuer for now.</source>
        <translation>Von seinem Aussteller vorübergehend ausgesetzt.</translation>
    </message>
    <message>
        <source>The signature holds, but no anchor in your trust list vouches for the issuer.</source>
        <translation>Die Signatur ist gültig, aber kein Vertrauensanker in Ihrer Vertrauensliste bestätigt den Aussteller.</translation>
    </message>
    <message>
        <source>Issuer certificate: {reason}</source>
        <translation>Ausstellerzertifikat: {reason}</translation>
    </message>
    <message>
        <source>Issuer verified by {organisation}</source>
        <translation>Aussteller bestätigt durch {organisation}</translation>
    </message>
    <message>
        <source>Issuer certificate not in your trust list</source>
        <translation>Ausstellerzertifikat nicht in Ihrer Vertrauensliste</translation>
    </message>
</context>
<context>
    <name>TrustPage</name>
    <message>
        <source>A credential&apos;s issuer is trusted when its certificate chain ends at one of these certificates (trust anchors: IACA roots for mdoc, issuer CAs for SD-JWT VC). Adding or removing one re-checks every stored credential.</source>
        <translation>Dem Aussteller eines Nachweises wird vertraut, wenn seine Zertifikatskette bei einem dieser Zertifikate endet (Vertrauensanker: IACA-Wurzelzertifikate für mdoc, Aussteller-CAs für SD-JWT VC). Wenn Sie eines hinzufügen oder entfernen, werden alle gespeicherten Nachweise erneut geprüft.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Trust anchors</source>
        <translation>Vertrauensanker</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Add trust anchors from a file</source>
        <translation>Vertrauensanker aus einer Datei hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected trust anchor</source>
        <translation>Den ausgewählten Vertrauensanker entfernen</translation>
    </message>
    <message>
        <source>Trust anchors: result</source>
        <translation>Vertrauensanker: Ergebnis</translation>
    </message>
    <message>
        <source>Signed issuer metadata</source>
        <translation>Signierte Aussteller-Metadaten</translation>
    </message>
    <message>
        <source>Use it when the issuer signs it (recommended)</source>
        <translation>Verwenden, wenn der Aussteller sie signiert (empfohlen)</translation>
    </message>
    <message>
        <source>Require it: refuse issuers without valid signed metadata</source>
        <translation>Verlangen: Aussteller ohne gültige signierte Metadaten ablehnen</translation>
    </message>
    <message>
        <source>Ignore it: use the plain metadata</source>
        <translation>Ignorieren: die unsignierten Metadaten verwenden</translation>
    </message>
    <message>
        <source>Issuers may sign their metadata (OID4VCI 1.0 §12.2.3); signed values then take precedence and the review can say who vouches for the issuer. Applies from the next start.</source>
        <translation>Aussteller können ihre Metadaten signieren (OID4VCI 1.0 §12.2.3); signierte Werte haben dann Vorrang, und die Angebotsansicht kann zeigen, wer den Aussteller bestätigt. Gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>Richtlinie:</translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation>Von Ihnen hinzugefügt</translation>
    </message>
    <message>
        <source>Demo issuer</source>
        <translation>Demo-Aussteller</translation>
    </message>
    <message>
        <source>Trusted list</source>
        <translation>ETSI-Vertrauensliste</translation>
    </message>
    <message>
        <source>No trust anchors yet: every issuer shows as not in your trust list.</source>
        <translation>Noch keine Vertrauensanker: Jeder Aussteller erscheint als nicht in Ihrer Vertrauensliste.</translation>
    </message>
    <message>
        <source>Add trust anchors</source>
        <translation>Vertrauensanker hinzufügen</translation>
    </message>
    <message>
        <source>Certificates and trusted lists (*.pem *.crt *.cer *.der *.xml);;All files (*)</source>
        <translation>Zertifikate und Vertrauenslisten (*.pem *.crt *.cer *.der *.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Adding {name}…</source>
        <translation>{name} wird hinzugefügt…</translation>
    </message>
    <message>
        <source>Added {n} trust anchor(s); your credentials were checked again.</source>
        <translation>{n} Vertrauensanker hinzugefügt; Ihre Nachweise wurden erneut geprüft.</translation>
    </message>
    <message>
        <source>These certificates are in your trust list already.</source>
        <translation>Diese Zertifikate sind bereits in Ihrer Vertrauensliste.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
    <message>
        <source>Removed {name}; your credentials were checked again.</source>
        <translation>{name} entfernt; Ihre Nachweise wurden erneut geprüft.</translation>
    </message>
</context>
<context>
    <name>TrustSection</name>
    <message>
        <source>Issuer trust</source>
        <extracomment>the verdict changed after a re-check (the details&apos; card follows it)</extracomment>
        <translation>Vertrauen in den Aussteller</translation>
    </message>
    <message>
        <source>Trust verdict</source>
        <translation>Vertrauensbewertung</translation>
    </message>
    <message>
        <source>Vouched for by</source>
        <translation>Bestätigt durch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
    <message>
        <source>Why: every check and its reason</source>
        <translation>Warum: jede Prüfung und ihr Grund</translation>
    </message>
    <message>
        <source>Check status now</source>
        <translation>Status jetzt prüfen</translation>
    </message>
    <message>
        <source>Check the status with the issuer now</source>
        <translation>Den Status jetzt beim Aussteller prüfen</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>Noch nicht geprüft.</translation>
    </message>
    <message>
        <source>No anchor in your trust list</source>
        <translation>Kein Vertrauensanker in Ihrer Vertrauensliste</translation>
    </message>
    <message>
        <source>{status}, checked {when}</source>
        <translation>{status}, geprüft am {when}</translation>
    </message>
    <message>
        <source>{status} (checking now…)</source>
        <translation>{status} (wird gerade geprüft…)</translation>
    </message>
    <message>
        <source>{status} The check failed: {reason}</source>
        <translation>{status} Die Prüfung ist fehlgeschlagen: {reason}</translation>
    </message>
</context>
<context>
    <name>TrustWhyDialog</name>
    <message>
        <source>Why this verdict</source>
        <translation>Warum diese Bewertung</translation>
    </message>
    <message>
        <source>Issuer organisation</source>
        <translation>Organisation des Ausstellers</translation>
    </message>
    <message>
        <source>Trust anchor</source>
        <translation>Vertrauensanker</translation>
    </message>
    <message>
        <source>None in your trust list</source>
        <translation>Keiner in Ihrer Vertrauensliste</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>Spezifikation</translation>
    </message>
    <message>
        <source>No checks recorded</source>
        <translation>Keine Prüfungen aufgezeichnet</translation>
    </message>
    <message>
        <source>held</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>could not be decided</source>
        <translation>nicht feststellbar</translation>
    </message>
</context>
<context>
    <name>TxCodeDialog</name>
    <message>
        <source>Transaction code</source>
        <translation>Transaktionscode</translation>
    </message>
    <message>
        <source>The issuer asks for a numeric transaction code.</source>
        <translation>Der Aussteller verlangt einen numerischen Transaktionscode.</translation>
    </message>
    <message>
        <source>The issuer asks for a transaction code.</source>
        <translation>Der Aussteller verlangt einen Transaktionscode.</translation>
    </message>
    <message>
        <source>The code will be sent to:</source>
        <translation>Der Code wird gesendet an:</translation>
    </message>
    <message>
        <source>an unknown host</source>
        <translation>einen unbekannten Host</translation>
    </message>
    <message>
        <source>Only continue if you expect this.</source>
        <translation>Fahren Sie nur fort, wenn Sie das erwarten.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>Code senden</translation>
    </message>
    <message>
        <source>The issuer says:</source>
        <translation>Der Aussteller schreibt:</translation>
    </message>
    <message>
        <source>Digits only</source>
        <translation>Nur Ziffern</translation>
    </message>
    <message>
        <source>It has {n} digits.</source>
        <translation>Er hat {n} Ziffern.</translation>
    </message>
    <message>
        <source>It has {n} characters.</source>
        <translation>Er hat {n} Zeichen.</translation>
    </message>
    <message>
        <source>{n} digits</source>
        <translation>{n} Ziffern</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} Zeichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>WalletMessages</name>
    <message>
        <source>Something went wrong. Details are in the log.</source>
        <translation>Etwas ist schiefgegangen. Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>A passphrase is needed: set WALLET_APP_PASSPHRASE or run in a terminal.</source>
        <translation>Eine Passphrase wird benötigt: Setzen Sie WALLET_APP_PASSPHRASE oder starten Sie die Wallet in einem Terminal.</translation>
    </message>
    <message>
        <source>Something went wrong inside the wallet. Run again with -v for details.</source>
        <translation>In der Wallet ist ein Fehler aufgetreten. Starten Sie sie erneut mit -v, um Details zu sehen.</translation>
    </message>
    <message>
        <source>Give an offer (link, QR text or JSON), or --issuer with --configuration.</source>
        <translation>Geben Sie ein Angebot an (Link, QR-Text oder JSON) oder --issuer mit --configuration.</translation>
    </message>
    <message>
        <source>The running wallet did not accept this link.</source>
        <translation>Die laufende Wallet hat diesen Link nicht angenommen.</translation>
    </message>
    <message>
        <source>No wallet is waiting for this sign-in. Start the issuance again from the offer.</source>
        <translation>Keine Wallet wartet auf diese Anmeldung. Starten Sie die Ausstellung erneut über das Angebot.</translation>
    </message>
    <message>
        <source>--issuer needs at least one --configuration.</source>
        <translation>--issuer braucht mindestens eine --configuration.</translation>
    </message>
    <message>
        <source>Unknown deviation {names}; known: {known}.</source>
        <translation>Unbekannte Abweichung {names}; bekannt sind: {known}.</translation>
    </message>
    <message>
        <source>This offer is from another issuer than the one explored.</source>
        <translation>Dieses Angebot stammt von einem anderen Aussteller als dem erkundeten.</translation>
    </message>
    <message>
        <source>There is no profile named {name}. Presets: {presets}; or give the URL of an issuer whose profile is remembered (&apos;wallet-app profiles&apos; lists them).</source>
        <translation>Es gibt kein Profil namens {name}. Vorlagen: {presets}; oder geben Sie die URL eines Ausstellers an, dessen Profil gemerkt ist („wallet-app profiles“ listet sie auf).</translation>
    </message>
    <message>
        <source>The wallet provider file {path} does not exist.</source>
        <translation>Die Wallet-Anbieter-Datei {path} existiert nicht.</translation>
    </message>
    <message>
        <source>Name the issuer whose profile to forget: profiles forget ISSUER.</source>
        <translation>Nennen Sie den Aussteller, dessen Profil vergessen werden soll: profiles forget ISSUER.</translation>
    </message>
    <message>
        <source>No profile is remembered for {issuer}.</source>
        <translation>Für {issuer} ist kein Profil gemerkt.</translation>
    </message>
    <message>
        <source>This wallet needs its passphrase. Set WALLET_APP_PASSPHRASE or run in a terminal to be asked for it.</source>
        <translation>Diese Wallet braucht ihre Passphrase. Setzen Sie WALLET_APP_PASSPHRASE oder starten Sie die Wallet in einem Terminal, um danach gefragt zu werden.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgelaufen.</translation>
    </message>
    <message>
        <source>This is not a valid credential offer. Check that you copied all of it.</source>
        <translation>Dies ist kein gültiges Nachweis-Angebot. Prüfen Sie, ob Sie es vollständig kopiert haben.</translation>
    </message>
    <message>
        <source>The issuer&apos;s configuration could not be read. The issuer may be misconfigured.</source>
        <translation>Die Konfiguration des Ausstellers konnte nicht gelesen werden. Der Aussteller ist möglicherweise falsch eingerichtet.</translation>
    </message>
    <message>
        <source>Authorization at the issuer did not succeed. Please try again.</source>
        <translation>Die Autorisierung beim Aussteller ist fehlgeschlagen. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The issuer refused the request.</source>
        <translation>Der Aussteller hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer could not be reached. Check your connection and try again.</source>
        <translation>Der Aussteller ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The wallet&apos;s storage could not be used.</source>
        <translation>Der Speicher der Wallet konnte nicht verwendet werden.</translation>
    </message>
    <message>
        <source>No system keyring is available to protect the wallet. Start your desktop&apos;s keyring (for example GNOME Keyring or KWallet) and unlock it, or choose a passphrase with --passphrase (or WALLET_APP_PASSPHRASE).</source>
        <translation>Es ist kein Systemschlüsselbund verfügbar, der die Wallet schützen kann. Starten und entsperren Sie den Schlüsselbund Ihres Desktops (zum Beispiel GNOME Keyring oder KWallet) oder wählen Sie eine Passphrase mit --passphrase (oder WALLET_APP_PASSPHRASE).</translation>
    </message>
    <message>
        <source>The issuer sent a credential that the wallet cannot read.</source>
        <translation>Der Aussteller hat einen Nachweis gesendet, den die Wallet nicht lesen kann.</translation>
    </message>
    <message>
        <source>The issuer sent a credential that breaks the rules of its format. Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis gesendet, der gegen die Regeln seines Formats verstößt. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>There is no credential with this id.</source>
        <translation>Es gibt keinen Nachweis mit dieser ID.</translation>
    </message>
    <message>
        <source>This issuer requires a key attestation from a wallet provider. Retry with the development wallet provider?</source>
        <translation>Dieser Aussteller verlangt eine Schlüsselattestierung von einem Wallet-Anbieter. Mit dem Entwicklungs-Wallet-Anbieter erneut versuchen?</translation>
    </message>
    <message>
        <source>This command was not used correctly.</source>
        <translation>Dieser Befehl wurde nicht richtig verwendet.</translation>
    </message>
    <message>
        <source>This issuer requires a key attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.</source>
        <translation>Dieser Aussteller verlangt eine Schlüsselattestierung von einem Wallet-Anbieter. Es wurde nichts verbraucht: Geben Sie --wallet-provider dev an, um mit dem Entwicklungs-Wallet-Anbieter zu empfangen.</translation>
    </message>
    <message>
        <source>This issuer requires a wallet attestation and a key attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.</source>
        <translation>Dieser Aussteller verlangt eine Wallet-Attestierung und eine Schlüsselattestierung von einem Wallet-Anbieter. Es wurde nichts verbraucht: Geben Sie --wallet-provider dev an, um mit dem Entwicklungs-Wallet-Anbieter zu empfangen.</translation>
    </message>
    <message>
        <source>This issuer requires a wallet attestation from a wallet provider. Nothing was spent: add --wallet-provider dev to receive with the development wallet provider.</source>
        <translation>Dieser Aussteller verlangt eine Wallet-Attestierung von einem Wallet-Anbieter. Es wurde nichts verbraucht: Geben Sie --wallet-provider dev an, um mit dem Entwicklungs-Wallet-Anbieter zu empfangen.</translation>
    </message>
    <message>
        <source>WALLET_APP_PROXY must be system, none or a proxy address such as http://proxy.example:8080.</source>
        <translation>WALLET_APP_PROXY muss system, none oder eine Proxy-Adresse wie http://proxy.example:8080 sein.</translation>
    </message>
    <message>
        <source>The issuer sent a credential with text that is not valid Unicode. Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis mit Text gesendet, der kein gültiges Unicode ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential is not a signed JWT. Nothing was stored.</source>
        <translation>Der Nachweis ist kein signiertes JWT. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s header or payload is not a JSON object. Nothing was stored.</source>
        <translation>Header oder Payload des Nachweises ist kein JSON-Objekt. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent a credential that is not signed (alg none). Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis ohne Signatur gesendet (alg none). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer signed the credential with an algorithm that is not allowed ({alg}). Nothing was stored.</source>
        <translation>Der Aussteller hat den Nachweis mit einem nicht zulässigen Algorithmus signiert ({alg}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s {name} is not a date. Nothing was stored.</source>
        <translation>Der Wert {name} des Nachweises ist kein Datum. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent a credential that has already expired ({date}). Nothing was stored.</source>
        <translation>Der Aussteller hat einen bereits abgelaufenen Nachweis gesendet ({date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent a credential that is not valid yet (from {date}). Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis gesendet, der noch nicht gültig ist (erst ab {date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent a credential signed in the future ({date}). Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis gesendet, der in der Zukunft signiert wurde ({date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential does not end with &apos;~&apos; as an SD-JWT must. Nothing was stored.</source>
        <translation>Der Nachweis endet nicht auf „~“, wie es ein SD-JWT muss. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential holds an empty disclosure (&apos;~~&apos;). Nothing was stored.</source>
        <translation>Der Nachweis enthält eine leere Disclosure („~~“). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s type header (typ) is {typ}, not dc+sd-jwt as an SD-JWT VC must say. Nothing was stored.</source>
        <translation>Der Typ-Header (typ) des Nachweises ist {typ} und nicht dc+sd-jwt, wie es ein SD-JWT VC angeben muss. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential uses a digest algorithm the wallet does not know ({alg}). Nothing was stored.</source>
        <translation>Der Nachweis verwendet einen Hash-Algorithmus, den die Wallet nicht kennt ({alg}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential is nested too deeply or holds text that is not valid Unicode. Nothing was stored.</source>
        <translation>Der Nachweis ist zu tief verschachtelt oder enthält Text, der kein gültiges Unicode ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The {what} of the credential is not base64url. Nothing was stored.</source>
        <translation>Der Teil „{what}“ des Nachweises ist nicht base64url-kodiert. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The {what} of the credential holds text that is not valid UTF-8. Nothing was stored.</source>
        <translation>Der Teil „{what}“ des Nachweises enthält Text, der kein gültiges UTF-8 ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The {what} of the credential is nested more than {depth} levels deep. Nothing was stored.</source>
        <translation>Der Teil „{what}“ des Nachweises ist mehr als {depth} Ebenen tief verschachtelt. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The {what} of the credential is not JSON. Nothing was stored.</source>
        <translation>Der Teil „{what}“ des Nachweises ist kein JSON. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s signature does not verify with its certificate. Nothing was stored.</source>
        <translation>Die Signatur des Nachweises lässt sich mit seinem Zertifikat nicht bestätigen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s signature does not verify with the key it carries. Nothing was stored.</source>
        <translation>Die Signatur des Nachweises lässt sich mit dem enthaltenen Schlüssel nicht bestätigen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent a credential with a key binding JWT (a presentation, not an issuance). Nothing was stored.</source>
        <translation>Der Aussteller hat einen Nachweis mit Key-Binding-JWT gesendet (eine Präsentation, keine Ausstellung). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The {what} of the credential holds text that is not valid Unicode. Nothing was stored.</source>
        <translation>Der Teil „{what}“ des Nachweises enthält Text, der kein gültiges Unicode ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc whose signature header is not a map. Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, dessen Signatur-Header keine Map ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc that is not signed (no algorithm). Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc ohne Signatur gesendet (kein Algorithmus). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer signed the mdoc with an algorithm that is not allowed ({alg}). Nothing was stored.</source>
        <translation>Der Aussteller hat das mdoc mit einem nicht zulässigen Algorithmus signiert ({alg}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc without the certificate that signed it. Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc ohne das Zertifikat gesendet, mit dem es signiert wurde. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc&apos;s signature does not verify with its certificate. Nothing was stored.</source>
        <translation>Die Signatur des mdoc lässt sich mit seinem Zertifikat nicht bestätigen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc whose security object is not a map. Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, dessen Sicherheitsobjekt (MSO) keine Map ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc uses a digest algorithm the wallet does not know ({alg}). Nothing was stored.</source>
        <translation>Das mdoc verwendet einen Hash-Algorithmus, den die Wallet nicht kennt ({alg}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc&apos;s document type {found} is not the one the issuer offered ({expected}). Nothing was stored.</source>
        <translation>Der Dokumenttyp {found} des mdoc ist nicht der, den der Aussteller angeboten hat ({expected}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc&apos;s security object has no value digests. Nothing was stored.</source>
        <translation>Das Sicherheitsobjekt (MSO) des mdoc enthält keine Hashwerte (valueDigests). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc&apos;s name spaces are not a map. Nothing was stored.</source>
        <translation>Die Namensräume des mdoc sind keine Map. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc has no validity period. Nothing was stored.</source>
        <translation>Das mdoc hat keinen Gültigkeitszeitraum. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc&apos;s validity period cannot be read. Nothing was stored.</source>
        <translation>Der Gültigkeitszeitraum des mdoc kann nicht gelesen werden. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc that has already expired ({date}). Nothing was stored.</source>
        <translation>Der Aussteller hat ein bereits abgelaufenes mdoc gesendet ({date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc that is not valid yet (from {date}). Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, das noch nicht gültig ist (erst ab {date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc signed in the future ({date}). Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, das in der Zukunft signiert wurde ({date}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc that cannot be verified ({reason}). Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, das sich nicht prüfen lässt ({reason}). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc nested too deeply. Nothing was stored.</source>
        <translation>Der Aussteller hat ein zu tief verschachteltes mdoc gesendet. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc whose data is nested more than {depth} levels deep. Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc gesendet, dessen Daten mehr als {depth} Ebenen tief verschachtelt sind. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc holds data that the issuer did not sign (digest mismatch). Nothing was stored.</source>
        <translation>Das mdoc enthält Daten, die der Aussteller nicht signiert hat (Hashwert stimmt nicht überein). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an mdoc with text that is not valid Unicode. Nothing was stored.</source>
        <translation>Der Aussteller hat ein mdoc mit Text gesendet, der kein gültiges Unicode ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc holds a data element that is not encoded as signed. Nothing was stored.</source>
        <translation>Das mdoc enthält ein Datenelement, das nicht so kodiert ist, wie es signiert wurde. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc holds a malformed data element. Nothing was stored.</source>
        <translation>Das mdoc enthält ein fehlerhaft aufgebautes Datenelement. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc holds a data element without a digest ID. Nothing was stored.</source>
        <translation>Das mdoc enthält ein Datenelement ohne Digest-ID. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The mdoc uses the same digest ID twice. Nothing was stored.</source>
        <translation>Das mdoc verwendet dieselbe Digest-ID zweimal. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential holds {count} disclosure(s) that no digest signed by the issuer refers to (digest mismatch). Nothing was stored.</source>
        <translation>Der Nachweis enthält {count} Disclosure(s), auf die kein vom Aussteller signierter Hashwert verweist (Hashwert stimmt nicht überein). Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A digest in the credential is not text. Nothing was stored.</source>
        <translation>Ein Hashwert im Nachweis ist kein Text. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A digest appears more than once in the credential. Nothing was stored.</source>
        <translation>Ein Hashwert kommt im Nachweis mehr als einmal vor. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential holds the same disclosure twice. Nothing was stored.</source>
        <translation>Der Nachweis enthält dieselbe Disclosure zweimal. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A disclosure of the credential is not an array of 2 or 3 elements. Nothing was stored.</source>
        <translation>Eine Disclosure des Nachweises ist kein Array aus 2 oder 3 Elementen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A disclosure of the credential has a salt or claim name that is not text. Nothing was stored.</source>
        <translation>Eine Disclosure des Nachweises hat einen Salt oder Claim-Namen, der kein Text ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A disclosure of the credential uses the reserved claim name {name}. Nothing was stored.</source>
        <translation>Eine Disclosure des Nachweises verwendet den reservierten Claim-Namen {name}. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The credential&apos;s claims are nested more than {depth} levels deep. Nothing was stored.</source>
        <translation>Die Claims des Nachweises sind mehr als {depth} Ebenen tief verschachtelt. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>An _sd member of the credential is not an array. Nothing was stored.</source>
        <translation>Ein _sd-Element des Nachweises ist kein Array. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>An array element disclosure of the credential is used as a claim. Nothing was stored.</source>
        <translation>Eine Disclosure für ein Array-Element des Nachweises wird als Claim verwendet. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The disclosed claim {name} collides with another claim of the credential. Nothing was stored.</source>
        <translation>Der offengelegte Claim {name} kollidiert mit einem anderen Claim des Nachweises. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>An array element digest of the credential has other members. Nothing was stored.</source>
        <translation>Ein Hashwert für ein Array-Element des Nachweises hat weitere Elemente. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>A claim disclosure of the credential is used as an array element. Nothing was stored.</source>
        <translation>Eine Claim-Disclosure des Nachweises wird als Array-Element verwendet. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The issuer sent an empty credential.</source>
        <translation>Der Aussteller hat einen leeren Nachweis gesendet.</translation>
    </message>
    <message>
        <source>This file is not an image the wallet can read (use PNG, JPEG or SVG).</source>
        <translation>Diese Datei ist kein Bild, das die Wallet lesen kann (verwenden Sie PNG, JPEG oder SVG).</translation>
    </message>
    <message>
        <source>This image file is too large to scan.</source>
        <translation>Diese Bilddatei ist zu groß zum Scannen.</translation>
    </message>
    <message>
        <source>The image file could not be opened.</source>
        <translation>Die Bilddatei konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The wallet could not listen for the browser&apos;s answer on this computer.</source>
        <translation>Die Wallet kann auf diesem Computer nicht auf die Antwort des Browsers warten.</translation>
    </message>
    <message>
        <source>The system keyring is locked. Unlock it and try again.</source>
        <translation>Der Systemschlüsselbund ist gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>These links are too long to hand over to the running wallet.</source>
        <translation>Diese Links sind zu lang, um sie an die laufende Wallet zu übergeben.</translation>
    </message>
    <message>
        <source>The desktop&apos;s link settings could not be changed.</source>
        <translation>Die Link-Einstellungen des Desktops konnten nicht geändert werden.</translation>
    </message>
    <message>
        <source>The wallet cannot register for links because xdg-mime is not installed. Install xdg-utils (for example: sudo apt install xdg-utils) and try again.</source>
        <translation>Die Wallet kann sich nicht für Links registrieren, weil xdg-mime nicht installiert ist. Installieren Sie xdg-utils (zum Beispiel: sudo apt install xdg-utils) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The wallet could not write its desktop entry.</source>
        <translation>Die Wallet konnte ihren Desktop-Eintrag nicht schreiben.</translation>
    </message>
    <message>
        <source>The wallet could not remove its link settings.</source>
        <translation>Die Wallet konnte ihre Link-Einstellungen nicht entfernen.</translation>
    </message>
    <message>
        <source>The issuer&apos;s sign-in service does not support the secure sign-in this wallet uses.</source>
        <translation>Der Anmeldedienst des Ausstellers unterstützt die sichere Anmeldung nicht, die diese Wallet verwendet.</translation>
    </message>
    <message>
        <source>The issuer does not offer sign-in through a browser.</source>
        <translation>Der Aussteller bietet keine Anmeldung über einen Browser an.</translation>
    </message>
    <message>
        <source>This sign-in response does not belong to the sign-in the wallet started. Start again.</source>
        <translation>Diese Anmeldeantwort gehört nicht zu der Anmeldung, die die Wallet gestartet hat. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The sign-in response came from a different server than expected. Start again.</source>
        <translation>Die Anmeldeantwort kam von einem anderen Server als erwartet. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>You declined, or the issuer refused, the request.</source>
        <translation>Sie haben die Anfrage abgelehnt oder der Aussteller hat sie zurückgewiesen.</translation>
    </message>
    <message>
        <source>The issuer does not offer the requested credential this way.</source>
        <translation>Der Aussteller bietet den angefragten Nachweis auf diesem Weg nicht an.</translation>
    </message>
    <message>
        <source>You need to sign in at the issuer.</source>
        <translation>Sie müssen sich beim Aussteller anmelden.</translation>
    </message>
    <message>
        <source>The issuer is temporarily unavailable. Try later.</source>
        <translation>Der Aussteller ist vorübergehend nicht verfügbar. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer could not complete the sign-in.</source>
        <translation>Der Aussteller konnte die Anmeldung nicht abschließen.</translation>
    </message>
    <message>
        <source>The sign-in response is incomplete. Start again.</source>
        <translation>Die Anmeldeantwort ist unvollständig. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The sign-in response carries no authorization code. Start again.</source>
        <translation>Die Anmeldeantwort enthält keinen Autorisierungscode. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The issuer cannot be asked for this credential by sign-in: it has no scope and its sign-in service does not accept credential requests.</source>
        <translation>Dieser Nachweis kann beim Aussteller nicht per Anmeldung angefragt werden: Er hat keinen Scope, und der Anmeldedienst nimmt keine Nachweis-Anfragen an.</translation>
    </message>
    <message>
        <source>The credential offer could not be fetched from the issuer. It may have expired; ask the issuer for a new one.</source>
        <translation>Das Nachweis-Angebot konnte nicht vom Aussteller abgerufen werden. Es ist vielleicht abgelaufen; bitten Sie den Aussteller um ein neues.</translation>
    </message>
    <message>
        <source>The issuer sent the offer in a form the wallet does not accept.</source>
        <translation>Der Aussteller hat das Angebot in einer Form gesendet, die die Wallet nicht annimmt.</translation>
    </message>
    <message>
        <source>The issuer&apos;s sign-in service answered without a request reference.</source>
        <translation>Der Anmeldedienst des Ausstellers hat ohne Anfrage-Referenz geantwortet.</translation>
    </message>
    <message>
        <source>The issuer&apos;s answer to the nonce request cannot be used.</source>
        <translation>Die Antwort des Ausstellers auf die Nonce-Anfrage ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>The issuer answered without the encryption the wallet asked for, so the answer was not used.</source>
        <translation>Der Aussteller hat ohne die von der Wallet verlangte Verschlüsselung geantwortet; die Antwort wurde daher nicht verwendet.</translation>
    </message>
    <message>
        <source>The issuer no longer offers delivery of pending credentials.</source>
        <translation>Der Aussteller liefert ausstehende Nachweise nicht mehr aus.</translation>
    </message>
    <message>
        <source>The issuer sent an encrypted answer the wallet did not ask for.</source>
        <translation>Der Aussteller hat eine verschlüsselte Antwort gesendet, die die Wallet nicht angefordert hat.</translation>
    </message>
    <message>
        <source>The issuer&apos;s answer did not contain a usable credential.</source>
        <translation>Die Antwort des Ausstellers enthielt keinen verwendbaren Nachweis.</translation>
    </message>
    <message>
        <source>A stored key could not be read.</source>
        <translation>Ein gespeicherter Schlüssel konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s encrypted answer could not be read.</source>
        <translation>Die verschlüsselte Antwort des Ausstellers konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s encryption key cannot be used.</source>
        <translation>Der Verschlüsselungsschlüssel des Ausstellers ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>The issuer&apos;s encrypted answer could not be decrypted.</source>
        <translation>Die verschlüsselte Antwort des Ausstellers konnte nicht entschlüsselt werden.</translation>
    </message>
    <message>
        <source>The issuer uses an insecure or invalid address, so the wallet will not contact it.</source>
        <translation>Der Aussteller verwendet eine unsichere oder ungültige Adresse; die Wallet nimmt daher keinen Kontakt auf.</translation>
    </message>
    <message>
        <source>The issuer did not accept the code. It may be wrong, used or expired.</source>
        <translation>Der Aussteller hat den Code nicht angenommen. Er ist vielleicht falsch, schon verwendet oder abgelaufen.</translation>
    </message>
    <message>
        <source>{problem}. See &apos;{prog} --help&apos;.</source>
        <translation>{problem}. Siehe „{prog} --help“.</translation>
    </message>
    <message>
        <source>No answer came back from the browser within {minutes} minutes. Start the issuance again.</source>
        <translation>Innerhalb von {minutes} Minuten kam keine Antwort vom Browser. Starten Sie die Ausstellung erneut.</translation>
    </message>
    <message>
        <source>&apos;trust add&apos; needs a certificate file.</source>
        <translation>„trust add“ braucht eine Zertifikatsdatei.</translation>
    </message>
    <message>
        <source>&apos;trust remove&apos; needs the id of a trust anchor.</source>
        <translation>„trust remove“ braucht die ID eines Vertrauensankers.</translation>
    </message>
    <message>
        <source>&apos;trust list&apos; takes no argument.</source>
        <translation>„trust list“ nimmt kein Argument an.</translation>
    </message>
    <message>
        <source>Use &apos;wallet-app trust add FILE&apos;, &apos;trust list&apos; or &apos;trust remove ID&apos;.</source>
        <translation>Verwenden Sie „wallet-app trust add DATEI“, „trust list“ oder „trust remove ID“.</translation>
    </message>
    <message>
        <source>The extra CA certificate file {path} could not be read.</source>
        <translation>Die zusätzliche CA-Zertifikatsdatei {path} konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The credential did not pass verification, so it was not stored.</source>
        <translation>Der Nachweis hat die Prüfung nicht bestanden und wurde daher nicht gespeichert.</translation>
    </message>
    <message>
        <source>The wallet cannot use its private folder for talking to other wallet windows.</source>
        <translation>Die Wallet kann ihren privaten Ordner für den Austausch mit anderen Wallet-Fenstern nicht verwenden.</translation>
    </message>
    <message>
        <source>Another program answered in place of the running wallet, so the link was not handed over. Close other wallet windows and try again.</source>
        <translation>Ein anderes Programm hat anstelle der laufenden Wallet geantwortet, daher wurde der Link nicht übergeben. Schließen Sie andere Wallet-Fenster und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The running wallet did not answer. Close it and try again.</source>
        <translation>Die laufende Wallet hat nicht geantwortet. Schließen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The wallet could not set up its link with other wallet windows.</source>
        <translation>Die Wallet konnte die Verbindung zu anderen Wallet-Fenstern nicht einrichten.</translation>
    </message>
    <message>
        <source>Registering the wallet for links from this menu works on Linux and Windows. On macOS the app registers itself when it is copied to Applications.</source>
        <translation>Die Registrierung der Wallet für Links über dieses Menü funktioniert unter Linux und Windows. Unter macOS registriert sich die App selbst, wenn sie in den Ordner „Programme“ kopiert wird.</translation>
    </message>
    <message>
        <source>The desktop did not accept Wallet as the handler for {schemes} links.</source>
        <translation>Der Desktop hat Wallet nicht als Programm für {schemes}-Links übernommen.</translation>
    </message>
    <message>
        <source>Windows did not let the wallet register for links.</source>
        <translation>Windows hat der Wallet nicht erlaubt, sich für Links zu registrieren.</translation>
    </message>
    <message>
        <source>The issuer&apos;s configuration could not be found. The issuer may be misconfigured or offline.</source>
        <translation>Die Konfiguration des Ausstellers wurde nicht gefunden. Der Aussteller ist möglicherweise falsch eingerichtet oder offline.</translation>
    </message>
    <message>
        <source>The sign-in service&apos;s configuration could not be found. The issuer may be misconfigured or offline.</source>
        <translation>Die Konfiguration des Anmeldedienstes wurde nicht gefunden. Der Aussteller ist möglicherweise falsch eingerichtet oder offline.</translation>
    </message>
    <message>
        <source>This issuer requires encrypted requests in a way this wallet does not support.</source>
        <translation>Dieser Aussteller verlangt verschlüsselte Anfragen auf eine Weise, die diese Wallet nicht unterstützt.</translation>
    </message>
    <message>
        <source>This issuer requires encrypted responses in a way this wallet does not support.</source>
        <translation>Dieser Aussteller verlangt verschlüsselte Antworten auf eine Weise, die diese Wallet nicht unterstützt.</translation>
    </message>
    <message>
        <source>The transaction code is wrong. Check it and try again.</source>
        <translation>Der Transaktionscode ist falsch. Prüfen Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The issuer does not accept this wallet as a client. Check the client id.</source>
        <translation>Der Aussteller akzeptiert diese Wallet nicht als Client. Prüfen Sie die Client-ID.</translation>
    </message>
    <message>
        <source>The issuer does not accept this wallet as a client.</source>
        <translation>Der Aussteller akzeptiert diese Wallet nicht als Client.</translation>
    </message>
    <message>
        <source>The issuer rejected the request as malformed.</source>
        <translation>Der Aussteller hat die Anfrage als fehlerhaft abgelehnt.</translation>
    </message>
    <message>
        <source>Access was denied at the issuer.</source>
        <translation>Der Aussteller hat den Zugriff verweigert.</translation>
    </message>
    <message>
        <source>The issuer did not accept the wallet&apos;s access token. Start again.</source>
        <translation>Der Aussteller hat das Zugriffstoken der Wallet nicht angenommen. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The issuer did not accept the wallet&apos;s key proof.</source>
        <translation>Der Aussteller hat den Schlüsselnachweis der Wallet nicht angenommen.</translation>
    </message>
    <message>
        <source>The issuer did not accept the wallet&apos;s key proof (stale nonce).</source>
        <translation>Der Aussteller hat den Schlüsselnachweis der Wallet nicht angenommen (veraltete Nonce).</translation>
    </message>
    <message>
        <source>The issuer declined to issue this credential.</source>
        <translation>Der Aussteller hat es abgelehnt, diesen Nachweis auszustellen.</translation>
    </message>
    <message>
        <source>The issuer rejected the credential request as malformed.</source>
        <translation>Der Aussteller hat die Nachweis-Anfrage als fehlerhaft abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer does not know the requested credential.</source>
        <translation>Der Aussteller kennt den angefragten Nachweis nicht.</translation>
    </message>
    <message>
        <source>The issuer&apos;s sign-in service answered the challenge request with nothing the wallet can use.</source>
        <translation>Der Anmeldedienst des Ausstellers hat auf die Challenge-Anfrage nichts geantwortet, was die Wallet verwenden kann.</translation>
    </message>
    <message>
        <source>The issuer no longer knows this pending credential.</source>
        <translation>Der Aussteller kennt diesen ausstehenden Nachweis nicht mehr.</translation>
    </message>
    <message>
        <source>The issuer requires encryption the wallet did not use.</source>
        <translation>Der Aussteller verlangt eine Verschlüsselung, die die Wallet nicht verwendet hat.</translation>
    </message>
    <message>
        <source>The credential is not ready yet.</source>
        <translation>Der Nachweis ist noch nicht fertig.</translation>
    </message>
    <message>
        <source>The issuer&apos;s authorization has expired. Start again.</source>
        <translation>Die Autorisierung des Ausstellers ist abgelaufen. Beginnen Sie erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the sign-in request. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Anmeldeanfrage. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the token request. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Token-Anfrage. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the nonce request. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Nonce-Anfrage. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the credential request. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Nachweis-Anfrage. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the deferred credential request. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Anfrage nach dem ausstehenden Nachweis. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer had a problem with the notification. Try again later.</source>
        <translation>Der Aussteller hatte ein Problem mit der Benachrichtigung. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer&apos;s sign-in request address was not found.</source>
        <translation>Die Adresse des Ausstellers für die Anmeldeanfrage wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s token request address was not found.</source>
        <translation>Die Adresse des Ausstellers für die Token-Anfrage wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s nonce request address was not found.</source>
        <translation>Die Adresse des Ausstellers für die Nonce-Anfrage wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s credential request address was not found.</source>
        <translation>Die Adresse des Ausstellers für die Nachweis-Anfrage wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s deferred credential request address was not found.</source>
        <translation>Die Adresse des Ausstellers für ausstehende Nachweise wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer&apos;s notification address was not found.</source>
        <translation>Die Adresse des Ausstellers für Benachrichtigungen wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The issuer refused the sign-in request.</source>
        <translation>Der Aussteller hat die Anmeldeanfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer refused the token request.</source>
        <translation>Der Aussteller hat die Token-Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer refused the nonce request.</source>
        <translation>Der Aussteller hat die Nonce-Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer refused the credential request.</source>
        <translation>Der Aussteller hat die Nachweis-Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer refused the deferred credential request.</source>
        <translation>Der Aussteller hat die Anfrage nach dem ausstehenden Nachweis abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer refused the notification.</source>
        <translation>Der Aussteller hat die Benachrichtigung abgelehnt.</translation>
    </message>
    <message>
        <source>The issuer sent a much larger answer than expected, so the wallet stopped reading.</source>
        <translation>Der Aussteller hat eine viel größere Antwort als erwartet gesendet; die Wallet hat das Lesen daher abgebrochen.</translation>
    </message>
    <message>
        <source>The issuer sent an answer the wallet cannot read.</source>
        <translation>Der Aussteller hat eine Antwort gesendet, die die Wallet nicht lesen kann.</translation>
    </message>
    <message>
        <source>The issuer redirected the wallet too many times.</source>
        <translation>Der Aussteller hat die Wallet zu oft weitergeleitet.</translation>
    </message>
    <message>
        <source>{host} took too long to answer. Try again later.</source>
        <translation>{host} hat zu lange nicht geantwortet. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>{host} could not be reached. Check the address and your connection.</source>
        <translation>{host} ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.</translation>
    </message>
    <message>
        <source>{host} could not be reached through the proxy. Check the proxy in the settings (General, Proxy) or the HTTPS_PROXY environment variable.</source>
        <translation>{host} war über den Proxy nicht erreichbar. Prüfen Sie den Proxy in den Einstellungen (Allgemein, Proxy) oder die Umgebungsvariable HTTPS_PROXY.</translation>
    </message>
    <message>
        <source>The issuer uses an invalid address, so the wallet will not contact it.</source>
        <translation>Der Aussteller verwendet eine ungültige Adresse; die Wallet nimmt daher keinen Kontakt auf.</translation>
    </message>
    <message>
        <source>The connection to {host} failed.</source>
        <translation>Die Verbindung zu {host} ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The issuer redirected the wallet from a secure (https) address to an insecure one, so the wallet did not follow.</source>
        <translation>Der Aussteller hat die Wallet von einer sicheren (https-)Adresse an eine unsichere weitergeleitet; die Wallet ist der Weiterleitung daher nicht gefolgt.</translation>
    </message>
    <message>
        <source>{host} was too slow: its answer did not arrive within {seconds} seconds, so the wallet stopped waiting. Try again later.</source>
        <translation>{host} war zu langsam: Die Antwort kam nicht innerhalb von {seconds} Sekunden, daher hat die Wallet aufgehört zu warten. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The issuer&apos;s configuration is nested too deeply, so the wallet did not read it.</source>
        <translation>Die Konfiguration des Ausstellers ist zu tief verschachtelt; die Wallet hat sie daher nicht gelesen.</translation>
    </message>
    <message>
        <source>The sign-in service&apos;s configuration is nested too deeply, so the wallet did not read it.</source>
        <translation>Die Konfiguration des Anmeldedienstes ist zu tief verschachtelt; die Wallet hat sie daher nicht gelesen.</translation>
    </message>
    <message>
        <source>The issuer answered, but the wallet cannot read its configuration: it is not valid JSON. The issuer must fix its metadata.</source>
        <translation>Der Aussteller hat geantwortet, aber die Wallet kann seine Konfiguration nicht lesen: Sie ist kein gültiges JSON. Der Aussteller muss seine Metadaten korrigieren.</translation>
    </message>
    <message>
        <source>The sign-in service answered, but the wallet cannot read its configuration: it is not valid JSON. The issuer must fix its metadata.</source>
        <translation>Der Anmeldedienst hat geantwortet, aber die Wallet kann seine Konfiguration nicht lesen: Sie ist kein gültiges JSON. Der Aussteller muss seine Metadaten korrigieren.</translation>
    </message>
    <message>
        <source>The issuer&apos;s encrypted answer is nested too deeply or holds invalid text, so the wallet did not read it.</source>
        <translation>Die verschlüsselte Antwort des Ausstellers ist zu tief verschachtelt oder enthält ungültigen Text; die Wallet hat sie daher nicht gelesen.</translation>
    </message>
    <message>
        <source>The issuer sent an answer nested too deeply or holding invalid text, so the wallet did not read it.</source>
        <translation>Der Aussteller hat eine Antwort gesendet, die zu tief verschachtelt ist oder ungültigen Text enthält; die Wallet hat sie daher nicht gelesen.</translation>
    </message>
    <message>
        <source>{host} sent an answer in a compressed form the wallet cannot read.</source>
        <translation>{host} hat eine Antwort in einem komprimierten Format gesendet, das die Wallet nicht lesen kann.</translation>
    </message>
    <message>
        <source>A secure connection to {host} could not be established: its certificate is not trusted. If this is a test issuer, add its CA certificate in the settings (or SSL_CERT_FILE).</source>
        <translation>Zu {host} konnte keine sichere Verbindung aufgebaut werden: Dem Zertifikat des Servers wird nicht vertraut. Ist dies ein Test-Aussteller, fügen Sie sein CA-Zertifikat in den Einstellungen hinzu (oder über SSL_CERT_FILE).</translation>
    </message>
    <message>
        <source>The issuer address is not valid.</source>
        <translation>Die Adresse des Ausstellers ist ungültig.</translation>
    </message>
    <message>
        <source>The authorization server address is not valid.</source>
        <translation>Die Adresse des Autorisierungsservers ist ungültig.</translation>
    </message>
    <message>
        <source>The issuer configuration has an invalid address for {key}.</source>
        <translation>Die Konfiguration des Ausstellers enthält eine ungültige Adresse für {key}.</translation>
    </message>
    <message>
        <source>The authorization server configuration has an invalid address for {key}.</source>
        <translation>Die Konfiguration des Autorisierungsservers enthält eine ungültige Adresse für {key}.</translation>
    </message>
    <message>
        <source>The configuration found is for “{received}”, not for “{expected}”. The wallet will not use it.</source>
        <translation>Die gefundene Konfiguration gilt für „{received}“, nicht für „{expected}“. Die Wallet verwendet sie nicht.</translation>
    </message>
    <message>
        <source>The issuer&apos;s configuration has no credential endpoint.</source>
        <translation>Die Konfiguration des Ausstellers enthält keinen Credential-Endpunkt.</translation>
    </message>
    <message>
        <source>The issuer does not describe any credential this wallet can request.</source>
        <translation>Der Aussteller beschreibt keinen Nachweis, den diese Wallet anfragen kann.</translation>
    </message>
    <message>
        <source>A credential description of the issuer is malformed.</source>
        <translation>Eine Nachweisbeschreibung des Ausstellers ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The authorization server&apos;s configuration has no token endpoint.</source>
        <translation>Die Konfiguration des Autorisierungsservers enthält keinen Token-Endpunkt.</translation>
    </message>
    <message>
        <source>The offer names an authorization server that the issuer does not list, so the wallet will not continue.</source>
        <translation>Das Angebot nennt einen Autorisierungsserver, den der Aussteller nicht aufführt; die Wallet fährt daher nicht fort.</translation>
    </message>
    <message>
        <source>This link has no credential offer in it.</source>
        <translation>Dieser Link enthält kein Nachweis-Angebot.</translation>
    </message>
    <message>
        <source>There is no credential offer to read: the text is empty.</source>
        <translation>Es gibt kein Nachweis-Angebot zu lesen: Der Text ist leer.</translation>
    </message>
    <message>
        <source>This link is ambiguous: it carries more than one credential offer.</source>
        <translation>Dieser Link ist mehrdeutig: Er enthält mehr als ein Nachweis-Angebot.</translation>
    </message>
    <message>
        <source>This offer uses an old draft format this wallet cannot request.</source>
        <translation>Dieses Angebot verwendet ein altes Entwurfsformat, das diese Wallet nicht anfragen kann.</translation>
    </message>
    <message>
        <source>The offer link points to an address that is not secure (https is required).</source>
        <translation>Der Angebotslink verweist auf eine unsichere Adresse (https ist erforderlich).</translation>
    </message>
    <message>
        <source>The credential offer is damaged: it is not a JSON object.</source>
        <translation>Das Nachweis-Angebot ist beschädigt: Es ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The offer does not name a valid issuer address.</source>
        <translation>Das Angebot nennt keine gültige Aussteller-Adresse.</translation>
    </message>
    <message>
        <source>This offer lists {count} credentials at once; the wallet takes at most {limit} from one offer, so it requested none. Ask the issuer for a smaller offer.</source>
        <translation>Dieses Angebot führt {count} Nachweise auf einmal auf; die Wallet übernimmt höchstens {limit} aus einem Angebot und hat daher keinen angefordert. Bitten Sie den Aussteller um ein kleineres Angebot.</translation>
    </message>
    <message>
        <source>The offer&apos;s grants are malformed.</source>
        <translation>Die Berechtigungen (Grants) des Angebots sind fehlerhaft.</translation>
    </message>
    <message>
        <source>The offer names no credentials.</source>
        <translation>Das Angebot nennt keine Nachweise.</translation>
    </message>
    <message>
        <source>The offer&apos;s list of credentials is malformed.</source>
        <translation>Die Nachweisliste des Angebots ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The offer lists the same credential twice.</source>
        <translation>Das Angebot führt denselben Nachweis zweimal auf.</translation>
    </message>
    <message>
        <source>The offer&apos;s authorization grant is malformed.</source>
        <translation>Die Autorisierungsberechtigung des Angebots ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The offer&apos;s pre-authorized grant is malformed.</source>
        <translation>Die Vorab-Autorisierung des Angebots ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The offer&apos;s pre-authorized code is missing.</source>
        <translation>Dem Angebot fehlt der vorab autorisierte Code.</translation>
    </message>
    <message>
        <source>The offer&apos;s transaction code settings are malformed.</source>
        <translation>Die Transaktionscode-Angaben des Angebots sind fehlerhaft.</translation>
    </message>
    <message>
        <source>This is not a valid link.</source>
        <translation>Dies ist kein gültiger Link.</translation>
    </message>
    <message>
        <source>The credential offer is damaged: it is nested too deeply or holds invalid text.</source>
        <translation>Das Nachweis-Angebot ist beschädigt: Es ist zu tief verschachtelt oder enthält ungültigen Text.</translation>
    </message>
    <message>
        <source>The credential offer is damaged: its content is not valid JSON.</source>
        <translation>Das Nachweis-Angebot ist beschädigt: Sein Inhalt ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>This issuer needs a key type this wallet does not support.</source>
        <translation>Dieser Aussteller verlangt einen Schlüsseltyp, den diese Wallet nicht unterstützt.</translation>
    </message>
    <message>
        <source>This issuer needs a kind of key proof this wallet cannot make.</source>
        <translation>Dieser Aussteller verlangt eine Art von Schlüsselnachweis, die diese Wallet nicht erstellen kann.</translation>
    </message>
    <message>
        <source>The issuer&apos;s token answer cannot be used.</source>
        <translation>Die Token-Antwort des Ausstellers ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>The settings could not be saved.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>WALLET_APP_SIGNED_METADATA must be ignore, prefer or require.</source>
        <translation>WALLET_APP_SIGNED_METADATA muss ignore, prefer oder require sein.</translation>
    </message>
    <message>
        <source>WALLET_APP_TIMEOUT must be a positive number of seconds.</source>
        <translation>WALLET_APP_TIMEOUT muss eine positive Anzahl von Sekunden sein.</translation>
    </message>
    <message>
        <source>No certificate could be read from {name}. Use a PEM or DER certificate file, or an ETSI trusted list (XML).</source>
        <translation>Aus {name} konnte kein Zertifikat gelesen werden. Verwenden Sie eine PEM- oder DER-Zertifikatsdatei oder eine ETSI-Vertrauensliste (XML).</translation>
    </message>
    <message>
        <source>The certificate {subject} has a critical extension the wallet does not know ({oid}).</source>
        <translation>Das Zertifikat {subject} hat eine kritische Erweiterung, die die Wallet nicht kennt ({oid}).</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate does not name the issuer {issuer} (its names: {names}).</source>
        <translation>Das Zertifikat des Unterzeichners nennt den Aussteller {issuer} nicht (seine Namen: {names}).</translation>
    </message>
    <message>
        <source>The certificate chain is valid: {count} certificate(s) from {leaf} up to {top}.</source>
        <translation>Die Zertifikatskette ist gültig: {count} Zertifikat(e) von {leaf} bis {top}.</translation>
    </message>
    <message>
        <source>No trust anchor vouches for the issuer: its certificate chain does not validate.</source>
        <translation>Kein Vertrauensanker bestätigt den Aussteller: Seine Zertifikatskette ist ungültig.</translation>
    </message>
    <message>
        <source>The issuer sent no certificate.</source>
        <translation>Der Aussteller hat kein Zertifikat gesendet.</translation>
    </message>
    <message>
        <source>The self-signed certificate {subject} is not signed by its own key.</source>
        <translation>Das selbstsignierte Zertifikat {subject} ist nicht mit seinem eigenen Schlüssel signiert.</translation>
    </message>
    <message>
        <source>The certificate {subject} is not signed by the certificate that names itself its issuer ({issuer}).</source>
        <translation>Das Zertifikat {subject} ist nicht von dem Zertifikat signiert, das als sein Aussteller auftritt ({issuer}).</translation>
    </message>
    <message>
        <source>The certificate chain is longer than {limit} certificates.</source>
        <translation>Die Zertifikatskette ist länger als {limit} Zertifikate.</translation>
    </message>
    <message>
        <source>The certificate {subject} is not valid before {date}.</source>
        <translation>Das Zertifikat {subject} ist erst ab {date} gültig.</translation>
    </message>
    <message>
        <source>The certificate {subject} expired on {date}.</source>
        <translation>Das Zertifikat {subject} ist am {date} abgelaufen.</translation>
    </message>
    <message>
        <source>The certificate {subject} was not valid when the credential was signed ({date}); it is valid from {start} to {end}.</source>
        <translation>Das Zertifikat {subject} war nicht gültig, als der Nachweis signiert wurde ({date}); es ist von {start} bis {end} gültig.</translation>
    </message>
    <message>
        <source>The certificate {subject} signs other certificates but is not a CA.</source>
        <translation>Das Zertifikat {subject} signiert andere Zertifikate, ist aber keine CA.</translation>
    </message>
    <message>
        <source>The certificate {subject} may not sign certificates (its key usage lacks keyCertSign).</source>
        <translation>Das Zertifikat {subject} darf keine Zertifikate signieren (seiner Schlüsselverwendung fehlt keyCertSign).</translation>
    </message>
    <message>
        <source>The certificate {subject} allows at most {limit} CA certificate(s) below it.</source>
        <translation>Das Zertifikat {subject} erlaubt höchstens {limit} CA-Zertifikat(e) unter sich.</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate names the issuer {issuer}.</source>
        <translation>Das Zertifikat des Unterzeichners nennt den Aussteller {issuer}.</translation>
    </message>
    <message>
        <source>{reason} ({count} more problem(s) with the chain.)</source>
        <translation>{reason} (Weitere Probleme mit der Kette: {count}.)</translation>
    </message>
    <message>
        <source>A certificate of the issuer cannot be read ({reason}).</source>
        <translation>Ein Zertifikat des Ausstellers kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>The certificate {subject} cannot be read ({reason}).</source>
        <translation>Das Zertifikat {subject} kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate {subject} may not be used for signatures (its key usage lacks digitalSignature).</source>
        <translation>Das Zertifikat des Unterzeichners, {subject}, darf nicht für Signaturen verwendet werden (seiner Schlüsselverwendung fehlt digitalSignature).</translation>
    </message>
    <message>
        <source>{anchor} is in your trust list and vouches for the issuer.</source>
        <translation>{anchor} steht in Ihrer Vertrauensliste und bestätigt den Aussteller.</translation>
    </message>
    <message>
        <source>{top} is not in your trust list.</source>
        <translation>{top} steht nicht in Ihrer Vertrauensliste.</translation>
    </message>
    <message>
        <source>The chain ends at {top}, whose issuer {issuer} is not in your trust list.</source>
        <translation>Die Kette endet bei {top}, dessen Aussteller {issuer} nicht in Ihrer Vertrauensliste steht.</translation>
    </message>
    <message>
        <source>The credential is bound to a key that is not this wallet&apos;s.</source>
        <translation>Der Nachweis ist an einen Schlüssel gebunden, der nicht zu dieser Wallet gehört.</translation>
    </message>
    <message>
        <source>The credential is not bound to a key of this wallet.</source>
        <translation>Der Nachweis ist an keinen Schlüssel dieser Wallet gebunden.</translation>
    </message>
    <message>
        <source>The credential is bound to this wallet&apos;s key.</source>
        <translation>Der Nachweis ist an den Schlüssel dieser Wallet gebunden.</translation>
    </message>
    <message>
        <source>The credential is valid now ({date}) and does not expire.</source>
        <translation>Der Nachweis ist jetzt gültig ({date}) und läuft nicht ab.</translation>
    </message>
    <message>
        <source>The credential is valid now ({date}); it expires on {until}.</source>
        <translation>Der Nachweis ist jetzt gültig ({date}); er läuft am {until} ab.</translation>
    </message>
    <message>
        <source>The credential was signed in the future ({date}).</source>
        <translation>Der Nachweis wurde in der Zukunft signiert ({date}).</translation>
    </message>
    <message>
        <source>The credential is not valid before {date}.</source>
        <translation>Der Nachweis ist erst ab {date} gültig.</translation>
    </message>
    <message>
        <source>The credential expired on {date}.</source>
        <translation>Der Nachweis ist am {date} abgelaufen.</translation>
    </message>
    <message>
        <source>The issuer&apos;s key is the one of its certificate {subject} (x5c).</source>
        <translation>Der Schlüssel des Ausstellers ist der seines Zertifikats {subject} (x5c).</translation>
    </message>
    <message>
        <source>The issuer&apos;s key was published at {url}.</source>
        <translation>Der Schlüssel des Ausstellers wurde unter {url} veröffentlicht.</translation>
    </message>
    <message>
        <source>The key comes from the issuer&apos;s web site, not from a certificate: no trust anchor vouches for it.</source>
        <translation>Der Schlüssel stammt von der Website des Ausstellers, nicht aus einem Zertifikat: Kein Vertrauensanker bestätigt ihn.</translation>
    </message>
    <message>
        <source>The issuer&apos;s certificate chain (x5c) cannot be read: {reason}</source>
        <translation>Die Zertifikatskette des Ausstellers (x5c) kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>{url} answered with HTTP status {status}.</source>
        <translation>{url} hat mit HTTP-Status {status} geantwortet.</translation>
    </message>
    <message>
        <source>The issuer&apos;s key set has no &quot;keys&quot; array.</source>
        <translation>Der Schlüsselsatz des Ausstellers hat kein „keys“-Array.</translation>
    </message>
    <message>
        <source>The issuer&apos;s key set has no key for this credential (kid {kid}).</source>
        <translation>Der Schlüsselsatz des Ausstellers enthält keinen Schlüssel für diesen Nachweis (kid {kid}).</translation>
    </message>
    <message>
        <source>A did:jwk names its own key: no trust anchor vouches for it.</source>
        <translation>Eine did:jwk nennt ihren eigenen Schlüssel: Kein Vertrauensanker bestätigt ihn.</translation>
    </message>
    <message>
        <source>The credential carries its own key (jwk header): no trust anchor vouches for it.</source>
        <translation>Der Nachweis bringt seinen eigenen Schlüssel mit (jwk-Header): Kein Vertrauensanker bestätigt ihn.</translation>
    </message>
    <message>
        <source>The issuer&apos;s key is its did:jwk identifier.</source>
        <translation>Der Schlüssel des Ausstellers ist seine did:jwk-Kennung.</translation>
    </message>
    <message>
        <source>The issuer&apos;s published key cannot be read: {reason}</source>
        <translation>Der veröffentlichte Schlüssel des Ausstellers kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The metadata at {url} names another issuer ({found}).</source>
        <translation>Die Metadaten unter {url} nennen einen anderen Aussteller ({found}).</translation>
    </message>
    <message>
        <source>The metadata at {url} must have either jwks or jwks_uri.</source>
        <translation>Die Metadaten unter {url} müssen entweder jwks oder jwks_uri enthalten.</translation>
    </message>
    <message>
        <source>The issuer&apos;s key could not be fetched from {url}: {reason}</source>
        <translation>Der Schlüssel des Ausstellers konnte nicht von {url} abgerufen werden: {reason}</translation>
    </message>
    <message>
        <source>The issuer&apos;s did:jwk cannot be read: {reason}</source>
        <translation>Die did:jwk des Ausstellers kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The issuer&apos;s key is embedded in the credential (jwk header).</source>
        <translation>Der Schlüssel des Ausstellers ist in den Nachweis eingebettet (jwk-Header).</translation>
    </message>
    <message>
        <source>The issuer&apos;s key was not fetched (the wallet is offline).</source>
        <translation>Der Schlüssel des Ausstellers wurde nicht abgerufen (die Wallet ist offline).</translation>
    </message>
    <message>
        <source>The issuer {issuer} names its key in a way the wallet cannot resolve.</source>
        <translation>Der Aussteller {issuer} gibt seinen Schlüssel auf eine Weise an, die die Wallet nicht auflösen kann.</translation>
    </message>
    <message>
        <source>The key in the credential&apos;s header cannot be read: {reason}</source>
        <translation>Der Schlüssel im Header des Nachweises kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The name {name} in the signer&apos;s certificate is outside what {ca} may certify (name constraints).</source>
        <translation>Der Name {name} im Zertifikat des Unterzeichners liegt außerhalb dessen, was {ca} zertifizieren darf (Namensbeschränkungen).</translation>
    </message>
    <message>
        <source>The signed issuer metadata has the type “{typ}”, not {expected}.</source>
        <translation>Die signierten Aussteller-Metadaten haben den Typ „{typ}“, nicht {expected}.</translation>
    </message>
    <message>
        <source>The signed issuer metadata uses the algorithm “{alg}”, which is not accepted.</source>
        <translation>Die signierten Aussteller-Metadaten verwenden den Algorithmus „{alg}“, der nicht akzeptiert wird.</translation>
    </message>
    <message>
        <source>The signed issuer metadata carries no certificate chain (x5c), so the wallet cannot establish trust in its signer.</source>
        <translation>Die signierten Aussteller-Metadaten enthalten keine Zertifikatskette (x5c); die Wallet kann daher nicht prüfen, ob ihrem Unterzeichner zu trauen ist.</translation>
    </message>
    <message>
        <source>The signature of the issuer metadata does not match the certificate it carries.</source>
        <translation>Die Signatur der Aussteller-Metadaten passt nicht zu dem Zertifikat, das sie enthalten.</translation>
    </message>
    <message>
        <source>The issuer metadata is signed by {signer}, and your trust anchor {anchor} vouches for it.</source>
        <translation>Die Aussteller-Metadaten sind von {signer} signiert, und Ihr Vertrauensanker {anchor} bestätigt diesen Unterzeichner.</translation>
    </message>
    <message>
        <source>The certificates of the signed issuer metadata cannot be read.</source>
        <translation>Die Zertifikate der signierten Aussteller-Metadaten können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The signed issuer metadata is about “{sub}”, not about “{issuer}”.</source>
        <translation>Die signierten Aussteller-Metadaten gelten für „{sub}“, nicht für „{issuer}“.</translation>
    </message>
    <message>
        <source>The signed issuer metadata names “{inner}” as the credential issuer.</source>
        <translation>Die signierten Aussteller-Metadaten nennen „{inner}“ als Aussteller (credential_issuer).</translation>
    </message>
    <message>
        <source>The signed issuer metadata does not say when it was issued.</source>
        <translation>Die signierten Aussteller-Metadaten geben nicht an, wann sie ausgestellt wurden.</translation>
    </message>
    <message>
        <source>The signed issuer metadata claims to be issued in the future.</source>
        <translation>Die signierten Aussteller-Metadaten tragen ein Ausstellungsdatum in der Zukunft.</translation>
    </message>
    <message>
        <source>The signed issuer metadata has expired.</source>
        <translation>Die signierten Aussteller-Metadaten sind abgelaufen.</translation>
    </message>
    <message>
        <source>No trust anchor vouches for it.</source>
        <translation>Kein Vertrauensanker bestätigt ihn.</translation>
    </message>
    <message>
        <source>The signer of the issuer metadata is not trusted, so the signed values were not used: {reason}</source>
        <translation>Dem Unterzeichner der Aussteller-Metadaten wird nicht vertraut; die signierten Werte wurden daher nicht verwendet: {reason}</translation>
    </message>
    <message>
        <source>The signed issuer metadata is not a JWT.</source>
        <translation>Die signierten Aussteller-Metadaten sind kein JWT.</translation>
    </message>
    <message>
        <source>The status list is signed by a key that is neither the issuer&apos;s nor certified by an anchor in your trust list.</source>
        <translation>Die Statusliste ist mit einem Schlüssel signiert, der weder dem Aussteller gehört noch von einem Vertrauensanker in Ihrer Vertrauensliste zertifiziert ist.</translation>
    </message>
    <message>
        <source>The status list gives the value {value}, which the wallet does not know.</source>
        <translation>Die Statusliste nennt den Wert {value}, den die Wallet nicht kennt.</translation>
    </message>
    <message>
        <source>The issuer&apos;s status list says the credential is valid.</source>
        <translation>Laut der Statusliste des Ausstellers ist der Nachweis gültig.</translation>
    </message>
    <message>
        <source>The issuer has revoked the credential (status list entry {idx}).</source>
        <translation>Der Aussteller hat den Nachweis widerrufen (Eintrag {idx} der Statusliste).</translation>
    </message>
    <message>
        <source>The issuer has suspended the credential (status list entry {idx}).</source>
        <translation>Der Aussteller hat den Nachweis ausgesetzt (Eintrag {idx} der Statusliste).</translation>
    </message>
    <message>
        <source>The status could not be checked: {reason}</source>
        <translation>Der Status konnte nicht geprüft werden: {reason}</translation>
    </message>
    <message>
        <source>The credential&apos;s entry {idx} is outside the status list ({size} entries).</source>
        <translation>Der Eintrag {idx} des Nachweises liegt außerhalb der Statusliste ({size} Einträge).</translation>
    </message>
    <message>
        <source>The status list server answered with HTTP {status}.</source>
        <translation>Der Statuslisten-Server hat mit HTTP {status} geantwortet.</translation>
    </message>
    <message>
        <source>The status list server answered with “{type}”, not a status list token.</source>
        <translation>Der Statuslisten-Server hat mit „{type}“ geantwortet, nicht mit einem Statuslisten-Token.</translation>
    </message>
    <message>
        <source>The status list token is about “{sub}”, not about “{uri}”.</source>
        <translation>Das Statuslisten-Token gilt für „{sub}“, nicht für „{uri}“.</translation>
    </message>
    <message>
        <source>The status list token does not say when it was issued (iat).</source>
        <translation>Das Statuslisten-Token gibt nicht an, wann es ausgestellt wurde (iat).</translation>
    </message>
    <message>
        <source>The status list token is not valid yet.</source>
        <translation>Das Statuslisten-Token ist noch nicht gültig.</translation>
    </message>
    <message>
        <source>The status list token has expired.</source>
        <translation>Das Statuslisten-Token ist abgelaufen.</translation>
    </message>
    <message>
        <source>The status list token has an invalid ttl.</source>
        <translation>Das Statuslisten-Token hat eine ungültige ttl.</translation>
    </message>
    <message>
        <source>The status list token has the type “{typ}”, not statuslist+jwt.</source>
        <translation>Das Statuslisten-Token hat den Typ „{typ}“, nicht statuslist+jwt.</translation>
    </message>
    <message>
        <source>The status list token has the type “{typ}”, not statuslist+cwt.</source>
        <translation>Das Statuslisten-Token hat den Typ „{typ}“, nicht statuslist+cwt.</translation>
    </message>
    <message>
        <source>The status list&apos;s signature does not match the certificate it carries.</source>
        <translation>Die Signatur der Statusliste passt nicht zu dem Zertifikat, das sie enthält.</translation>
    </message>
    <message>
        <source>The status list token uses the algorithm “{alg}”, which is not accepted.</source>
        <translation>Das Statuslisten-Token verwendet den Algorithmus „{alg}“, der nicht akzeptiert wird.</translation>
    </message>
    <message>
        <source>The status list&apos;s signer is not trusted: {reason}</source>
        <translation>Dem Unterzeichner der Statusliste wird nicht vertraut: {reason}</translation>
    </message>
    <message>
        <source>The status list was not fetched (no network access).</source>
        <translation>Die Statusliste wurde nicht abgerufen (kein Netzwerkzugriff).</translation>
    </message>
    <message>
        <source>The status list could not be fetched: {reason}</source>
        <translation>Die Statusliste konnte nicht abgerufen werden: {reason}</translation>
    </message>
    <message>
        <source>The status list token is not a JWT.</source>
        <translation>Das Statuslisten-Token ist kein JWT.</translation>
    </message>
    <message>
        <source>The status list in the token is malformed ({problem}).</source>
        <translation>Die Statusliste im Token ist fehlerhaft ({problem}).</translation>
    </message>
    <message>
        <source>The status list token is not a CWT ({problem}).</source>
        <translation>Das Statuslisten-Token ist kein CWT ({problem}).</translation>
    </message>
    <message>
        <source>The status list&apos;s certificates cannot be read.</source>
        <translation>Die Zertifikate der Statusliste können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>the claim metadata of {url} is malformed.</source>
        <translation>die Metadaten der Angaben von {url} sind fehlerhaft.</translation>
    </message>
    <message>
        <source>The credential type “{vct}” is not a URL, so there is no type metadata to fetch.</source>
        <translation>Der Nachweistyp „{vct}“ ist keine URL; es gibt daher keine Typ-Metadaten abzurufen.</translation>
    </message>
    <message>
        <source>The type metadata was not fetched (no network access).</source>
        <translation>Die Typ-Metadaten wurden nicht abgerufen (kein Netzwerkzugriff).</translation>
    </message>
    <message>
        <source>Type metadata for “{vct}” was found; it extends {count} other type(s).</source>
        <translation>Typ-Metadaten für „{vct}“ gefunden; sie erweitern {count} weitere(n) Typ(en).</translation>
    </message>
    <message>
        <source>Type metadata for “{vct}” was found.</source>
        <translation>Typ-Metadaten für „{vct}“ gefunden.</translation>
    </message>
    <message>
        <source>The type metadata could not be used: {reason}</source>
        <translation>Die Typ-Metadaten konnten nicht verwendet werden: {reason}</translation>
    </message>
    <message>
        <source>{url} answered with HTTP {status}.</source>
        <translation>{url} hat mit HTTP {status} geantwortet.</translation>
    </message>
    <message>
        <source>the document at {url} is not a JSON object.</source>
        <translation>das Dokument unter {url} ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>the document at {url} describes “{vct}” instead.</source>
        <translation>das Dokument unter {url} beschreibt stattdessen „{vct}“.</translation>
    </message>
    <message>
        <source>the display metadata of {url} is not a list.</source>
        <translation>die Anzeige-Metadaten von {url} sind keine Liste.</translation>
    </message>
    <message>
        <source>the extended type “{vct}” is not a URL.</source>
        <translation>der erweiterte Typ „{vct}“ ist keine URL.</translation>
    </message>
    <message>
        <source>extends#integrity is not a string.</source>
        <translation>extends#integrity ist keine Zeichenkette.</translation>
    </message>
    <message>
        <source>the type “{vct}” changes a claim rule that the type it extends fixed.</source>
        <translation>der Typ „{vct}“ ändert eine Regel für eine Angabe, die der erweiterte Typ festgelegt hat.</translation>
    </message>
    <message>
        <source>the type “{vct}” extends itself (a loop).</source>
        <translation>der Typ „{vct}“ erweitert sich selbst (eine Schleife).</translation>
    </message>
    <message>
        <source>the chain of extended types is longer than {depth}.</source>
        <translation>die Kette erweiterter Typen ist länger als {depth}.</translation>
    </message>
    <message>
        <source>the document at {url} does not match its integrity value.</source>
        <translation>das Dokument unter {url} passt nicht zu seinem Integritätswert.</translation>
    </message>
    <message>
        <source>the document at {url} is not JSON.</source>
        <translation>das Dokument unter {url} ist kein JSON.</translation>
    </message>
    <message>
        <source>The wallet does not verify {format} credentials: the issuer was not checked.</source>
        <translation>Die Wallet prüft keine {format}-Nachweise: Der Aussteller wurde nicht geprüft.</translation>
    </message>
    <message>
        <source>A {format} credential must be a string.</source>
        <translation>Ein {format}-Nachweis muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <source>The credential is a well-formed {format}.</source>
        <translation>Der Nachweis ist wohlgeformt ({format}).</translation>
    </message>
    <message>
        <source>The disclosures do not match the digests the issuer signed: {problems}</source>
        <translation>Die Disclosures passen nicht zu den Hashwerten, die der Aussteller signiert hat: {problems}</translation>
    </message>
    <message>
        <source>The issuer&apos;s signature ({alg}) does not match the credential.</source>
        <translation>Die Signatur des Ausstellers ({alg}) passt nicht zum Nachweis.</translation>
    </message>
    <message>
        <source>All {count} disclosure(s) match digests the issuer signed.</source>
        <translation>Alle {count} Disclosure(s) passen zu Hashwerten, die der Aussteller signiert hat.</translation>
    </message>
    <message>
        <source>The signature could not be checked: the issuer&apos;s key is not known.</source>
        <translation>Die Signatur konnte nicht geprüft werden: Der Schlüssel des Ausstellers ist nicht bekannt.</translation>
    </message>
    <message>
        <source>The issuer&apos;s signature ({alg}) is valid.</source>
        <translation>Die Signatur des Ausstellers ({alg}) ist gültig.</translation>
    </message>
    <message>
        <source>The credential cannot be read: {reason}</source>
        <translation>Der Nachweis kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The credential has no vct type.</source>
        <translation>Der Nachweis hat keinen vct-Typ.</translation>
    </message>
    <message>
        <source>The data elements do not match the digests the issuer signed: {problems}</source>
        <translation>Die Datenelemente passen nicht zu den Hashwerten, die der Aussteller signiert hat: {problems}</translation>
    </message>
    <message>
        <source>The issuer signed the document type {doc_type}.</source>
        <translation>Der Aussteller hat den Dokumenttyp {doc_type} signiert.</translation>
    </message>
    <message>
        <source>The credential is a well-formed mso_mdoc IssuerSigned structure.</source>
        <translation>Der Nachweis ist eine wohlgeformte mso_mdoc-IssuerSigned-Struktur.</translation>
    </message>
    <message>
        <source>The issuer&apos;s signature over the Mobile Security Object is valid.</source>
        <translation>Die Signatur des Ausstellers über das Mobile Security Object ist gültig.</translation>
    </message>
    <message>
        <source>All {count} data element(s) match the digests the issuer signed.</source>
        <translation>Alle {count} Datenelement(e) passen zu den Hashwerten, die der Aussteller signiert hat.</translation>
    </message>
    <message>
        <source>The Mobile Security Object names no document type.</source>
        <translation>Das Mobile Security Object nennt keinen Dokumenttyp.</translation>
    </message>
    <message>
        <source>The document says it is a {document} but the issuer signed a {signed}.</source>
        <translation>Das Dokument gibt sich als {document} aus, der Aussteller hat aber {signed} signiert.</translation>
    </message>
    <message>
        <source>The issuer&apos;s certificate chain (x5chain) cannot be read: {reason}</source>
        <translation>Die Zertifikatskette des Ausstellers (x5chain) kann nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>The signature could not be checked: the issuer sent no certificate.</source>
        <translation>Die Signatur konnte nicht geprüft werden: Der Aussteller hat kein Zertifikat gesendet.</translation>
    </message>
    <message>
        <source>The issuer&apos;s signature does not match the Mobile Security Object.</source>
        <translation>Die Signatur des Ausstellers passt nicht zum Mobile Security Object.</translation>
    </message>
    <message>
        <source>still pending; next poll in {seconds} s</source>
        <translation>noch ausstehend; nächste Abfrage in {seconds} s</translation>
    </message>
    <message>
        <source>{name} will not be issued: {reason}</source>
        <translation>{name} wird nicht ausgestellt: {reason}</translation>
    </message>
    <message>
        <source>{reason} The pending entry was removed.</source>
        <translation>{reason} Der ausstehende Eintrag wurde entfernt.</translation>
    </message>
    <message>
        <source>The pending entry was removed meanwhile.</source>
        <translation>Der ausstehende Eintrag wurde inzwischen entfernt.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>The issuer does not describe the credential it offers, so it cannot be received.</source>
        <translation>Der Aussteller beschreibt den angebotenen Nachweis nicht; er kann daher nicht empfangen werden.</translation>
    </message>
    <message>
        <source>This offer cannot be received without signing in.</source>
        <translation>Dieses Angebot kann nicht ohne Anmeldung empfangen werden.</translation>
    </message>
    <message>
        <source>No sign-in is waiting for this response. It may have expired or been used already; start the issuance again.</source>
        <translation>Keine Anmeldung wartet auf diese Antwort. Sie ist vielleicht abgelaufen oder wurde schon verwendet; starten Sie die Ausstellung erneut.</translation>
    </message>
    <message>
        <source>next poll in {seconds} s</source>
        <translation>nächste Abfrage in {seconds} s</translation>
    </message>
    <message>
        <source>This offer needs a transaction code. The issuer gave it to you separately (for example by e-mail or text message).</source>
        <translation>Dieses Angebot braucht einen Transaktionscode. Der Aussteller hat ihn Ihnen separat gegeben (zum Beispiel per E-Mail oder SMS).</translation>
    </message>
    <message>
        <source>The key that protects the wallet is malformed. Restore it, or recreate the wallet.</source>
        <translation>Der Schlüssel, der die Wallet schützt, ist fehlerhaft. Stellen Sie ihn wieder her oder legen Sie die Wallet neu an.</translation>
    </message>
    <message>
        <source>Stored wallet data could not be decrypted. The key or passphrase is wrong, or the data was changed on disk.</source>
        <translation>Gespeicherte Wallet-Daten konnten nicht entschlüsselt werden. Der Schlüssel oder die Passphrase ist falsch, oder die Daten wurden auf der Festplatte verändert.</translation>
    </message>
    <message>
        <source>The wallet&apos;s passphrase settings are invalid. The wallet file may be damaged.</source>
        <translation>Die Passphrase-Einstellungen der Wallet sind ungültig. Die Wallet-Datei ist möglicherweise beschädigt.</translation>
    </message>
    <message>
        <source>Data could not be saved in the wallet.</source>
        <translation>Daten konnten nicht in der Wallet gespeichert werden.</translation>
    </message>
    <message>
        <source>Enter the transaction code.</source>
        <translation>Geben Sie den Transaktionscode ein.</translation>
    </message>
    <message>
        <source>The transaction code has only digits.</source>
        <translation>Der Transaktionscode besteht nur aus Ziffern.</translation>
    </message>
    <message>
        <source>The transaction code has {count} digits.</source>
        <translation>Der Transaktionscode hat {count} Ziffern.</translation>
    </message>
    <message>
        <source>The transaction code has {count} characters.</source>
        <translation>Der Transaktionscode hat {count} Zeichen.</translation>
    </message>
    <message>
        <source>A check failed.</source>
        <translation>Eine Prüfung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>{name} was not stored: it did not pass verification. {reason}</source>
        <translation>{name} wurde nicht gespeichert: Der Nachweis hat die Prüfung nicht bestanden. {reason}</translation>
    </message>
    <message>
        <source>{name} was not stored because it is not valid. {reason}</source>
        <translation>{name} wurde nicht gespeichert, weil der Nachweis nicht gültig ist. {reason}</translation>
    </message>
    <message>
        <source>{name} will be issued later</source>
        <translation>{name} wird später ausgestellt</translation>
    </message>
    <message>
        <source>The issuer granted access to none of the offered credentials.</source>
        <translation>Der Aussteller hat für keinen der angebotenen Nachweise Zugriff gewährt.</translation>
    </message>
    <message>
        <source>The issuer&apos;s authorization for this credential has expired, so it cannot be fetched any more. Request the credential from the issuer again.</source>
        <translation>Die Autorisierung des Ausstellers für diesen Nachweis ist abgelaufen; er kann nicht mehr abgerufen werden. Fordern Sie den Nachweis erneut beim Aussteller an.</translation>
    </message>
    <message>
        <source>The issuer bound the credential to a key that is not this wallet&apos;s, so it was not kept.</source>
        <translation>Der Aussteller hat den Nachweis an einen fremden Schlüssel gebunden; er wurde daher nicht gespeichert.</translation>
    </message>
    <message>
        <source>This offer cannot be received that way.</source>
        <translation>Dieses Angebot kann auf diesem Weg nicht empfangen werden.</translation>
    </message>
    <message>
        <source>Stored wallet data is damaged and could not be read.</source>
        <translation>Gespeicherte Wallet-Daten sind beschädigt und konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The wallet was closed. Open it again and retry.</source>
        <translation>Die Wallet wurde geschlossen. Öffnen Sie sie erneut und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>Several credentials start with this id. Type more of the id.</source>
        <translation>Mehrere Nachweise beginnen mit dieser ID. Geben Sie mehr von der ID ein.</translation>
    </message>
    <message>
        <source>The issuer sent more copies than the wallet has keys for, so this one was not kept.</source>
        <translation>Der Aussteller hat mehr Exemplare gesendet, als die Wallet Schlüssel hat; dieses wurde daher nicht behalten.</translation>
    </message>
    <message>
        <source>This profile sends you back to a custom address but does not say which. Choose the address in the offer&apos;s advanced settings, or give it with --redirect.</source>
        <translation>Dieses Profil leitet Sie an eine eigene Adresse zurück, nennt sie aber nicht. Wählen Sie die Adresse in den erweiterten Einstellungen des Angebots, oder geben Sie sie mit --redirect an.</translation>
    </message>
    <message>
        <source>{kept} of {total} copies kept: {reasons}</source>
        <translation>{kept} von {total} Exemplaren behalten: {reasons}</translation>
    </message>
    <message>
        <source>{count} did not pass verification ({reason})</source>
        <translation>{count} haben die Prüfung nicht bestanden ({reason})</translation>
    </message>
    <message>
        <source>{count} could not be read ({reason})</source>
        <translation>{count} konnten nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>{count} were bound to a key that is not this wallet&apos;s</source>
        <translation>{count} waren an einen Schlüssel gebunden, der nicht zu dieser Wallet gehört</translation>
    </message>
    <message>
        <source>{count} were more than the wallet had keys for</source>
        <translation>{count} waren mehr, als die Wallet Schlüssel hatte</translation>
    </message>
    <message>
        <source>one did not pass verification ({reason})</source>
        <translation>eines hat die Prüfung nicht bestanden ({reason})</translation>
    </message>
    <message>
        <source>one could not be read ({reason})</source>
        <translation>eines konnte nicht gelesen werden ({reason})</translation>
    </message>
    <message>
        <source>one was bound to a key that is not this wallet&apos;s</source>
        <translation>eines war an einen Schlüssel gebunden, der nicht zu dieser Wallet gehört</translation>
    </message>
    <message>
        <source>one was more than the wallet had keys for</source>
        <translation>eines war mehr, als die Wallet Schlüssel hatte</translation>
    </message>
    <message>
        <source>Received {name} (by another wallet window)</source>
        <translation>{name} empfangen (von einem anderen Wallet-Fenster)</translation>
    </message>
    <message>
        <source>Told {issuer} that {name} was stored</source>
        <translation>{issuer} mitgeteilt, dass {name} gespeichert wurde</translation>
    </message>
    <message>
        <source>Told {issuer} that {name} was deleted</source>
        <translation>{issuer} mitgeteilt, dass {name} gelöscht wurde</translation>
    </message>
    <message>
        <source>Told {issuer} that {name} could not be stored</source>
        <translation>{issuer} mitgeteilt, dass {name} nicht gespeichert werden konnte</translation>
    </message>
    <message>
        <source>Told {issuer} that the credential was stored</source>
        <translation>{issuer} mitgeteilt, dass der Nachweis gespeichert wurde</translation>
    </message>
    <message>
        <source>Told {issuer} that the credential was deleted</source>
        <translation>{issuer} mitgeteilt, dass der Nachweis gelöscht wurde</translation>
    </message>
    <message>
        <source>Told {issuer} that the credential could not be stored</source>
        <translation>{issuer} mitgeteilt, dass der Nachweis nicht gespeichert werden konnte</translation>
    </message>
    <message>
        <source>{summary}</source>
        <translation>{summary}</translation>
    </message>
    <message>
        <source>Completed later: {summary}</source>
        <translation>Später abgeschlossen: {summary}</translation>
    </message>
    <message>
        <source>Could not receive a credential from {issuer}: {reason}</source>
        <translation>Nachweis von {issuer} konnte nicht empfangen werden: {reason}</translation>
    </message>
    <message>
        <source>Cancelled receiving a credential from {issuer}</source>
        <translation>Empfang eines Nachweises von {issuer} abgebrochen</translation>
    </message>
    <message>
        <source>The issuer has no credential configuration named {configuration}.</source>
        <translation>Der Aussteller hat keine Nachweis-Konfiguration namens {configuration}.</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>No metadata of the authorization server {server}: {reason}</source>
        <translation>Keine Metadaten des Autorisierungsservers {server}: {reason}</translation>
    </message>
    <message>
        <source>The authorization server metadata is served at {url}, not at the RFC 8414 location {expected}.</source>
        <translation>Die Metadaten des Autorisierungsservers liegen unter {url}, nicht unter {expected}, wie RFC 8414 es vorsieht.</translation>
    </message>
    <message>
        <source>The authorization server metadata names issuer {declared}, not {server}.</source>
        <translation>Die Metadaten des Autorisierungsservers nennen als issuer {declared}, nicht {server}.</translation>
    </message>
    <message>
        <source>The authorization server metadata lacks {members}.</source>
        <translation>In den Metadaten des Autorisierungsservers fehlt: {members}.</translation>
    </message>
    <message>
        <source>pre-authorized_grant_anonymous_access_supported must be true or false.</source>
        <translation>pre-authorized_grant_anonymous_access_supported muss true oder false sein.</translation>
    </message>
    <message>
        <source>The pre-authorized code grant is in use ({evidence}) but grant_types_supported does not list {grant}.</source>
        <translation>Die Vorab-Autorisierung (Pre-Authorized Code) wird verwendet ({evidence}), aber grant_types_supported führt {grant} nicht auf.</translation>
    </message>
    <message>
        <source>The offer carries an authorization code grant but grant_types_supported does not list authorization_code.</source>
        <translation>Das Angebot enthält einen Autorisierungscode-Grant, aber grant_types_supported führt authorization_code nicht auf.</translation>
    </message>
    <message>
        <source>response_types_supported does not list code, yet the code grant is supported.</source>
        <translation>response_types_supported führt code nicht auf, obwohl der Autorisierungscode-Grant unterstützt wird.</translation>
    </message>
    <message>
        <source>code_challenge_methods_supported does not list S256 ({methods}).</source>
        <translation>code_challenge_methods_supported führt S256 nicht auf ({methods}).</translation>
    </message>
    <message>
        <source>PAR is required, but there is no pushed_authorization_request_endpoint.</source>
        <translation>PAR ist vorgeschrieben, aber es gibt keinen pushed_authorization_request_endpoint.</translation>
    </message>
    <message>
        <source>Authorization responses do not carry the iss parameter (RFC 9207).</source>
        <translation>Autorisierungsantworten enthalten keinen iss-Parameter (RFC 9207).</translation>
    </message>
    <message>
        <source>{member} is not an https URL.</source>
        <translation>{member} ist keine https-URL.</translation>
    </message>
    <message>
        <source>dpop_signing_alg_values_supported must list asymmetric algorithms; it has {algs}.</source>
        <translation>dpop_signing_alg_values_supported muss asymmetrische Algorithmen auflisten; es enthält {algs}.</translation>
    </message>
    <message>
        <source>The authorization server has no PAR endpoint (HAIP expects PAR).</source>
        <translation>Der Autorisierungsserver hat keinen PAR-Endpunkt (HAIP erwartet PAR).</translation>
    </message>
    <message>
        <source>{id} ({proof}) requires a key attestation (key storage: {storage}; user authentication: {auth}).</source>
        <translation>{id} ({proof}) verlangt eine Schlüsselattestierung (Schlüsselspeicher: {storage}; Benutzerauthentifizierung: {auth}).</translation>
    </message>
    <message>
        <source>The issuer metadata cannot be used: {reason}</source>
        <translation>Die Metadaten des Ausstellers sind nicht verwendbar: {reason}</translation>
    </message>
    <message>
        <source>The issuer metadata is served at {url}, not at the 1.0 well-known URL {expected}.</source>
        <translation>Die Metadaten des Ausstellers liegen unter {url}, nicht unter der Well-known-URL von 1.0 ({expected}).</translation>
    </message>
    <message>
        <source>credential_issuer is {declared}, but the metadata was fetched for {issuer}.</source>
        <translation>credential_issuer ist {declared}, die Metadaten wurden aber für {issuer} abgerufen.</translation>
    </message>
    <message>
        <source>The issuer identifier {issuer} must be an https URL without query or fragment.</source>
        <translation>Die Aussteller-Kennung {issuer} muss eine https-URL ohne Query und Fragment sein.</translation>
    </message>
    <message>
        <source>The issuer metadata has no credential_endpoint.</source>
        <translation>Die Metadaten des Ausstellers haben keinen credential_endpoint.</translation>
    </message>
    <message>
        <source>authorization_servers must be a non-empty array of strings.</source>
        <translation>authorization_servers muss ein nicht leeres Array von Zeichenketten sein.</translation>
    </message>
    <message>
        <source>The metadata looks like {version}: wallets that speak only 1.0 may not understand it.</source>
        <translation>Die Metadaten sehen nach {version} aus: Wallets, die nur 1.0 sprechen, verstehen sie womöglich nicht.</translation>
    </message>
    <message>
        <source>{member} must be a non-empty array of objects.</source>
        <translation>{member} muss ein nicht leeres Array von Objekten sein.</translation>
    </message>
    <message>
        <source>{member}.jwks must hold one or more public keys.</source>
        <translation>{member}.jwks muss einen oder mehrere öffentliche Schlüssel enthalten.</translation>
    </message>
    <message>
        <source>Proof type {proof} of {id} lists no proof_signing_alg_values_supported.</source>
        <translation>Die Nachweisart {proof} von {id} nennt keine proof_signing_alg_values_supported.</translation>
    </message>
    <message>
        <source>Proof type {proof} of {id} allows {algs}; key proofs need an asymmetric algorithm.</source>
        <translation>Die Nachweisart {proof} von {id} erlaubt {algs}; Schlüsselnachweise brauchen einen asymmetrischen Algorithmus.</translation>
    </message>
    <message>
        <source>key_attestations_required of {id} ({proof}) must be an object with optional non-empty key_storage and user_authentication arrays; it is {value}.</source>
        <translation>key_attestations_required von {id} ({proof}) muss ein Objekt mit optionalen, nicht leeren Arrays key_storage und user_authentication sein; es ist {value}.</translation>
    </message>
    <message>
        <source>batch_credential_issuance.batch_size is {size}; it must be an integer of 2 or more.</source>
        <translation>batch_credential_issuance.batch_size ist {size}; es muss eine ganze Zahl ab 2 sein.</translation>
    </message>
    <message>
        <source>{member} is a member of draft {draft} and earlier; 1.0 does not define it.</source>
        <translation>{member} stammt aus Entwurf {draft} und früheren; 1.0 definiert es nicht.</translation>
    </message>
    <message>
        <source>{member} has more than one entry for locale {locale}.</source>
        <translation>{member} hat mehr als einen Eintrag für die Sprache {locale}.</translation>
    </message>
    <message>
        <source>{member} has an entry without a name.</source>
        <translation>{member} hat einen Eintrag ohne Namen.</translation>
    </message>
    <message>
        <source>{member}.enc_values_supported must list content encryption (enc) values; it has {values}.</source>
        <translation>{member}.enc_values_supported muss Werte zur Inhaltsverschlüsselung (enc) auflisten; es enthält {values}.</translation>
    </message>
    <message>
        <source>{member}.encryption_required must be true or false.</source>
        <translation>{member}.encryption_required muss true oder false sein.</translation>
    </message>
    <message>
        <source>Key {index} of {member}.jwks has no kid.</source>
        <translation>Schlüssel {index} in {member}.jwks hat keine kid.</translation>
    </message>
    <message>
        <source>Key {index} of {member}.jwks names no alg, so a wallet has to guess the key agreement algorithm.</source>
        <translation>Schlüssel {index} in {member}.jwks nennt kein alg; eine Wallet muss den Algorithmus zur Schlüsselvereinbarung daher raten.</translation>
    </message>
    <message>
        <source>credential_configurations_supported must be a non-empty object.</source>
        <translation>credential_configurations_supported muss ein nicht leeres Objekt sein.</translation>
    </message>
    <message>
        <source>Configuration {id} has no format.</source>
        <translation>Die Konfiguration {id} hat kein format.</translation>
    </message>
    <message>
        <source>Configuration {id} must list both cryptographic_binding_methods_supported and proof_types_supported, or neither.</source>
        <translation>Die Konfiguration {id} muss sowohl cryptographic_binding_methods_supported als auch proof_types_supported angeben oder keines von beiden.</translation>
    </message>
    <message>
        <source>Configuration {id} binds the credential to a key, but the issuer has no nonce_endpoint: proofs then carry no c_nonce.</source>
        <translation>Die Konfiguration {id} bindet den Nachweis an einen Schlüssel, aber der Aussteller hat keinen nonce_endpoint: Schlüsselnachweise enthalten dann keine c_nonce.</translation>
    </message>
    <message>
        <source>Configuration {id} has no scope: it can only be asked for with authorization_details, and HAIP wants a scope for each.</source>
        <translation>Die Konfiguration {id} hat keinen scope: Sie kann nur mit authorization_details angefragt werden, und HAIP verlangt für jede einen scope.</translation>
    </message>
    <message>
        <source>{member}.alg_values_supported must list key management (alg) values; it has {values}.</source>
        <translation>{member}.alg_values_supported muss Werte zur Schlüsselverwaltung (alg) auflisten; es enthält {values}.</translation>
    </message>
    <message>
        <source>The scope {scope} of {id} is not in the authorization server&apos;s scopes_supported.</source>
        <translation>Der scope {scope} von {id} steht nicht in scopes_supported des Autorisierungsservers.</translation>
    </message>
    <message>
        <source>{member} has a {image} without a uri.</source>
        <translation>{member} hat ein {image} ohne uri.</translation>
    </message>
    <message>
        <source>The signed metadata is not shaped as 1.0 asks: {problems}.</source>
        <translation>Die signierten Metadaten sind nicht so aufgebaut, wie 1.0 es verlangt: {problems}.</translation>
    </message>
    <message>
        <source>The {endpoint} response is {media}, not application/json.</source>
        <translation>Die Antwort des Endpunkts {endpoint} ist {media}, nicht application/json.</translation>
    </message>
    <message>
        <source>The {endpoint} endpoint answered {status}.</source>
        <translation>Der Endpunkt {endpoint} antwortete mit {status}.</translation>
    </message>
    <message>
        <source>A plain nonce request was answered {status}.</source>
        <translation>Eine einfache Nonce-Anfrage wurde mit {status} beantwortet.</translation>
    </message>
    <message>
        <source>The token endpoint answered {status}; errors are 400 or 401.</source>
        <translation>Der Token-Endpunkt antwortete mit {status}; Fehler sind 400 oder 401.</translation>
    </message>
    <message>
        <source>A token request with an unknown pre-authorized code was answered {got}, not 400 invalid_grant.</source>
        <translation>Eine Token-Anfrage mit unbekanntem vorab autorisiertem Code wurde mit {got} beantwortet, nicht mit 400 invalid_grant.</translation>
    </message>
    <message>
        <source>A credential request without an access token was answered {status}, not 401.</source>
        <translation>Eine Nachweis-Anfrage ohne Zugriffstoken wurde mit {status} beantwortet, nicht mit 401.</translation>
    </message>
    <message>
        <source>The {endpoint} endpoint answered 401 without WWW-Authenticate.</source>
        <translation>Der Endpunkt {endpoint} antwortete mit 401 ohne WWW-Authenticate.</translation>
    </message>
    <message>
        <source>The {endpoint} error response is {media}, not application/json.</source>
        <translation>Die Fehlerantwort des Endpunkts {endpoint} ist {media}, nicht application/json.</translation>
    </message>
    <message>
        <source>The {endpoint} error response has no error member.</source>
        <translation>Die Fehlerantwort des Endpunkts {endpoint} hat kein error-Element.</translation>
    </message>
    <message>
        <source>{error} is not an error code defined for the {endpoint} endpoint.</source>
        <translation>{error} ist kein für den Endpunkt {endpoint} definierter Fehlercode.</translation>
    </message>
    <message>
        <source>The token endpoint accepted the tx_code given as wrong.</source>
        <translation>Der Token-Endpunkt hat einen absichtlich falschen tx_code angenommen.</translation>
    </message>
    <message>
        <source>A use_dpop_nonce error came without a DPoP-Nonce header.</source>
        <translation>Ein use_dpop_nonce-Fehler kam ohne DPoP-Nonce-Header.</translation>
    </message>
    <message>
        <source>The retry with the server&apos;s own DPoP nonce was challenged again.</source>
        <translation>Der erneute Versuch mit der DPoP-Nonce des Servers wurde wieder mit einer Nonce-Forderung beantwortet.</translation>
    </message>
    <message>
        <source>The error text is in {member}; RFC 6749 names it error_description.</source>
        <translation>Der Fehlertext steht in {member}; RFC 6749 nennt das Element error_description.</translation>
    </message>
    <message>
        <source>The PAR endpoint answered {status}, not 201 Created.</source>
        <translation>Der PAR-Endpunkt antwortete mit {status}, nicht mit 201 Created.</translation>
    </message>
    <message>
        <source>The PAR response lacks request_uri or expires_in.</source>
        <translation>In der PAR-Antwort fehlt request_uri oder expires_in.</translation>
    </message>
    <message>
        <source>A wrong tx_code was answered {got}, not 400 invalid_grant.</source>
        <translation>Ein falscher tx_code wurde mit {got} beantwortet, nicht mit 400 invalid_grant.</translation>
    </message>
    <message>
        <source>The token endpoint answered {status}, not 200.</source>
        <translation>Der Token-Endpunkt antwortete mit {status}, nicht mit 200.</translation>
    </message>
    <message>
        <source>The token response lacks access_token or token_type.</source>
        <translation>In der Token-Antwort fehlt access_token oder token_type.</translation>
    </message>
    <message>
        <source>The token response has no Cache-Control: no-store.</source>
        <translation>Die Token-Antwort hat kein Cache-Control: no-store.</translation>
    </message>
    <message>
        <source>A token request with a DPoP proof got token_type {type}.</source>
        <translation>Eine Token-Anfrage mit DPoP-Nachweis erhielt token_type {type}.</translation>
    </message>
    <message>
        <source>The nonce endpoint returned the c_nonce of exchange {first} again.</source>
        <translation>Der Nonce-Endpunkt gab die c_nonce aus Austausch {first} erneut zurück.</translation>
    </message>
    <message>
        <source>The nonce response has no Cache-Control: no-store.</source>
        <translation>Die Nonce-Antwort hat kein Cache-Control: no-store.</translation>
    </message>
    <message>
        <source>The nonce response has no c_nonce.</source>
        <translation>Die Nonce-Antwort enthält keine c_nonce.</translation>
    </message>
    <message>
        <source>The {endpoint} response has neither credentials nor transaction_id.</source>
        <translation>Die Antwort des Endpunkts {endpoint} enthält weder credentials noch transaction_id.</translation>
    </message>
    <message>
        <source>The notification endpoint answered {status}; 204 is recommended.</source>
        <translation>Der Benachrichtigungsendpunkt antwortete mit {status}; empfohlen ist 204.</translation>
    </message>
    <message>
        <source>The {endpoint} response has a draft-era credential member; 1.0 sends credentials, an array of objects.</source>
        <translation>Die Antwort des Endpunkts {endpoint} hat ein credential-Element wie in den Entwürfen; 1.0 sendet credentials, ein Array von Objekten.</translation>
    </message>
    <message>
        <source>The {endpoint} response has a transaction_id without an interval.</source>
        <translation>Die Antwort des Endpunkts {endpoint} hat eine transaction_id ohne interval.</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>Received {name}</source>
        <translation>{name} empfangen</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <translation>{first}; {rest}</translation>
    </message>
    <message>
        <source>Received {name} ({count} copies)</source>
        <translation>{name} empfangen ({count} Exemplare)</translation>
    </message>
    <message>
        <source>The issuer wants the wallet to make {count} credential requests in one go; the wallet makes at most {limit}, so it requested none. Ask the issuer for fewer credentials at a time.</source>
        <translation>Der Aussteller möchte, dass die Wallet {count} Nachweis-Anfragen auf einmal stellt; die Wallet stellt höchstens {limit} und hat daher keinen angefordert. Bitten Sie den Aussteller um weniger Nachweise auf einmal.</translation>
    </message>
    <message>
        <source>This issuer requires a wallet attestation and a key attestation from a wallet provider. Retry with the development wallet provider?</source>
        <translation>Dieser Aussteller verlangt eine Wallet-Attestierung und eine Schlüsselattestierung von einem Wallet-Anbieter. Mit dem Entwicklungs-Wallet-Anbieter erneut versuchen?</translation>
    </message>
    <message>
        <source>The issuer&apos;s signed metadata could not be trusted, and your settings require signed metadata. {reason}</source>
        <translation>Den signierten Metadaten des Ausstellers kann nicht vertraut werden, und Ihre Einstellungen verlangen signierte Metadaten. {reason}</translation>
    </message>
    <message>
        <source>The wallet provider file has no key attestation for the keys of this credential. Retry with the development wallet provider?</source>
        <translation>Die Wallet-Anbieter-Datei enthält keine Schlüsselattestierung für die Schlüssel dieses Nachweises. Mit dem Entwicklungs-Wallet-Anbieter erneut versuchen?</translation>
    </message>
    <message>
        <source>This issuer requires a wallet attestation from a wallet provider. Retry with the development wallet provider?</source>
        <translation>Dieser Aussteller verlangt eine Wallet-Attestierung von einem Wallet-Anbieter. Mit dem Entwicklungs-Wallet-Anbieter erneut versuchen?</translation>
    </message>
    <message>
        <source>The issuer does not sign its metadata, and your settings require signed metadata.</source>
        <translation>Der Aussteller signiert seine Metadaten nicht, und Ihre Einstellungen verlangen signierte Metadaten.</translation>
    </message>
    <message>
        <source>This credential&apos;s stored record is damaged and cannot be read. Delete it with “wallet-app delete {id}” (or in the app) and receive it again.</source>
        <translation>Der gespeicherte Eintrag dieses Nachweises ist beschädigt und kann nicht gelesen werden. Löschen Sie ihn mit „wallet-app delete {id}“ (oder in der App) und empfangen Sie ihn erneut.</translation>
    </message>
    <message>
        <source>bad row</source>
        <translation>fehlerhafte Zeile</translation>
    </message>
    <message>
        <source>There is no pending issuance with this id.</source>
        <translation>Es gibt keine ausstehende Ausstellung mit dieser ID.</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>„{name}“ gelöscht.</translation>
    </message>
    <message>
        <source>There is no recorded flow with this id.</source>
        <translation>Es gibt keinen aufgezeichneten Ablauf mit dieser ID.</translation>
    </message>
    <message>
        <source>There is no trust anchor with this id. &apos;wallet-app trust list&apos; shows them.</source>
        <translation>Es gibt keinen Vertrauensanker mit dieser ID. „wallet-app trust list“ zeigt sie an.</translation>
    </message>
    <message>
        <source>Several trust anchors start with this id. Type more of the id.</source>
        <translation>Mehrere Vertrauensanker beginnen mit dieser ID. Geben Sie mehr von der ID ein.</translation>
    </message>
    <message>
        <source>The file {path} is too large for a certificate file.</source>
        <translation>Die Datei {path} ist zu groß für eine Zertifikatsdatei.</translation>
    </message>
    <message>
        <source>This credential has not been issued yet, so it has no status.</source>
        <translation>Dieser Nachweis wurde noch nicht ausgestellt und hat daher keinen Status.</translation>
    </message>
    <message>
        <source>The file {path} could not be read.</source>
        <translation>Die Datei {path} konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The wallet&apos;s folder {folder} could not be used. Check that the disk is available and that you may write to that folder.</source>
        <translation>Der Wallet-Ordner {folder} konnte nicht verwendet werden. Prüfen Sie, ob die Festplatte verfügbar ist und Sie in diesen Ordner schreiben dürfen.</translation>
    </message>
    <message>
        <source>The wallet is busy in another window or command. Close it or try again in a moment.</source>
        <translation>Die Wallet ist in einem anderen Fenster oder Befehl beschäftigt. Schließen Sie es oder versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The wallet file {path} is damaged or is not a wallet. Move it away to start a new wallet, or restore it from a backup.</source>
        <translation>Die Wallet-Datei {path} ist beschädigt oder keine Wallet. Verschieben Sie sie, um eine neue Wallet anzulegen, oder stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The wallet file {path} could not be opened for writing. Check the disk and the permissions of its folder.</source>
        <translation>Die Wallet-Datei {path} konnte nicht zum Schreiben geöffnet werden. Prüfen Sie die Festplatte und die Berechtigungen ihres Ordners.</translation>
    </message>
    <message>
        <source>The disk is full, so the wallet could not save. Free some space and try again.</source>
        <translation>Die Festplatte ist voll; die Wallet konnte nicht speichern. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The wallet&apos;s storage failed. Try again; if it keeps failing, check the disk and the file {path}.</source>
        <translation>Der Speicher der Wallet hat versagt. Versuchen Sie es erneut; wenn der Fehler bleibt, prüfen Sie die Festplatte und die Datei {path}.</translation>
    </message>
    <message>
        <source>The wallet file {path} is damaged. Restore it from a backup, or move it away to start a new wallet.</source>
        <translation>Die Wallet-Datei {path} ist beschädigt. Stellen Sie sie aus einer Sicherung wieder her oder verschieben Sie sie, um eine neue Wallet anzulegen.</translation>
    </message>
    <message>
        <source>This wallet was saved by a newer version of the app. Update the app to open it.</source>
        <translation>Diese Wallet wurde von einer neueren Version der App gespeichert. Aktualisieren Sie die App, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>The key in the keyring does not unlock this wallet. The keyring entry may have been replaced; restore it to open the wallet.</source>
        <translation>Der Schlüssel im Schlüsselbund entsperrt diese Wallet nicht. Der Eintrag im Schlüsselbund wurde vielleicht ersetzt; stellen Sie ihn wieder her, um die Wallet zu öffnen.</translation>
    </message>
    <message>
        <source>The passphrase is wrong. Check it and try again.</source>
        <translation>Die Passphrase ist falsch. Prüfen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This wallet is protected by the system keyring, which is not available. Start and unlock your desktop&apos;s keyring (for example GNOME Keyring or KWallet) and try again.</source>
        <translation>Diese Wallet ist durch den Systemschlüsselbund geschützt, der nicht verfügbar ist. Starten und entsperren Sie den Schlüsselbund Ihres Desktops (zum Beispiel GNOME Keyring oder KWallet) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The key that protects this wallet is missing from the keyring ({keyring}). Without it the wallet cannot be opened. Restore the keyring entry, or move the wallet file away to start a new wallet.</source>
        <translation>Der Schlüssel, der diese Wallet schützt, fehlt im Schlüsselbund ({keyring}). Ohne ihn lässt sich die Wallet nicht öffnen. Stellen Sie den Eintrag im Schlüsselbund wieder her oder verschieben Sie die Wallet-Datei, um eine neue Wallet anzulegen.</translation>
    </message>
    <message>
        <source>This wallet is protected by a passphrase. Enter it with --passphrase (or WALLET_APP_PASSPHRASE) to open it.</source>
        <translation>Diese Wallet ist durch eine Passphrase geschützt. Geben Sie sie mit --passphrase (oder WALLET_APP_PASSPHRASE) an, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>The passphrase must not be empty. Choose a passphrase and try again.</source>
        <translation>Die Passphrase darf nicht leer sein. Wählen Sie eine Passphrase und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This wallet uses a protection this version of the app does not know. Update the app.</source>
        <translation>Diese Wallet verwendet einen Schutz, den diese Version der App nicht kennt. Aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>The wallet provider file {path} is not in the expected format.</source>
        <translation>Die Wallet-Anbieter-Datei {path} hat nicht das erwartete Format.</translation>
    </message>
    <message>
        <source>The wallet provider file {path} could not be read.</source>
        <translation>Die Wallet-Anbieter-Datei {path} konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>_EntryRow</name>
    <message>
        <source>Show in inspector</source>
        <translation>Im Inspektor zeigen</translation>
    </message>
    <message>
        <source>Show in inspector: {entry}</source>
        <translation>Im Inspektor zeigen: {entry}</translation>
    </message>
</context>
<context>
    <name>panel</name>
    <message>
        <source>Lint findings</source>
        <translation>Befunde</translation>
    </message>
</context>
</TS>
