namespace LostEngine.IO;

/// <summary>
/// Turns the text of a .npy header (a Python dict literal with exactly the keys 'descr', 'fortran_order'
/// and 'shape') into the element type, byte order and shape, naming the first thing that is wrong.
/// </summary>
internal static class NpyHeaderParser
{
    private static readonly string[] RequiredKeys = ["descr", "fortran_order", "shape"];

    public readonly record struct Fields(NpyElementType ElementType, bool BigEndian, int[] Shape, long ElementCount);

    public static Fields Parse(string header, string source)
    {
        PythonLiteral literal;
        try
        {
            literal = PythonLiteralParser.Parse(header);
        }
        catch (FormatException e)
        {
            throw new NpyFormatException(source, $"header is not a Python dict literal: {e.Message}.");
        }
        if (literal is not PythonDict dict)
        {
            throw new NpyFormatException(source, $"header is not a dict: it holds {literal.Describe()}.");
        }
        foreach (string key in RequiredKeys)
        {
            if (!dict.Entries.ContainsKey(key))
            {
                throw new NpyFormatException(source, $"header has no '{key}' key (it needs 'descr', 'fortran_order' and 'shape').");
            }
        }
        foreach (string key in dict.Entries.Keys)
        {
            if (Array.IndexOf(RequiredKeys, key) < 0)
            {
                throw new NpyFormatException(source, $"header has an unexpected key '{key}' (only 'descr', 'fortran_order' and 'shape' are allowed).");
            }
        }
        var (type, bigEndian) = ParseDescr(dict.Entries["descr"], source);
        RequireCOrder(dict.Entries["fortran_order"], source);
        var (shape, count) = ParseShape(dict.Entries["shape"], type, source);
        return new Fields(type, bigEndian, shape, count);
    }

    private static (NpyElementType Type, bool BigEndian) ParseDescr(PythonLiteral descr, string source)
    {
        if (descr is not PythonString { Value: var text })
        {
            string what = descr is PythonSequence ? "a structured dtype (a list of fields)" : descr.Describe();
            throw new NpyFormatException(source, $"unsupported dtype: 'descr' is {what}; only float16, float32 and float64 are supported.");
        }
        // numpy writes the byte order first: '<' little, '>' big, '|' not applicable (one-byte types),
        // '=' native. A bare code like 'f4' also means native. Every platform .NET runs this engine on is
        // little-endian, so native is read as little-endian; big-endian data is byte-swapped on read.
        ReadOnlySpan<char> code = text;
        bool bigEndian = !BitConverter.IsLittleEndian;
        char order = code.Length > 0 ? code[0] : '\0';
        if (order is '<' or '>' or '=' or '|')
        {
            code = code[1..];
            bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        }
        NpyElementType? type = code switch
        {
            "f2" or "e" => NpyElementType.Float16,
            "f4" or "f" => NpyElementType.Float32,
            "f8" or "d" => NpyElementType.Float64,
            _ => null,
        };
        if (type is null)
        {
            throw new NpyFormatException(source,
                $"unsupported dtype '{text}'; only float16 ('<f2'), float32 ('<f4') and float64 ('<f8'), either byte order, are supported.");
        }
        if (order == '|')
        {
            throw new NpyFormatException(source,
                $"unsupported dtype '{text}': byte order '|' means 'not applicable' and only fits one-byte types, so the byte order of this {(int)type}-byte type is unknown.");
        }
        return (type.Value, bigEndian);
    }

    private static void RequireCOrder(PythonLiteral fortranOrder, string source)
    {
        switch (fortranOrder)
        {
            case PythonBoolean { Value: false }:
                return;
            case PythonBoolean { Value: true }:
                throw new NpyFormatException(source,
                    "fortran_order is True: only C-order arrays are supported (save np.ascontiguousarray(a) instead).");
            default:
                throw new NpyFormatException(source, $"header's 'fortran_order' must be True or False, found {fortranOrder.Describe()}.");
        }
    }

    private static (int[] Shape, long Count) ParseShape(PythonLiteral shapeLiteral, NpyElementType type, string source)
    {
        if (shapeLiteral is not PythonSequence { IsTuple: true, Items: var items })
        {
            throw new NpyFormatException(source, $"header's 'shape' must be a tuple of integers, found {shapeLiteral.Describe()}.");
        }
        var shape = new int[items.Count];
        long count = 1;
        long maxCount = long.MaxValue / (int)type;
        for (int axis = 0; axis < items.Count; axis++)
        {
            if (items[axis] is not PythonInteger { Value: var size })
            {
                throw new NpyFormatException(source, $"shape entry {axis} is {items[axis].Describe()}, not an integer.");
            }
            if (size < 0)
            {
                throw new NpyFormatException(source, $"shape entry {axis} is negative ({size}).");
            }
            if (size > int.MaxValue)
            {
                throw new NpyFormatException(source, $"shape entry {axis} is {size}, more than {int.MaxValue}.");
            }
            shape[axis] = (int)size;
            if (size != 0 && count > maxCount / size)
            {
                throw new NpyFormatException(source, "shape overflows: its element count times the element size does not fit in 64 bits.");
            }
            count *= size;
        }
        return (shape, count);
    }
}
