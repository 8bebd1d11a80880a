using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// A DINO ViT exported to ONNX (see <see cref="ModelContract"/>), loaded once into one ONNX Runtime session on the
/// chosen execution provider. The session is safe to run from several threads, but a <see cref="KeyExtractor"/>
/// (which owns the bound buffers) is not: create one extractor per thread over a shared model. Dispose the model
/// once every extractor over it is done: afterwards new extractors and their runs throw
/// <see cref="ObjectDisposedException"/>, and a second Dispose does nothing.
/// </summary>
/// <remarks>
/// ONNX Runtime's own log never reaches stderr: the engine creates the runtime's environment with a logger that turns
/// each message into an event of the <c>LostEngine-OnnxRuntime</c> event source (warnings and above), which an
/// <see cref="System.Diagnostics.Tracing.EventListener"/> or <c>dotnet-trace</c> can collect. A host that creates
/// ONNX Runtime's environment itself before loading a model keeps its own logging.
/// </remarks>
public sealed class DinoModel : IDisposable
{
    private readonly InferenceSession _session;
    private int _disposed;

    private DinoModel(InferenceSession session, ModelInfo info, ModelOptions options, ExecutionProviderKind provider, IReadOnlyList<ProviderAttempt> attempts)
    {
        _session = session;
        Info = info;
        Options = options;
        Provider = provider;
        ProviderAttempts = attempts;
    }

    /// <summary>What the metadata and signature say.</summary>
    public ModelInfo Info { get; }

    /// <summary>The options it was loaded with.</summary>
    public ModelOptions Options { get; }

    /// <summary>The provider the session runs on (never <see cref="ExecutionProviderKind.Auto"/>).</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>Every provider tried, in order, with the reason of each refusal; the last one loaded.</summary>
    public IReadOnlyList<ProviderAttempt> ProviderAttempts { get; }

    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    internal InferenceSession Session
    {
        get
        {
            ThrowIfDisposed();
            return _session;
        }
    }

    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Loads and checks the model at <paramref name="path"/>.</summary>
    /// <exception cref="LostInputException">The file does not exist or the options are invalid.</exception>
    /// <exception cref="ModelFormatException">ONNX Runtime cannot load it, or it does not follow <see cref="ModelContract"/>.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">CUDA or TensorRT was asked for by name and cannot load.</exception>
    /// <exception cref="ModelOutOfMemoryException">The last provider tried has too little memory for the model.</exception>
    public static DinoModel Load(string path, ModelOptions? options = null)
    {
        options ??= ModelOptions.Default;
        options.Validate();
        if (!File.Exists(path))
        {
            throw new LostInputException($"model '{path}'", "the file does not exist.");
        }
        var candidates = options.ExecutionProvider == ExecutionProviderKind.Auto
            ? ExecutionProviderSetup.AutoOrder
            : [options.ExecutionProvider];
        var attempts = new List<ProviderAttempt>();
        foreach (var provider in candidates)
        {
            bool last = provider == candidates[^1];
            SessionOptions sessionOptions;
            try
            {
                sessionOptions = ExecutionProviderSetup.Create(provider, options);
            }
            catch (ExecutionProviderUnavailableException e) when (!last)
            {
                attempts.Add(new ProviderAttempt(provider, false, e.Reason));
                continue;
            }
            InferenceSession session;
            using (sessionOptions)
            {
                try
                {
                    session = new InferenceSession(path, sessionOptions);
                }
                catch (OnnxRuntimeException e) when (!last)
                {
                    // The provider's library loaded but the session did not start on it (no device, driver mismatch);
                    // a model ONNX Runtime cannot read fails again on the CPU, where it is reported as such.
                    attempts.Add(new ProviderAttempt(provider, false, e.Message));
                    continue;
                }
                catch (OnnxRuntimeException e) when (OnnxRuntimeFailure.IsOutOfMemory(e))
                {
                    throw ModelOutOfMemoryException.Loading(path, provider, options, e);
                }
                catch (OnnxRuntimeException e)
                {
                    throw new ModelFormatException(path, $"ONNX Runtime cannot load it: {e.Message}", e);
                }
            }
            try
            {
                var info = ModelContract.Read(path, session);
                attempts.Add(new ProviderAttempt(provider, true, ""));
                return new DinoModel(session, info, options, provider, attempts);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        throw new InvalidOperationException("The candidate list always ends with a provider that either loads or throws.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
        }
    }
}
