using LostEngine.Threading;

namespace LostEngine.Kernel;

/// <summary>
/// Everything one LOST call writes, allocated once for a maximum patch count and key width, so calls in a
/// host's hot loop allocate nothing. After a call it also holds the per-patch details of that call
/// (degrees, potentials, similars, expansion map, component) until the next one.
/// It serves one call at a time: a call that overlaps another on the same workspace throws
/// <see cref="InvalidOperationException"/>, so use one workspace per calling thread. With
/// <see cref="LostKernelOptions.Threads"/> above 1 it owns that many minus one worker threads for the degree pass;
/// <see cref="Dispose"/> stops them, and afterwards every call and every read of a call's details throws
/// <see cref="ObjectDisposedException"/> (its sizes and options stay readable).
/// </summary>
public sealed class LostWorkspace : IDisposable
{
    private readonly int[] _degrees;
    private readonly int[] _histogram;
    private readonly int[] _potentials;
    private readonly int[] _similars;
    private readonly float[] _summedKey;
    private readonly float[] _expansionMap;
    private readonly byte[] _component;
    private readonly int[] _queue;
    private readonly SimilarityPass _pass;
    private CallGate _gate;
    private int _patches;
    private int _potentialCount;
    private int _similarCount;

    /// <summary>Allocates a workspace for up to <paramref name="maxPatches"/> patches of width <paramref name="maxDim"/>.</summary>
    public LostWorkspace(int maxPatches, int maxDim, LostKernelOptions? options = null)
    {
        (Options, var width) = WorkspaceChecks.Check(maxPatches, maxDim, options);
        MaxPatches = maxPatches;
        MaxDim = maxDim;
        _degrees = new int[maxPatches];
        _histogram = new int[maxPatches + 1];
        _potentials = new int[maxPatches];
        _similars = new int[maxPatches];
        _summedKey = new float[maxDim];
        _expansionMap = new float[maxPatches];
        _component = new byte[maxPatches];
        _queue = new int[maxPatches];
        // Last, so a constructor that throws before it leaves no worker thread behind.
        _pass = new SimilarityPass(width, Options.Backend, Options.Threads, maxPatches, maxDim);
    }

    /// <summary>Largest N a call may use.</summary>
    public int MaxPatches { get; }

    /// <summary>Largest key width d a call may use.</summary>
    public int MaxDim { get; }

    /// <summary>The options this workspace runs with.</summary>
    public LostKernelOptions Options { get; }

    /// <summary>The concrete SIMD width the managed kernel uses.</summary>
    public KernelWidth Width => _pass.Width;

    /// <summary>Degree of every patch in the last call.</summary>
    public ReadOnlySpan<int> Degrees => _gate.Open(_degrees, this).AsSpan(0, _patches);

    /// <summary>The potentials of the last call: the first min(k, N) patches by degree, ties to the lowest index.</summary>
    public ReadOnlySpan<int> Potentials => _gate.Open(_potentials, this).AsSpan(0, _potentialCount);

    /// <summary>The similars of the last call, ascending.</summary>
    public ReadOnlySpan<int> Similars => _gate.Open(_similars, this).AsSpan(0, _similarCount);

    /// <summary>The expansion map M of the last call, one value per patch.</summary>
    public ReadOnlySpan<float> ExpansionMap => _gate.Open(_expansionMap, this).AsSpan(0, _patches);

    /// <summary>1 for the cells of the seed's component in the last call, 0 elsewhere.</summary>
    public ReadOnlySpan<byte> Component => _gate.Open(_component, this).AsSpan(0, _patches);

    internal SimilarityPass Pass => _pass;

    internal PassWorkers? Workers => _pass.Workers;

    internal Span<int> DegreeBuffer(int n) => _degrees.AsSpan(0, n);

    internal Span<int> HistogramBuffer => _histogram;

    internal Span<int> PotentialBuffer(int k) => _potentials.AsSpan(0, k);

    internal Span<int> SimilarBuffer => _similars;

    internal Span<float> SummedKeyBuffer(int dim) => _summedKey.AsSpan(0, dim);

    internal Span<float> ExpansionMapBuffer(int n) => _expansionMap.AsSpan(0, n);

    internal Span<byte> ComponentBuffer(int n) => _component.AsSpan(0, n);

    internal Span<int> QueueBuffer => _queue;

    internal void Record(int patches, int potentialCount, int similarCount)
    {
        _patches = patches;
        _potentialCount = potentialCount;
        _similarCount = similarCount;
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

    /// <summary>
    /// A workspace dropped without <see cref="Dispose"/> still stops its workers: they hold no reference to it,
    /// so it can be collected, and they would otherwise sleep for the rest of the process.
    /// </summary>
    ~LostWorkspace()
    {
        // Null when the constructor threw before making it.
        _pass?.SignalStop();
    }
}
