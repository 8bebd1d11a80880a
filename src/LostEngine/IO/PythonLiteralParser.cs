using System.Globalization;
using System.Text;

namespace LostEngine.IO;

/// <summary>
/// A recursive-descent parser for the Python literals a .npy header holds (what numpy's <c>repr</c> of its
/// header dict writes and <c>ast.literal_eval</c> reads back). Errors say what was expected and where.
/// </summary>
internal ref struct PythonLiteralParser
{
    // Headers are a few hundred bytes; a nesting limit keeps a hostile "((((((..." from exhausting the stack.
    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<char> _text;
    private int _position;

    private PythonLiteralParser(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>Parses one literal filling the whole text (surrounding whitespace allowed).</summary>
    /// <exception cref="FormatException">The text is not one literal of the subset; the message gives the column.</exception>
    public static PythonLiteral Parse(ReadOnlySpan<char> text)
    {
        var parser = new PythonLiteralParser(text);
        var value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position != text.Length)
        {
            throw parser.Error("end of header");
        }
        return value;
    }

    private PythonLiteral ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"literals nested deeper than {MaxDepth} levels at column {_position + 1}");
        }
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("a value");
        }
        char c = _text[_position];
        return c switch
        {
            '{' => ParseDict(depth),
            '(' => ParseSequence(')', depth),
            '[' => ParseSequence(']', depth),
            '\'' or '"' => new PythonString(ParseString()),
            '-' or '+' or (>= '0' and <= '9') => new PythonInteger(ParseInteger()),
            _ when char.IsAsciiLetter(c) => ParseName(),
            _ => throw Error("a value"),
        };
    }

    private PythonDict ParseDict(int depth)
    {
        _position++;
        var entries = new Dictionary<string, PythonLiteral>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return new PythonDict(entries);
            }
            if (_position >= _text.Length || (_text[_position] != '\'' && _text[_position] != '"'))
            {
                throw Error("a string key or '}'");
            }
            string key = ParseString();
            SkipWhitespace();
            if (!TryConsume(':'))
            {
                throw Error("':'");
            }
            entries[key] = ParseValue(depth + 1);
            SkipWhitespace();
            if (TryConsume(','))
            {
                continue;
            }
            if (TryConsume('}'))
            {
                return new PythonDict(entries);
            }
            throw Error("',' or '}'");
        }
    }

    private PythonLiteral ParseSequence(char close, int depth)
    {
        _position++;
        var items = new List<PythonLiteral>();
        bool sawComma = false;
        while (true)
        {
            SkipWhitespace();
            if (TryConsume(close))
            {
                break;
            }
            if (_position < _text.Length && _text[_position] is ')' or ']' or '}')
            {
                throw Error($"a value or '{close}'");
            }
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(','))
            {
                sawComma = true;
                continue;
            }
            if (TryConsume(close))
            {
                break;
            }
            throw Error($"',' or '{close}'");
        }
        // As in Python, "(3)" is the integer 3 in parentheses; only a comma (or "()") makes a tuple.
        if (close == ')' && items.Count == 1 && !sawComma)
        {
            return items[0];
        }
        return new PythonSequence(items, IsTuple: close == ')');
    }

    private string ParseString()
    {
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }
            if (c == '\n')
            {
                break;
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= _text.Length)
            {
                break;
            }
            builder.Append(ParseEscape(_text[_position++]));
        }
        throw new FormatException($"unterminated string starting before column {_position + 1}");
    }

    private string ParseEscape(char c) => c switch
    {
        'n' => "\n",
        't' => "\t",
        'r' => "\r",
        '0' => "\0",
        '\\' or '\'' or '"' => c.ToString(),
        'x' => ((char)ParseHex(2)).ToString(),
        'u' => ((char)ParseHex(4)).ToString(),
        // Python keeps the backslash of an escape it does not know.
        _ => "\\" + c,
    };

    private int ParseHex(int digits)
    {
        if (_position + digits > _text.Length
            || !int.TryParse(_text.Slice(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value))
        {
            throw Error($"{digits} hex digits after the escape");
        }
        _position += digits;
        return value;
    }

    private long ParseInteger()
    {
        int start = _position;
        bool negative = _text[_position] == '-';
        if (_text[_position] is '-' or '+')
        {
            _position++;
        }
        int digitsStart = _position;
        long value = 0;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            int digit = _text[_position] - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                throw new FormatException($"integer at column {start + 1} does not fit in 64 bits");
            }
            value = value * 10 + digit;
            _position++;
        }
        if (_position == digitsStart)
        {
            throw Error("digits");
        }
        // Python 2 era numpy wrote long shapes as "3L".
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }
        return negative ? -value : value;
    }

    private PythonLiteral ParseName()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }
        var name = _text[start.._position];
        return name switch
        {
            "True" => new PythonBoolean(true),
            "False" => new PythonBoolean(false),
            "None" => PythonNone.Instance,
            _ => throw new FormatException($"unknown name '{name}' at column {start + 1}"),
        };
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v')
        {
            _position++;
        }
    }

    private readonly FormatException Error(string expected)
    {
        string found = _position < _text.Length ? $"'{_text[_position]}'" : "the end of the header";
        return new FormatException($"expected {expected} at column {_position + 1}, found {found}");
    }
}
