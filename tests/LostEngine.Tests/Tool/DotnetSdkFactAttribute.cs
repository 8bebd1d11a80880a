using System.ComponentModel;

namespace LostEngine.Tests.Tool;

/// <summary>
/// A fact that packs and installs with the <c>dotnet</c> SDK; where none is on PATH (a machine with only the
/// runtime) it is reported as skipped with that reason, and never passes without having run.
/// </summary>
public sealed class DotnetSdkFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(() =>
    {
        try
        {
            var sdks = ChildProcess.Dotnet("--list-sdks");
            return sdks.ExitCode == 0 && sdks.Output.Trim().Length > 0
                ? null
                : $"No .NET SDK on PATH: 'dotnet --list-sdks' exited {sdks.ExitCode} naming none; packing and installing the tool needs one.";
        }
        catch (Win32Exception error)
        {
            return $"No dotnet on PATH ({error.Message}); packing and installing the tool needs the .NET SDK.";
        }
    });

    /// <summary>Skips the test when <c>dotnet --list-sdks</c> names no SDK.</summary>
    public DotnetSdkFactAttribute() => Skip = SkipReason.Value;
}
