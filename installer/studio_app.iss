; Windows setup program of 委员工作室履职台账 (Studio Ledger), for Inno Setup 6.3 or later.
;
;   python installer/build.py            builds dist\StudioLedger\ and then runs this script
;   iscc installer\studio_app.iss        the same by hand, after build.py --no-setup
;
; Per-user install without administrator rights (%LOCALAPPDATA%\Programs\StudioLedger),
; Start-menu and desktop shortcuts, Chinese and English. The data (database, backups,
; logs) lives elsewhere, in %LOCALAPPDATA%\StudioLedger: installing a new version over an
; old one replaces only the program, and the program upgrades the database itself at its
; next start. Uninstalling keeps the data unless the user says otherwise.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BuildDir
  #define BuildDir AddBackslash(SourcePath) + "..\dist\StudioLedger"
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\build\installer\studio_app.ico"
#endif
#define AppName "委员工作室履职台账"
#define AppExe "StudioLedger.exe"
#define DataFolder "StudioLedger"

; The Simplified Chinese messages: shipped with recent Inno Setup versions; older ones take
; ChineseSimplified.isl from Inno Setup's translations, put into its Languages folder or
; beside this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl "ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl not found: the setup program will be English only"
#endif

[Setup]
; Never change the AppId: it is how a new version finds and replaces the installed one.
AppId={{6F1C2B7E-3A5D-4C8F-9E21-7B4D0A9C53E8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\StudioLedger
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=StudioLedger-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running copy is asked to close before its files are replaced.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
SetupLogging=yes

[Languages]
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DeleteDataQuestion=Also delete your data (database, backups and logs) in%n%1 ?%n%nChoose No to keep it: installing the program again finds it as it was. Backups kept elsewhere (a USB stick) are not touched.
english.DeleteDataConfirm=The records will be deleted for good and cannot be recovered. Delete them?
#ifdef ChineseIsl
chinesesimplified.DeleteDataQuestion=是否同时删除您的数据（数据库、备份和日志）？%n%1%n%n选择“否”保留数据，以后重新安装本程序即可继续使用。保存在其他位置（如U盘）的备份不受影响。
chinesesimplified.DeleteDataConfirm=台账记录将被永久删除，无法恢复。确定删除吗？
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's libraries: a new build may have dropped some of them.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The portable marker and a portable data folder never go into an installed copy.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Excludes: "portable.txt,\data"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataDir(): String;
begin
  { platformdirs' user data folder of the app: %LOCALAPPDATA%\StudioLedger }
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { Silent uninstalls (and upgrades) never delete data; otherwise ask, twice, default No. }
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent()) and DirExists(DataDir()) then
  begin
    if MsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [DataDir()]),
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      if MsgBox(CustomMessage('DeleteDataConfirm'), mbError, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir(), True, True, True);
  end;
end;
