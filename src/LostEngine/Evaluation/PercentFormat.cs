using System.Globalization;

namespace LostEngine.Evaluation;

/// <summary>Formats a CorLoc percent with one decimal exactly as Python's <c>'%.1f'</c> does.</summary>
public static class PercentFormat
{
    /// <summary>
    /// One decimal, rounded from the exact binary value. .NET and Python agree on every value except an
    /// exact tie (x.x5 held exactly, e.g. 12.25), which Python rounds half to even and .NET away from zero.
    /// </summary>
    public static string OneDecimal(double value)
    {
        double scaled = value * 10;
        // The product is a tie only if it is exact: 12.35 * 10 rounds to 123.5 but 12.35 is not a tie.
        bool exactTie = scaled - Math.Floor(scaled) == 0.5 && Math.FusedMultiplyAdd(value, 10, -scaled) == 0;
        double rounded = exactTie ? Math.Round(scaled, MidpointRounding.ToEven) / 10 : value;
        return rounded.ToString("F1", CultureInfo.InvariantCulture);
    }
}
