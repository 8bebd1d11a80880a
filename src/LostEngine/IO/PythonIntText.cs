using System.Globalization;

namespace LostEngine.IO;

/// <summary>
/// Reads text as Python's <c>int(str)</c> does in base 10, because the reference compares image ids with it:
/// surrounding whitespace, an optional sign, leading zeros, and single underscores between digits
/// (<c>int("2008_000008")</c> is 2008000008, which is how VOC 2012's names become numbers there).
/// </summary>
/// <remarks>Only ASCII digits are taken; Python would also take other Unicode decimal digits, which no dataset uses.</remarks>
internal static class PythonIntText
{
    /// <summary>False when Python would raise, or when the number does not fit a long.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = text.Trim();
        bool negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        if (text.Length == 0 || text[0] == '_' || text[^1] == '_')
        {
            return false;
        }
        Span<char> digits = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                if (text[i - 1] == '_')
                {
                    return false;
                }
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            digits[count++] = c;
        }
        if (!ulong.TryParse(digits[..count], NumberStyles.None, CultureInfo.InvariantCulture, out ulong magnitude))
        {
            return false;
        }
        if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
        {
            return false;
        }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }
}
