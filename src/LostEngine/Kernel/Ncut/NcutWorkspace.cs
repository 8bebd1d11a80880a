using LostEngine.Threading;

namespace LostEngine.Kernel;

/// <summary>
/// Everything a TokenCut or MaskCut call writes, allocated once for a maximum patch count and key width, so calls
/// in a host's hot loop allocate nothing: the normalized keys and their panels, the bit graph (N²/8 bytes), the
/// Lanczos basis, and the per-patch results. After a call it holds that call's details until the next one: the
/// eigenvector, partition and component of the last cut, and MaskCut's rounds, masks and objects.
/// Memory, for N = 4800 and d = 384 at 512 bits: the graph and its row-block copy 2.9 MB each (N²/8 bytes), the
/// normalized and packed keys 7.4 MB each, the Lanczos basis and the sign replay's reflectors 9.8 MB each (256
/// vectors of N doubles), the rest O(N).
/// It serves one call at a time: a call that overlaps another on the same workspace throws
/// <see cref="InvalidOperationException"/>, so use one workspace per calling thread. With
/// <see cref="LostKernelOptions.Threads"/> above 1 it owns that many minus one worker threads for the graph pass;
/// <see cref="Dispose"/> stops them, and afterwards every call and every read of a call's details throws
/// <see cref="ObjectDisposedException"/> (its sizes and options stay readable).
/// </summary>
public sealed class NcutWorkspace : IDisposable
{
    private readonly SimilarityPass _pass;
    private readonly float[] _normalized;
    private readonly ulong[] _graph;
    private readonly ulong[] _rowBlocks;
    private readonly int[] _edgeCounts;
    private readonly double[] _degrees;
    private readonly double[] _invSqrt;
    private readonly ulong[] _rowHashes;
    private readonly ulong[] _sortedHashes;
    private readonly int[] _hashOrder;
    private readonly ulong[] _paintedColumns;
    private readonly double[] _eigenvector;
    private readonly byte[] _partition;
    private readonly byte[] _component;
    private readonly int[] _queue;
    private readonly byte[] _painted;
    private readonly int[] _objectMap;
    private byte[] _roundMasks = [];
    private MaskCutRound[] _rounds = [];
    private MaskCutObject[] _objects = [];
    private CallGate _gate;
    private int _patches;
    private bool _hasCut;
    private int _roundCount;
    private int _objectCount;

    /// <summary>Allocates a workspace for up to <paramref name="maxPatches"/> patches of width <paramref name="maxDim"/>.</summary>
    public NcutWorkspace(int maxPatches, int maxDim, LostKernelOptions? options = null)
    {
        (Options, var width) = WorkspaceChecks.Check(maxPatches, maxDim, options);
        long graphWords = BitGraph.Length(maxPatches);
        if ((long)maxPatches * maxDim > Array.MaxLength || graphWords > Array.MaxLength)
        {
            throw new LostInputException("workspace", $"N = {maxPatches}, d = {maxDim} needs more memory than one array can hold.");
        }
        MaxPatches = maxPatches;
        MaxDim = maxDim;
        _normalized = GC.AllocateUninitializedArray<float>(maxPatches * maxDim, pinned: true);
        _graph = GC.AllocateUninitializedArray<ulong>((int)graphWords, pinned: true);
        // Only the 512-bit product reads the row-block copy of the graph.
        _rowBlocks = width == KernelWidth.Vector512 ? GC.AllocateUninitializedArray<ulong>((int)BitGraph.RowBlockLength(maxPatches), pinned: true) : [];
        _edgeCounts = new int[maxPatches];
        _degrees = new double[maxPatches];
        _invSqrt = new double[maxPatches];
        _rowHashes = new ulong[maxPatches];
        _sortedHashes = new ulong[maxPatches];
        _hashOrder = new int[maxPatches];
        _paintedColumns = new ulong[BitGraph.WordsPerRow(maxPatches)];
        _eigenvector = new double[maxPatches];
        _partition = new byte[maxPatches];
        _component = new byte[maxPatches];
        _queue = new int[maxPatches];
        _painted = new byte[maxPatches];
        _objectMap = new int[maxPatches];
        Solver = new FiedlerSolver(maxPatches);
        // Last, so a constructor that throws before it leaves no worker thread behind.
        _pass = new SimilarityPass(width, Options.Backend, Options.Threads, maxPatches, maxDim);
        if (_pass.Workers is { } workers)
        {
            ProductShares = new ProductShares(workers);
        }
    }

    /// <summary>Largest N a call may use.</summary>
    public int MaxPatches { get; }

    /// <summary>Largest key width d a call may use.</summary>
    public int MaxDim { get; }

    /// <summary>The options this workspace runs with.</summary>
    public LostKernelOptions Options { get; }

    /// <summary>The concrete SIMD width the kernel uses.</summary>
    public KernelWidth Width => _pass.Width;

    /// <summary>
    /// The second eigenvector x of the last cut (TokenCut's, or MaskCut's last round that made one), after the
    /// spec's orientation, normalised so that xᵀDx = 1; empty when the last call made no cut.
    /// </summary>
    public ReadOnlySpan<double> Eigenvector => _gate.Open(_eigenvector, this).AsSpan(0, _hasCut ? _patches : 0);

    /// <summary>1 for the cells of the seed's side of the last cut, 0 elsewhere; empty when it made no cut.</summary>
    public ReadOnlySpan<byte> Partition => _gate.Open(_partition, this).AsSpan(0, _hasCut ? _patches : 0);

    /// <summary>1 for the cells of the seed's 4-connected component in the last cut's partition; empty when it made no cut.</summary>
    public ReadOnlySpan<byte> Component => _gate.Open(_component, this).AsSpan(0, _hasCut ? _patches : 0);

    /// <summary>The degrees d_i = Σ_j A(i, j) of the last graph solved.</summary>
    public ReadOnlySpan<double> Degrees => _gate.Open(_degrees, this).AsSpan(0, _patches);

    /// <summary>MaskCut's objects of the last call, in round order.</summary>
    public ReadOnlySpan<MaskCutObject> Objects => _gate.Open(_objects, this).AsSpan(0, _objectCount);

    /// <summary>What each round of the last MaskCut call did.</summary>
    public ReadOnlySpan<MaskCutRound> Rounds => _gate.Open(_rounds, this).AsSpan(0, _roundCount);

    /// <summary>For every cell, 1 + the index in <see cref="Objects"/> of the object holding it, or 0.</summary>
    public ReadOnlySpan<int> ObjectMap => _gate.Open(_objectMap, this).AsSpan(0, _roundCount > 0 ? _patches : 0);

    /// <summary>Round <paramref name="round"/>'s mask (the seed's component, 1 inside) before the drop check and before earlier objects are removed.</summary>
    public ReadOnlySpan<byte> RoundMask(int round)
    {
        if ((uint)round >= (uint)_roundCount)
        {
            throw new ArgumentOutOfRangeException(nameof(round), round, $"The last MaskCut call made {_roundCount} rounds.");
        }
        return _gate.Open(_roundMasks, this).AsSpan(round * _patches, _patches);
    }

    internal SimilarityPass Pass => _pass;

    internal PassWorkers? Workers => _pass.Workers;

    internal FiedlerSolver Solver { get; }

    /// <summary>The graph products' split between threads, when the workspace has workers.</summary>
    internal ProductShares? ProductShares { get; }

    internal Span<float> NormalizedBuffer(int n, int dim) => _normalized.AsSpan(0, n * dim);

    internal Span<ulong> GraphBuffer(int n) => _graph.AsSpan(0, (int)BitGraph.Length(n));

    internal Span<ulong> RowBlockBuffer(int n) => _rowBlocks.Length == 0 ? default : _rowBlocks.AsSpan(0, (int)BitGraph.RowBlockLength(n));

    internal Span<int> EdgeCountBuffer(int n) => _edgeCounts.AsSpan(0, n);

    internal Span<double> DegreeBuffer(int n) => _degrees.AsSpan(0, n);

    internal Span<double> InvSqrtBuffer(int n) => _invSqrt.AsSpan(0, n);

    internal Span<ulong> RowHashBuffer(int n) => _rowHashes.AsSpan(0, n);

    internal Span<ulong> SortedHashBuffer(int n) => _sortedHashes.AsSpan(0, n);

    internal Span<int> HashOrderBuffer(int n) => _hashOrder.AsSpan(0, n);

    internal Span<ulong> PaintedColumnBuffer => _paintedColumns;

    internal Span<double> EigenvectorBuffer(int n) => _eigenvector.AsSpan(0, n);

    internal Span<byte> PartitionBuffer(int n) => _partition.AsSpan(0, n);

    internal Span<byte> ComponentBuffer(int n) => _component.AsSpan(0, n);

    internal Span<int> QueueBuffer(int n) => _queue.AsSpan(0, n);

    internal Span<byte> PaintedBuffer(int n) => _painted.AsSpan(0, n);

    internal Span<int> ObjectMapBuffer(int n) => _objectMap.AsSpan(0, n);

    /// <summary>Room for <paramref name="rounds"/> rounds of <paramref name="n"/> cells; grows (once) for a larger call.</summary>
    internal void EnsureRounds(int rounds, int n)
    {
        if (_rounds.Length < rounds)
        {
            _rounds = new MaskCutRound[rounds];
            _objects = new MaskCutObject[rounds];
        }
        if (_roundMasks.Length < (long)rounds * n)
        {
            _roundMasks = new byte[Math.Max((long)rounds * n, (long)_roundMasks.Length)];
        }
    }

    internal Span<byte> RoundMaskBuffer(int round, int n) => _roundMasks.AsSpan(round * n, n);

    internal Span<MaskCutRound> RoundBuffer => _rounds;

    internal Span<MaskCutObject> ObjectBuffer => _objects;

    /// <summary>Records what the last call leaves readable.</summary>
    internal void Record(int patches, bool hasCut, int rounds, int objects)
    {
        _patches = patches;
        _hasCut = hasCut;
        _roundCount = rounds;
        _objectCount = objects;
    }

    /// <summary>Starts a kernel call, which ends when the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another call is running on this workspace.</exception>
    /// <exception cref="ObjectDisposedException">The workspace was disposed.</exception>
    internal CallGate.Call Enter() => _gate.Enter(this);

    /// <summary>Stops the worker threads; the workspace cannot run the kernel afterwards. A second call does nothing.</summary>
    /// <exception cref="InvalidOperationException">A call is running on this workspace on another thread.</exception>
    public void Dispose()
    {
        if (_gate.Close(this))
        {
            _pass.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A workspace dropped without <see cref="Dispose"/> still stops its workers (see <see cref="LostWorkspace"/>).</summary>
    ~NcutWorkspace()
    {
        // Null when the constructor threw before making it.
        _pass?.SignalStop();
    }
}
