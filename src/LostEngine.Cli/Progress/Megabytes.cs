using System.Globalization;

namespace LostEngine.Cli.Progress;

/// <summary>Byte counts as every model command and progress line writes them: mebibytes with one decimal, "330.2 MB".</summary>
internal static class Megabytes
{
    private const double Bytes = 1 << 20;

    /// <summary>The size with its unit, such as "330.2 MB".</summary>
    public static string Of(long bytes) => $"{Number(bytes)} MB";

    /// <summary>The number alone, for "done/total MB" and rates.</summary>
    public static string Number(double bytes) => (bytes / Bytes).ToString("0.0", CultureInfo.InvariantCulture);
}
