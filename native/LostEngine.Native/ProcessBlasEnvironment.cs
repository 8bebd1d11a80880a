using System.Runtime.InteropServices;

namespace LostEngine.Native;

/// <summary>
/// The real process environment. On Linux, <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// only changes .NET's own copy: native <c>getenv</c> (what OpenBLAS reads while it loads) does not see
/// it. Measured with .NET 10 on Debian 12. So values are written with libc <c>setenv</c> as well.
/// </summary>
public sealed partial class ProcessBlasEnvironment : IBlasEnvironment
{
    /// <summary>The one instance; the process has one environment.</summary>
    public static ProcessBlasEnvironment Instance { get; } = new();

    private ProcessBlasEnvironment()
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// .NET's view first, so that a value a host set with Environment.SetEnvironmentVariable counts;
    /// then libc's, for a value native code set after start-up.
    /// </remarks>
    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value) && !OperatingSystem.IsWindows())
        {
            value = Marshal.PtrToStringUTF8(NativeGetEnv(name));
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <inheritdoc />
    /// <remarks>
    /// glibc's setenv is not safe against a concurrent getenv on another thread; the resolver calls this
    /// once, under its lock, before any BLAS library is loaded.
    /// </remarks>
    public void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && NativeSetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException(
                $"libc setenv failed for {name}={value} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeGetEnv(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int NativeSetEnv(string name, string value, int overwrite);
}
