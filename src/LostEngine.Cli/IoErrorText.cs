using System.Text.RegularExpressions;

namespace LostEngine.Cli;

/// <summary>The operating system's words for an I/O error, for one-line messages that name the file themselves.</summary>
internal static partial class IoErrorText
{
    /// <summary>"No space left on device", "Read-only file system", without the path .NET appends.</summary>
    public static string Of(Exception error)
    {
        string message = error is UnauthorizedAccessException { InnerException: { } inner } ? inner.Message : error.Message;
        return PathSuffix().Replace(message, "");
    }

    // .NET writes an errno's text as "No space left on device : '/the/path'".
    [GeneratedRegex(@"\s*:\s*'[^']*'\s*$")]
    private static partial Regex PathSuffix();
}
