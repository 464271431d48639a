/*
 * Test harness only, never shipped: a stand-in for Windows'
 * bcryptprimitives.dll, which Wine 8.0 (Debian 12) lacks. Go 1.24 and later
 * Windows programs call its ProcessPrng for random bytes at start and do not
 * start without it. This one answers with RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. scripts/wine-check.sh builds it with
 * mingw-w64 into its scratch Wine prefix's system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
