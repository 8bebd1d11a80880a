using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace LostEngine.Tests.Fuzzing;

/// <summary>How one <see cref="ByteMutation"/> changes a file.</summary>
public enum MutationKind
{
    FlipBit,
    SetByte,
    SetInt32,
    Insert,
    Delete,
    Duplicate,
    Truncate,
}

/// <summary>
/// One change to a file's bytes, placed by a fraction of the length so that it fits any file. A quarter of the
/// positions crowd the start, where the headers whose sizes, lengths and offsets a reader trusts live.
/// </summary>
public readonly record struct ByteMutation(MutationKind Kind, double Position, int Value, int Length)
{
    // Values that sit on the edges readers branch on: zero, sign bits, all ones, one more than a byte or a short.
    private static readonly int[] EdgeValues = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x10000, int.MaxValue, int.MinValue, -1];

    public static Gen<ByteMutation> Generator { get; } =
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from position in Gen.Frequency(
            (3, Gen.Choose(0, 1 << 20).Select(x => x / (double)(1 << 20))),
            (1, Gen.Choose(0, 1 << 20).Select(x => Math.Pow(x / (double)(1 << 20), 3))))
        from value in Gen.OneOf(Gen.Elements(EdgeValues), Gen.Choose(int.MinValue, int.MaxValue))
        from length in Gen.Choose(1, 48)
        select new ByteMutation(kind, position, value, length);

    /// <summary>A few mutations applied in order.</summary>
    public static Gen<ByteMutation[]> Several { get; } = Gen.Choose(1, 3).SelectMany(n => Generator.ArrayOf(n));

    public byte[] Apply(byte[] bytes)
    {
        int at = Math.Min((int)(Position * bytes.Length), Math.Max(0, bytes.Length - 1));
        var list = bytes.ToList();
        switch (Kind)
        {
            case MutationKind.FlipBit when bytes.Length > 0:
                list[at] ^= (byte)(1 << (Value & 7));
                break;
            case MutationKind.SetByte when bytes.Length > 0:
                list[at] = (byte)Value;
                break;
            case MutationKind.SetInt32 when bytes.Length >= 4:
                at = Math.Min(at, bytes.Length - 4);
                var word = new byte[4];
                if ((Length & 1) == 0)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(word, Value);
                }
                else
                {
                    BinaryPrimitives.WriteInt32BigEndian(word, Value);
                }
                list.RemoveRange(at, 4);
                list.InsertRange(at, word);
                break;
            case MutationKind.Insert:
                list.InsertRange(at, Enumerable.Repeat((byte)Value, Length));
                break;
            case MutationKind.Delete:
                list.RemoveRange(at, Math.Min(Length, list.Count - at));
                break;
            case MutationKind.Duplicate:
                list.InsertRange(at, list.Skip(at).Take(Length).ToArray());
                break;
            case MutationKind.Truncate:
                list.RemoveRange(at, list.Count - at);
                break;
        }
        return [.. list];
    }

    public static byte[] ApplyAll(byte[] bytes, IEnumerable<ByteMutation> mutations) =>
        mutations.Aggregate(bytes, (current, mutation) => mutation.Apply(current));

    public override string ToString() => FormattableString.Invariant($"{Kind}@{Position:0.####}({Value},{Length})");
}
