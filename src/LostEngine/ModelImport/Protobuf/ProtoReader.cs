namespace LostEngine.ModelImport.Protobuf;

/// <summary>
/// Reads protobuf wire format field by field from one message's bytes, bounds-checked: a length or varint that runs
/// past the end, or a wire type protobuf does not define, is an <see cref="InvalidDataException"/> naming the source.
/// Messages nested in a field are read by a new reader over that field's bytes, never by recursion here.
/// </summary>
internal ref struct ProtoReader
{
    /// <summary>Wire type of varints.</summary>
    public const int Varint = 0;
    /// <summary>Wire type of fixed 64-bit values.</summary>
    public const int Fixed64 = 1;
    /// <summary>Wire type of strings, bytes, messages and packed repeated scalars.</summary>
    public const int LengthDelimited = 2;
    /// <summary>Wire type of fixed 32-bit values.</summary>
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _source;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data, string source)
    {
        _data = data;
        _source = source;
    }

    /// <summary>Whether every field has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    /// <summary>Offset of the next field in the message's bytes.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next field's tag.</summary>
    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        ulong field = tag >> 3;
        if (field is 0 or > int.MaxValue)
        {
            throw Broken($"field number {field} at byte {_position}");
        }
        return ((int)field, (int)(tag & 7));
    }

    /// <summary>Reads a varint.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Broken("a varint runs past the end");
            }
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Broken($"a varint longer than 10 bytes ends at byte {_position}");
    }

    /// <summary>Reads a length-delimited field's bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Broken($"a field of {length} bytes at byte {_position} runs past the end ({_data.Length - _position} left)");
        }
        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>Skips the value of a field of <paramref name="wireType"/>.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed64:
                Advance(8);
                break;
            case Fixed32:
                Advance(4);
                break;
            default:
                throw Broken($"wire type {wireType} at byte {_position}");
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Broken("a fixed-size value runs past the end");
        }
        _position += count;
    }

    private readonly InvalidDataException Broken(string what) => new($"{_source}: not a valid protobuf message: {what}.");
}
