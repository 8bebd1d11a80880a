using System.ComponentModel;

namespace LostEngine.Tests.Tool;

/// <summary>
/// A fact that packs and installs with the <c>dotnet</c> SDK on PATH (the one a user types); where there is none,
/// or that <c>dotnet</c> has no SDK (a runtime-only install), it is reported as skipped with that reason, and never
/// passes without having run.
/// </summary>
public sealed class DotnetSdkFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(() =>
    {
        if (ChildProcess.DotnetOnPath is not { } dotnet)
        {
            return "No dotnet on PATH: packing and installing the tool needs the .NET SDK.";
        }
        try
        {
            var sdks = ChildProcess.Dotnet("--list-sdks");
            return sdks.ExitCode == 0 && sdks.Output.Trim().Length > 0
                ? null
                : $"The dotnet on PATH ({dotnet}) has no SDK ('--list-sdks' exited {sdks.ExitCode} naming none): packing and installing the tool needs one.";
        }
        catch (Win32Exception error)
        {
            return $"The dotnet on PATH ({dotnet}) does not start: {error.Message}";
        }
    });

    /// <summary>Skips the test when the <c>dotnet</c> on PATH names no SDK.</summary>
    public DotnetSdkFactAttribute() => Skip = SkipReason.Value;
}
