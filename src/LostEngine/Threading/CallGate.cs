using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LostEngine.Threading;

/// <summary>
/// Held by an object that serves one call at a time (a workspace, a localizer, an extractor) to refuse a call that
/// overlaps another, and any call after disposal. A second thread's call would otherwise run over the first one's
/// buffers: both could fail with an index error far from the cause, or return a wrong box with no error at all.
/// Entering is one interlocked compare-exchange and leaving one write, with no allocation, so a hot loop pays
/// nothing measurable. It is a field of its owner and never copied: a mutable struct, which a <see cref="Call"/>
/// refers to.
/// </summary>
internal struct CallGate
{
    private const int Idle = 0;
    private const int Busy = 1;
    private const int Closed = 2;

    private int _state;

    /// <summary>Starts a call of <paramref name="owner"/>, which ends when the returned scope is disposed (<c>using var call = ...</c>).</summary>
    /// <exception cref="InvalidOperationException">Another call of <paramref name="owner"/> is running.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="owner"/> was disposed.</exception>
    [UnscopedRef]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Call Enter(object owner)
    {
        int state = Interlocked.CompareExchange(ref _state, Busy, Idle);
        if (state != Idle)
        {
            ThrowRefused(state, owner);
        }
        return new Call(ref this);
    }

    /// <summary>Marks the owner disposed; true only the first time, so its <c>Dispose</c> frees what it owns once.</summary>
    /// <exception cref="InvalidOperationException">A call of <paramref name="owner"/> is running on another thread:
    /// freeing its buffers under it could crash the process.</exception>
    public bool Close(object owner)
    {
        int state = Interlocked.CompareExchange(ref _state, Closed, Idle);
        if (state == Busy)
        {
            ThrowRefused(state, owner);
        }
        return state == Idle;
    }

    /// <exception cref="ObjectDisposedException"><paramref name="owner"/> was disposed.</exception>
    public readonly void ThrowIfClosed(object owner) => ObjectDisposedException.ThrowIf(_state == Closed, owner);

    /// <summary><paramref name="owned"/>, something <paramref name="owner"/> holds, while the owner is not disposed.</summary>
    /// <exception cref="ObjectDisposedException"><paramref name="owner"/> was disposed.</exception>
    public readonly T Open<T>(T owned, object owner)
    {
        ThrowIfClosed(owner);
        return owned;
    }

    /// <summary>A call in flight; disposing it lets the next one in. No other thread can change the state meanwhile.</summary>
    public readonly ref struct Call
    {
        private readonly ref CallGate _gate;

        internal Call(ref CallGate gate) => _gate = ref gate;

        public void Dispose() => Volatile.Write(ref _gate._state, Idle);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRefused(int state, object owner)
    {
        var type = owner.GetType();
        if (state == Closed)
        {
            // As ObjectDisposedException.ThrowIf names it, so every member of a disposed object says the same.
            throw new ObjectDisposedException(type.FullName);
        }
        throw new InvalidOperationException($"{type.Name} serves one call at a time; use one per thread (this call overlapped another).");
    }
}
