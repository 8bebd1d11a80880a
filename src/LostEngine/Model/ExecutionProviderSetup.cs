using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// Builds ONNX Runtime session options for one execution provider. Appending a provider is where ONNX Runtime
/// loads its shared library, so this is where "cannot run here" surfaces, with ONNX Runtime's own reason.
/// </summary>
internal static class ExecutionProviderSetup
{
    /// <summary>The order <see cref="ExecutionProviderKind.Auto"/> tries: fastest first, CPU always last.</summary>
    public static IReadOnlyList<ExecutionProviderKind> AutoOrder { get; } =
        [ExecutionProviderKind.TensorRT, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu];

    /// <summary>
    /// Session options for <paramref name="provider"/> (not <see cref="ExecutionProviderKind.Auto"/>): all graph
    /// optimisations, sequential execution (one image at a time has no parallel branches worth a second pool), and
    /// the configured intra-op threads.
    /// </summary>
    /// <exception cref="ExecutionProviderUnavailableException">ONNX Runtime cannot load the provider.</exception>
    public static SessionOptions Create(ExecutionProviderKind provider, ModelOptions options)
    {
        // Session options are the first ONNX Runtime object the engine makes, and making one creates the
        // environment with ONNX Runtime's default stderr log unless the engine's exists already.
        _ = OnnxRuntimeEnvironment.Instance;
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
        };
        try
        {
            switch (provider)
            {
                case ExecutionProviderKind.Cpu:
                    break;
                case ExecutionProviderKind.Cuda:
                    AppendCuda(session, options);
                    break;
                case ExecutionProviderKind.TensorRT:
                    AppendTensorRt(session, options);
                    // TensorRT hands the nodes it cannot build back to the next provider; CUDA keeps them on the GPU.
                    AppendCuda(session, options);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(provider), provider, "Auto is resolved by the caller, one provider at a time.");
            }
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }

    /// <summary>The CUDA provider's settings, as ONNX Runtime's option names.</summary>
    public static Dictionary<string, string> CudaSettings(ModelOptions options) => new()
    {
        ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The whole input changes size with the image, so cuDNN's exhaustive search would rerun on every new grid.
        ["cudnn_conv_algo_search"] = "HEURISTIC",
    };

    /// <summary>The TensorRT provider's settings, as ONNX Runtime's option names.</summary>
    public static Dictionary<string, string> TensorRtSettings(ModelOptions options)
    {
        var settings = new Dictionary<string, string>
        {
            ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["trt_fp16_enable"] = options.TensorRtFp16 ? "1" : "0",
            ["trt_engine_cache_enable"] = options.TensorRtEngineCacheDirectory is null ? "0" : "1",
        };
        if (options.TensorRtEngineCacheDirectory is { } cache)
        {
            settings["trt_engine_cache_path"] = Path.GetFullPath(cache);
        }
        return settings;
    }

    private static void AppendCuda(SessionOptions session, ModelOptions options)
    {
        Append(ExecutionProviderKind.Cuda, () =>
        {
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(CudaSettings(options));
            session.AppendExecutionProvider_CUDA(cuda);
        });
    }

    private static void AppendTensorRt(SessionOptions session, ModelOptions options)
    {
        Append(ExecutionProviderKind.TensorRT, () =>
        {
            using var tensorRt = new OrtTensorRTProviderOptions();
            tensorRt.UpdateOptions(TensorRtSettings(options));
            session.AppendExecutionProvider_Tensorrt(tensorRt);
        });
    }

    private static void Append(ExecutionProviderKind provider, Action append)
    {
        try
        {
            append();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ExecutionProviderUnavailableException(provider, e.Message, e);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new ExecutionProviderUnavailableException(provider, e.Message, e);
        }
    }
}
