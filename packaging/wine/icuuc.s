# icuuc.dll for the Wine build prefix only (never shipped). Windows 10/11 have the system ICU;
# Wine 8.0 has none, and Qt6Core.dll imports these converter functions from it (only for legacy
# text codecs, which the app does not use). Every converter "cannot be opened".
        .text
        .globl ucnv_open
ucnv_open:                      # UConverter *ucnv_open(const char *name, UErrorCode *err)
        testq   %rdx, %rdx
        jz      1f
        movl    $4, (%rdx)      # U_FILE_ACCESS_ERROR
1:      xorl    %eax, %eax
        ret
        .globl ucnv_stub
ucnv_stub:                      # everything else: 0 / NULL / nothing
        xorl    %eax, %eax
        ret
