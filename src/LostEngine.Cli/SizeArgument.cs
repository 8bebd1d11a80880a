using System.Globalization;

namespace LostEngine.Cli;

/// <summary>A pair of positive integers written <c>AxB</c> on the command line: a grid "ROWSxCOLS" or an image "HxW".</summary>
/// <param name="First">The first number (rows, or height).</param>
/// <param name="Second">The second number (columns, or width).</param>
internal readonly record struct SizeArgument(int First, int Second)
{
    /// <summary>
    /// Parses <paramref name="text"/> ("30x40", also "30X40" or "30×40", spaces around the numbers allowed).
    /// </summary>
    /// <param name="text">What the user typed.</param>
    /// <param name="option">The option it came from, e.g. "--grid", for the error message.</param>
    /// <param name="form">The expected form, e.g. "ROWSxCOLS", for the error message.</param>
    /// <exception cref="LostInputException">The text is not two positive integers joined by 'x'.</exception>
    public static SizeArgument Parse(string text, string option, string form)
    {
        ArgumentNullException.ThrowIfNull(text);
        int separator = text.AsSpan().IndexOfAny('x', 'X', '×');
        if (separator >= 0
            && TryParsePositive(text.AsSpan(0, separator), out int first)
            && TryParsePositive(text.AsSpan(separator + 1), out int second))
        {
            return new SizeArgument(first, second);
        }
        throw new LostInputException(option, $"'{text}' is not {form}: two positive integers joined by 'x', e.g. 30x40.");
    }

    private static bool TryParsePositive(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <inheritdoc />
    public override string ToString() => $"{First}x{Second}";
}
