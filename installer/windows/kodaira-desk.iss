; Kodaira Desk: the Windows installer (Inno Setup 6.3 or later), per user, without admin rights.
;
; Build it on Windows from the repository root, after the PyInstaller build (installer\README.md):
;     pyinstaller --noconfirm installer\kodaira-desk.spec
;     iscc installer\windows\kodaira-desk.iss
; which writes dist\kodaira-desk-<version>-setup.exe.
;
; - Installs dist\kodaira-desk\ (kodaira-desk.exe: the window; kodaira-desk-cli.exe: the command line)
;   into %LOCALAPPDATA%\Programs\Kodaira Desk, with a Start-menu entry. No UAC prompt.
; - The user's data file is NOT in the program folder: the application creates it on first start in
;   %LOCALAPPDATA%\KodairaDesk\kodaira-desk.sqlite (platformdirs), and its settings in the registry
;   (HKCU\Software\KodairaCity\KodairaDesk). Neither an update nor the uninstaller touches them.
; - The version comes from the .exe's version resource, which the spec makes from
;   kodaira_desk.__version__ (the one source of the version). `iscc /DAppVersion=x.y.z` overrides it.

#define AppName "Kodaira Desk"
#define AppNameJa "Kodaira Desk（小平市 戦略計画入力）"
#define BuildDir AddBackslash(SourcePath) + "..\..\dist\kodaira-desk"
#define AppExe "kodaira-desk.exe"

#if !FileExists(BuildDir + "\" + AppExe)
  #error "dist\kodaira-desk\kodaira-desk.exe is missing: run pyinstaller installer\kodaira-desk.spec first"
#endif
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BuildDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error "kodaira-desk.exe has no ProductVersion: build it with installer\kodaira-desk.spec"
#endif

[Setup]
; Never change AppId: Windows recognises updates and the uninstaller by it.
AppId={{7B88BC82-E01E-49F3-9EEA-B83744CEA7ED}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=小平市
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; per-user: %LOCALAPPDATA%\Programs\Kodaira Desk, Start menu of this user, no administrator rights
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=kodaira-desk-{#AppVersion}-setup
#if FileExists(AddBackslash(SourcePath) + "..\..\build\kodaira-desk\kodaira-desk.ico")
SetupIconFile=..\..\build\kodaira-desk\kodaira-desk.ico
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppNameJa}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; a running Kodaira Desk is asked to close before files are replaced
CloseApplications=yes
RestartApplications=no
; the .kdesk association below: Explorer is told once the install ends
ChangesAssociations=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an update replaces the program's own folder whole: nothing of an older version stays behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; .kdesk (the department file of the yearly round) opens in Kodaira Desk: a double-click passes the
; file as the one plain argument, which opens the window in clerk mode. Per user (HKCU), like the install.
Root: HKA; Subkey: "Software\Classes\.kdesk"; ValueType: string; ValueName: ""; ValueData: "KodairaDesk.DepartmentFile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.kdesk\OpenWithProgids"; ValueType: string; ValueName: "KodairaDesk.DepartmentFile"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\KodairaDesk.DepartmentFile"; ValueType: string; ValueName: ""; ValueData: "Kodaira Desk 提出用ファイル"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\KodairaDesk.DepartmentFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\KodairaDesk.DepartmentFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Icons]
Name: "{group}\{#AppNameJa}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "小平市 戦略計画の進捗・KPI入力"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameJa}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The user's data (%LOCALAPPDATA%\KodairaDesk) and settings (registry) are
; kept on purpose: deleting them is the user's decision (installer\README.md, README "Install").
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"
