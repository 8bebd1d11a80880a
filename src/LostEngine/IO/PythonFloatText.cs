using System.Globalization;
using System.Text;

namespace LostEngine.IO;

/// <summary>
/// Writes a double as Python's <c>repr(float)</c>, the text <c>json.dump</c> gives a float: the shortest digits that
/// read back the same value, positional with at least one digit after the point (<c>96.0</c>) when the decimal
/// exponent is in (-4, 16], else <c>d.ddde±XX</c>. A file meant to match the reference's JSON field for field keeps a
/// float a float (<c>96.0</c>, not <c>96</c>).
/// </summary>
internal static class PythonFloatText
{
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite, which JSON cannot hold.</exception>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON holds only finite numbers.");
        }
        string sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }
        // "E16" would round; "R" gives the shortest round-trip digits, in either notation, which are split here.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOf('E');
        string mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('0');
        int leadingZeros = (point < 0 ? mantissa : mantissa.Remove(point, 1)).Length - digits.Length;
        // The position of the decimal point counted from the first significant digit, as Python's repr defines it.
        int decimalPoint = (point < 0 ? mantissa.Length : point) + exponent - leadingZeros;
        digits = digits.TrimEnd('0');
        var text = new StringBuilder(sign);
        if (decimalPoint > 16 || decimalPoint <= -4)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }
            int shown = decimalPoint - 1;
            text.Append('e').Append(shown < 0 ? '-' : '+').Append(Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decimalPoint <= 0)
        {
            text.Append("0.").Append('0', -decimalPoint).Append(digits);
        }
        else if (decimalPoint >= digits.Length)
        {
            text.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
        }
        else
        {
            text.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
        }
        return text.ToString();
    }
}
