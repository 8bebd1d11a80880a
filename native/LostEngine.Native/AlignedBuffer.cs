using System.Runtime.InteropServices;

namespace LostEngine.Native;

/// <summary>
/// An owned block of native memory for a fixed number of <typeparamref name="T"/> values,
/// zeroed, starting on a 64-byte boundary: one cache line and one 512-bit vector, so vector loads never
/// split a line and BLAS packing routines take their aligned paths. The GC neither moves nor scans it.
/// Dispose it when done; the finalizer frees it if a caller forgets.
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
public sealed unsafe class AlignedBuffer<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The alignment of <see cref="Pointer"/>, in bytes.</summary>
    public const int Alignment = 64;

    // nint rather than void* so that Dispose can take it with one Interlocked.Exchange.
    private nint _memory;

    /// <summary>Allocates and zeroes the buffer.</summary>
    /// <param name="length">Number of elements; zero gives an empty buffer that still has a valid pointer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="OutOfMemoryException">The allocation failed.</exception>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = checked((nuint)length * (nuint)sizeof(T));

        // One alignment unit at least, so an empty buffer still owns a real, freeable pointer.
        var memory = NativeMemory.AlignedAlloc(Math.Max(bytes, Alignment), Alignment);
        NativeMemory.Clear(memory, bytes);
        _memory = (nint)memory;
        Length = length;
    }

    /// <summary>Frees the memory if <see cref="Dispose"/> was never called.</summary>
    ~AlignedBuffer() => Free();

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Whether <see cref="Dispose"/> has run; every accessor then throws.</summary>
    public bool IsDisposed => Volatile.Read(ref _memory) == 0;

    /// <summary>The first element, 64-byte aligned. Valid until <see cref="Dispose"/>.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public T* Pointer
    {
        get
        {
            var memory = Volatile.Read(ref _memory);
            ObjectDisposedException.ThrowIf(memory == 0, this);
            return (T*)memory;
        }
    }

    /// <summary>The elements as a span. Valid until <see cref="Dispose"/>.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public Span<T> Span => new(Pointer, Length);

    /// <summary>Frees the memory now. Safe to call more than once, and from several threads.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var memory = Interlocked.Exchange(ref _memory, 0);
        if (memory != 0)
        {
            NativeMemory.AlignedFree((void*)memory);
        }
    }
}
