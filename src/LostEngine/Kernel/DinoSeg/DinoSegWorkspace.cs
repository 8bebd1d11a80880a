using LostEngine.Threading;

namespace LostEngine.Kernel;

/// <summary>
/// Every buffer <see cref="DinoSeg"/> needs for grids of up to <see cref="MaxPatches"/> cells, allocated once.
/// After a call it holds that call's foreground mask and component labels until the next one.
/// It serves one call at a time: a call that overlaps another on the same workspace throws
/// <see cref="InvalidOperationException"/>, so use one workspace per calling thread. It owns no thread and no
/// native memory, only arrays, so unlike LOST's and the normalized cut's workspaces it needs no <c>Dispose</c>.
/// </summary>
public sealed class DinoSegWorkspace
{
    private readonly ulong[] _order;
    private readonly byte[] _mask;
    private readonly int[] _labels;
    private readonly int[] _queue;
    private readonly int[] _sizes;
    private CallGate _gate;
    private int _patches;

    /// <summary>Allocates a workspace for grids of up to <paramref name="maxPatches"/> cells.</summary>
    public DinoSegWorkspace(int maxPatches)
    {
        if (maxPatches < 1)
        {
            throw new LostInputException(nameof(maxPatches), $"must be at least 1, got {maxPatches}.");
        }
        MaxPatches = maxPatches;
        _order = new ulong[maxPatches];
        _mask = new byte[maxPatches];
        _labels = new int[maxPatches];
        _queue = new int[maxPatches];
        _sizes = new int[maxPatches + 1];
    }

    /// <summary>Largest N a call may use.</summary>
    public int MaxPatches { get; }

    /// <summary>1 where the last call kept the patch (cumulative mass above 40%), 0 elsewhere.</summary>
    public ReadOnlySpan<byte> Mask => _mask.AsSpan(0, _patches);

    /// <summary>4-connected component label of every patch in the last call, 0 for the background.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, _patches);

    internal Span<ulong> Order(int n) => _order.AsSpan(0, n);

    internal Span<byte> MaskBuffer(int n) => _mask.AsSpan(0, n);

    internal Span<int> LabelBuffer(int n) => _labels.AsSpan(0, n);

    internal Span<int> QueueBuffer(int n) => _queue.AsSpan(0, n);

    internal Span<int> SizeBuffer(int n) => _sizes.AsSpan(0, n + 1);

    internal void Record(int patches) => _patches = patches;

    /// <summary>Starts a call, which ends when the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another call is running on this workspace.</exception>
    internal CallGate.Call Enter() => _gate.Enter(this);
}
