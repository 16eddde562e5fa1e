; Inno Setup 6 script: a per-user installer for the PyInstaller one-folder bundle (issue 7).
;
; Input:  dist\wallet-app\wallet-app.exe and the rest of that folder, built on Windows by
;         packaging\pyinstaller\wallet-app.spec (see packaging\windows\README.md).
; Build:  iscc /DAppVersion=0.1.0 packaging\windows\wallet-app.iss
; Output: dist\wallet-app-<version>-setup.exe
;
; No administrator rights: everything goes to the user's profile and HKEY_CURRENT_USER.
; The [Registry] section writes what `wallet-app --register` writes on Windows
; (wallet_app/host/uri_scheme_windows.py), for every scheme in wallet_app.host.uri_scheme.SCHEMES;
; tests/packaging/test_windows_installer.py checks that the two agree.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "wallet-app.exe"

[Setup]
; Never change AppId: Windows finds the installed app (upgrade, uninstall) by it.
AppId={{978A2332-B5BA-4E44-B116-2B2DD9AE28F0}
AppName=Wallet
AppVersion={#AppVersion}
AppVerName=Wallet {#AppVersion}
AppPublisher=Wallet developers
AppPublisherURL=https://github.com/walletapp/wallet-app
AppSupportURL=https://github.com/walletapp/wallet-app/issues
AppUpdatesURL=https://github.com/walletapp/wallet-app
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Wallet
DefaultGroupName=Wallet
DisableProgramGroupPage=yes
DisableDirPage=auto
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=wallet-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\io.github.walletapp.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Wallet
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Explorer re-reads the link handlers after install and uninstall
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\wallet-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\Wallet"; Filename: "{app}\{#AppExe}"; Comment: "Receive and keep digital credentials (OpenID4VCI)"
Name: "{autodesktop}\Wallet"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; One block per URI scheme: the key (deleted with everything below it on uninstall), the
; "URL Protocol" value that makes it a scheme, the icon, and the command: "<exe>" "%1".
Root: HKCU; Subkey: "Software\Classes\openid-credential-offer"; ValueType: string; ValueName: ""; ValueData: "URL:openid-credential-offer link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\openid-credential-offer"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\openid-credential-offer\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\openid-credential-offer\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\haip-vci"; ValueType: string; ValueName: ""; ValueData: "URL:haip-vci link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\haip-vci"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\haip-vci\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\haip-vci\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\haip"; ValueType: string; ValueName: ""; ValueData: "URL:haip link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\haip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\haip\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\haip\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

Root: HKCU; Subkey: "Software\Classes\io.github.walletapp"; ValueType: string; ValueName: ""; ValueData: "URL:io.github.walletapp link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\io.github.walletapp"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\io.github.walletapp\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\io.github.walletapp\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Wallet}"; Flags: nowait postinstall skipifsilent
