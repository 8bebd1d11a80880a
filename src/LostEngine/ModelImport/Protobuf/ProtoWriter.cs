using System.Text;

namespace LostEngine.ModelImport.Protobuf;

/// <summary>
/// Protobuf wire format for the few field kinds an ONNX model file needs, written straight to a stream, with the sizes
/// of each so that a message's length can be written before its body.
/// </summary>
internal static class ProtoWriter
{
    /// <summary>Bytes of <paramref name="value"/> as a varint.</summary>
    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Bytes of a field's tag.</summary>
    public static int TagSize(int field) => VarintSize((ulong)field << 3);

    /// <summary>Bytes of a varint field.</summary>
    public static long VarintFieldSize(int field, ulong value) => TagSize(field) + VarintSize(value);

    /// <summary>Bytes of a length-delimited field whose body is <paramref name="length"/> bytes.</summary>
    public static long LengthDelimitedSize(int field, long length) => TagSize(field) + VarintSize((ulong)length) + length;

    /// <summary>Bytes of a string field.</summary>
    public static long StringFieldSize(int field, string value) => LengthDelimitedSize(field, Encoding.UTF8.GetByteCount(value));

    /// <summary>Writes a varint.</summary>
    public static void WriteVarint(Stream stream, ulong value)
    {
        Span<byte> buffer = stackalloc byte[10];
        int n = 0;
        while (value >= 0x80)
        {
            buffer[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[n++] = (byte)value;
        stream.Write(buffer[..n]);
    }

    /// <summary>Writes a field's tag.</summary>
    public static void WriteTag(Stream stream, int field, int wireType) => WriteVarint(stream, ((ulong)field << 3) | (uint)wireType);

    /// <summary>Writes a varint field.</summary>
    public static void WriteVarintField(Stream stream, int field, ulong value)
    {
        WriteTag(stream, field, ProtoReader.Varint);
        WriteVarint(stream, value);
    }

    /// <summary>Writes the tag and length of a length-delimited field; its <paramref name="length"/> body bytes follow.</summary>
    public static void WriteLengthPrefix(Stream stream, int field, long length)
    {
        WriteTag(stream, field, ProtoReader.LengthDelimited);
        WriteVarint(stream, (ulong)length);
    }

    /// <summary>Writes a string field.</summary>
    public static void WriteStringField(Stream stream, int field, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteLengthPrefix(stream, field, bytes.Length);
        stream.Write(bytes);
    }
}
