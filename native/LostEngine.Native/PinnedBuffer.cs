namespace LostEngine.Native;

/// <summary>
/// A managed array on the pinned object heap: it never moves, so its address can be handed to native
/// code (an ONNX Runtime output binding, a BLAS call) for as long as the buffer lives, with no
/// <c>fixed</c> and no GCHandle. Unlike <see cref="AlignedBuffer{T}"/> it needs no Dispose and can be
/// passed where an array or <see cref="Memory{T}"/> is expected; its start is only 8- or 16-byte aligned.
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
public sealed unsafe class PinnedBuffer<T>
    where T : unmanaged
{
    /// <summary>Allocates the array without clearing it.</summary>
    /// <remarks>
    /// Skipping the clear saves a pass over memory that the producer (an inference run) overwrites in
    /// full; a reader that may look before anything was written must call <see cref="Clear"/> first.
    /// </remarks>
    /// <param name="length">Number of elements.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public PinnedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        fixed (T* first = Array)
        {
            // The array lives on the pinned heap, so the address outlives this fixed block.
            Pointer = first;
        }
    }

    /// <summary>The pinned array itself.</summary>
    public T[] Array { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Array.Length;

    /// <summary>The first element; stable for the buffer's lifetime. Null for an empty buffer.</summary>
    public T* Pointer { get; }

    /// <summary>The elements as a span.</summary>
    public Span<T> Span => Array;

    /// <summary>The elements as memory, for APIs that bind <see cref="Memory{T}"/> (ONNX Runtime's OrtValue).</summary>
    public Memory<T> Memory => Array;

    /// <summary>Sets every element to its default value.</summary>
    public void Clear() => System.Array.Clear(Array);
}
