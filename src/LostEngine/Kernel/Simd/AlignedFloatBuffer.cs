using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LostEngine.Kernel;

/// <summary>
/// A pinned float buffer whose first element sits on a 64-byte boundary, so every panel row the micro-kernels
/// load is one cache line and never splits across two.
/// </summary>
internal sealed unsafe class AlignedFloatBuffer
{
    private const int AlignmentBytes = 64;
    private readonly float[] _storage;
    private readonly int _offset;

    public AlignedFloatBuffer(long length)
    {
        if (length > Array.MaxLength - AlignmentBytes / sizeof(float))
        {
            throw new LostInputException("workspace", $"needs {length} floats of packed keys, more than one array can hold.");
        }
        Length = (int)length;
        _storage = GC.AllocateUninitializedArray<float>(Length + AlignmentBytes / sizeof(float), pinned: true);
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        _offset = (int)((AlignmentBytes - address % AlignmentBytes) % AlignmentBytes) / sizeof(float);
    }

    public int Length { get; }

    public Span<float> Span => _storage.AsSpan(_offset, Length);
}
