using System.Buffers.Binary;
using System.Text;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// Writes pickle opcodes one by one, as Python's pickler does for protocol 2, so a test can state exactly the
/// bytes a checkpoint's <c>data.pkl</c> holds, well-formed or not. <see cref="Offset"/> is where the next opcode goes.
/// </summary>
internal sealed class PickleWriter
{
    private readonly List<byte> _bytes = [];

    public PickleWriter(int protocol = 2) => Op(0x80).Byte(protocol);

    public int Offset => _bytes.Count;

    public PickleWriter Op(int code) => Byte(code);

    public PickleWriter Mark() => Op('(');

    public PickleWriter Stop() => Op('.');

    public PickleWriter None() => Op('N');

    public PickleWriter Bool(bool value) => Op(value ? 0x88 : 0x89);

    public PickleWriter EmptyDict() => Op('}');

    public PickleWriter EmptyList() => Op(']');

    public PickleWriter EmptyTuple() => Op(')');

    public PickleWriter Tuple() => Op('t');

    /// <summary>TUPLE1, TUPLE2 or TUPLE3 of the top <paramref name="count"/> values.</summary>
    public PickleWriter TupleOf(int count) => Op(0x84 + count);

    public PickleWriter SetItem() => Op('s');

    public PickleWriter SetItems() => Op('u');

    public PickleWriter Append() => Op('a');

    public PickleWriter Appends() => Op('e');

    public PickleWriter Reduce() => Op('R');

    public PickleWriter Build() => Op('b');

    public PickleWriter NewObj() => Op(0x81);

    public PickleWriter PersistentId() => Op('Q');

    public PickleWriter Put(uint slot) => slot < 256 ? Op('q').Byte((int)slot) : Op('r').UInt32(slot);

    public PickleWriter Get(uint slot) => slot < 256 ? Op('h').Byte((int)slot) : Op('j').UInt32(slot);

    public PickleWriter Global(string module, string name) =>
        Op('c').Raw(Encoding.UTF8.GetBytes(module + "\n" + name + "\n"));

    public PickleWriter Str(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return Op('X').UInt32((uint)bytes.Length).Raw(bytes);
    }

    /// <summary>An int in the opcode Python's pickler picks for it.</summary>
    public PickleWriter Int(long value)
    {
        if (value is >= 0 and < 256)
        {
            return Op('K').Byte((int)value);
        }
        if (value is >= 0 and < 65536)
        {
            return Op('M').Raw([(byte)value, (byte)(value >> 8)]);
        }
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            var word = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(word, (int)value);
            return Op('J').Raw(word);
        }
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        int length = 8;
        while (length > 1 && (bytes[length - 1] == 0 && (bytes[length - 2] & 0x80) == 0 || bytes[length - 1] == 0xff && (bytes[length - 2] & 0x80) != 0))
        {
            length--;
        }
        return Op(0x8a).Byte(length).Raw(bytes[..length]);
    }

    public PickleWriter Float(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return Op('G').Raw(bytes);
    }

    /// <summary>A tuple of ints, as torch.save writes sizes and strides.</summary>
    public PickleWriter IntTuple(IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return EmptyTuple();
        }
        if (values.Count > 3)
        {
            Mark();
        }
        foreach (long value in values)
        {
            Int(value);
        }
        return values.Count > 3 ? Tuple() : TupleOf(values.Count);
    }

    public PickleWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private PickleWriter Byte(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    private PickleWriter UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Raw(bytes);
    }
}
