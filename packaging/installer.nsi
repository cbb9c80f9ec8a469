; 改革任务台账 — per-user installer (no administrator rights), built by packaging/build.py:
;   makensis -DVERSION=0.1.0 -DDIST=<folder with task-ledger-gui.exe> -DOUTFILE=<setup.exe> installer.nsi
;
; Installs to %LOCALAPPDATA%\Programs\TaskLedger, a Start-menu shortcut (desktop shortcut optional),
; and an uninstall entry under HKCU. An upgrade replaces the program files completely. Neither
; install nor uninstall runs while the program does (it holds the mutex below). Uninstalling
; removes program files, shortcuts and keys, and keeps the ledger, backups, logs and settings.
; No file associations.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
; Both executables carry the same Python archive: a dictionary larger than it stores it once.
SetCompressorDictSize 64

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef DIST
  !error "pass -DDIST=<bundle folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "task-ledger-setup-${VERSION}.exe"
!endif

!define APP_NAME "改革任务台账"
!define APP_KEY "TaskLedger"
!define GUI_EXE "task-ledger-gui.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
; Held by every running window and command (ledger_app/system/running.py).
!define RUNNING_MUTEX "TaskLedger.Running"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_KEY}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_KEY}"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "task-ledger.ico"
!define MUI_UNICON "task-ledger.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "将在本机为当前用户安装 ${APP_NAME} ${VERSION}，不需要管理员权限。$\r$\n$\r$\n如已安装旧版本，程序文件将被完整替换；台账、备份和设置保持不变。$\r$\n$\r$\n安装前请关闭正在运行的 ${APP_NAME}。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "程序已卸载"
!define MUI_FINISHPAGE_TEXT "${APP_NAME} 的程序文件、快捷方式和注册表项已删除。$\r$\n$\r$\n您的台账、备份和日志仍保留在：$\r$\n$LOCALAPPDATA\TaskLedger\TaskLedger$\r$\n$\r$\n本机设置保留在：$\r$\n$APPDATA\TaskLedger\TaskLedger$\r$\n$\r$\n重新安装后即可继续使用；确定不再需要时可手动删除这两个文件夹。"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

!macro REFUSE_WHILE_RUNNING
  retry:
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0'
    ${If} $0 P<> 0
      System::Call 'kernel32::CloseHandle(p r0)'
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} 正在运行。$\r$\n请先关闭它的所有窗口和命令行，再点“重试”。" /SD IDCANCEL IDRETRY retry
      SetErrorLevel 2
      Quit
    ${EndIf}
!macroend

Function .onInit
  !insertmacro REFUSE_WHILE_RUNNING
FunctionEnd

Function un.onInit
  !insertmacro REFUSE_WHILE_RUNNING
FunctionEnd

!macro REMOVE_PROGRAM_FILES
  ; Only what the installer put there: never RMDir /r the chosen folder itself.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\task-ledger-gui.exe"
  Delete "$INSTDIR\task-ledger.exe"
  Delete "$INSTDIR\uninstall.exe"
!macroend

Section "${APP_NAME}（必需）" SecProgram
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !insertmacro REMOVE_PROGRAM_FILES  ; an upgrade leaves nothing of the old version behind
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  ; The name clerks see in 设置 → 应用 (not the registry key's TaskLedger)
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize ${SecProgram} $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "程序文件和“开始”菜单中的快捷方式。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面上放一个 ${APP_NAME} 的快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  !insertmacro REMOVE_PROGRAM_FILES
  RMDir "$INSTDIR"  ; only if now empty
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "台账、备份和日志保留在 $LOCALAPPDATA\TaskLedger\TaskLedger"
  DetailPrint "本机设置保留在 $APPDATA\TaskLedger\TaskLedger"
SectionEnd
