using System.Runtime.InteropServices;

namespace LostEngine.Native;

/// <summary>
/// Tells which file on disk a loaded symbol came from. "libopenblas.so.0" goes through Debian's
/// alternatives links, so the name asked for says little about the library actually in use.
/// </summary>
internal static unsafe partial class LoadedFileLocator
{
    /// <summary>The path of the shared object holding <paramref name="symbol"/>, or null when unknown.</summary>
    public static string? FileOf(void* symbol)
    {
        if (OperatingSystem.IsWindows() || symbol == null)
        {
            return null;
        }

        DlInfo info;
        return DlAddr(symbol, &info) != 0 ? Marshal.PtrToStringUTF8(info.FileName) : null;
    }

    [LibraryImport("libc", EntryPoint = "dladdr")]
    private static partial int DlAddr(void* address, DlInfo* info);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public nint FileName;
        public nint FileBase;
        public nint SymbolName;
        public nint SymbolAddress;
    }
}
