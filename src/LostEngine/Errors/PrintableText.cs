using System.Globalization;
using System.Text;

namespace LostEngine;

/// <summary>
/// Text quoted from an untrusted file made safe for a one-line message: control, format and line-separator
/// characters are written as Python-style escapes (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>), so a file can neither break
/// the line nor send a terminal escape sequence through an error.
/// </summary>
internal static class PrintableText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when !NeedsEscape(c) => c.ToString(),
                _ when c <= 0xff => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
