using LostEngine.Model;

namespace LostEngine.Tests.Model;

/// <summary>
/// Provider selection on this CPU-only build of ONNX Runtime: explicit GPU providers fail loudly with ONNX Runtime's
/// reason, auto falls back to the CPU and records why each GPU provider did not load.
/// </summary>
public sealed class ExecutionProviderTests
{
    private static bool GpuBuild => OnnxRuntimeEnvironment.Instance.GetAvailableProviders().Contains("CUDAExecutionProvider");

    [Theory]
    [InlineData(ExecutionProviderKind.Cuda)]
    [InlineData(ExecutionProviderKind.TensorRT)]
    public void An_explicit_gpu_provider_that_cannot_load_is_an_error_not_a_fallback(ExecutionProviderKind provider)
    {
        Assert.False(GpuBuild, "the project references the CPU-only ONNX Runtime package");
        var e = Assert.Throws<ExecutionProviderUnavailableException>(
            () => DinoModel.Load(Fixtures.TinyModel, new ModelOptions { ExecutionProvider = provider }));
        Assert.Equal(provider, e.Provider);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        Assert.Contains(provider.Name(), e.Message);
    }

    [Fact]
    public void Auto_falls_back_to_cpu_and_records_each_refusal()
    {
        Assert.False(GpuBuild, "the project references the CPU-only ONNX Runtime package");
        using var model = DinoModel.Load(Fixtures.TinyModel, new ModelOptions { ExecutionProvider = ExecutionProviderKind.Auto });
        Assert.Equal(ExecutionProviderKind.Cpu, model.Provider);
        Assert.Equal(new[] { ExecutionProviderKind.TensorRT, ExecutionProviderKind.Cuda, ExecutionProviderKind.Cpu },
            model.ProviderAttempts.Select(a => a.Provider));
        Assert.All(model.ProviderAttempts.Take(2), a => Assert.False(a.Loaded));
        Assert.All(model.ProviderAttempts.Take(2), a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
        Assert.True(model.ProviderAttempts[2].Loaded);
    }

    [Fact]
    public void TensorRT_settings_carry_fp16_and_the_engine_cache()
    {
        var settings = ExecutionProviderSetup.TensorRtSettings(new ModelOptions
        {
            DeviceId = 1, TensorRtFp16 = true, TensorRtEngineCacheDirectory = "trt-cache",
        });
        Assert.Equal("1", settings["device_id"]);
        Assert.Equal("1", settings["trt_fp16_enable"]);
        Assert.Equal("1", settings["trt_engine_cache_enable"]);
        Assert.Equal(Path.GetFullPath("trt-cache"), settings["trt_engine_cache_path"]);

        var plain = ExecutionProviderSetup.TensorRtSettings(ModelOptions.Default);
        Assert.Equal("0", plain["trt_fp16_enable"]);
        Assert.Equal("0", plain["trt_engine_cache_enable"]);
        Assert.False(plain.ContainsKey("trt_engine_cache_path"));
    }

    [Fact]
    public void Cuda_settings_name_the_device()
    {
        var settings = ExecutionProviderSetup.CudaSettings(new ModelOptions { DeviceId = 2 });
        Assert.Equal("2", settings["device_id"]);
    }

    [Theory]
    [InlineData("cpu", ExecutionProviderKind.Cpu)]
    [InlineData("CUDA", ExecutionProviderKind.Cuda)]
    [InlineData("tensorrt", ExecutionProviderKind.TensorRT)]
    [InlineData("auto", ExecutionProviderKind.Auto)]
    public void Provider_names_parse(string name, ExecutionProviderKind expected)
        => Assert.Equal(expected, ExecutionProviderNames.Parse(name));

    [Fact]
    public void An_unknown_provider_name_is_an_input_error()
    {
        var e = Assert.Throws<LostInputException>(() => ExecutionProviderNames.Parse("opencl", "--ep"));
        Assert.Contains("--ep", e.Message);
        Assert.Contains("opencl", e.Message);
    }

    [Fact]
    public void Negative_threads_are_rejected()
        => Assert.Throws<LostInputException>(() => DinoModel.Load(Fixtures.TinyModel, new ModelOptions { IntraOpThreads = -1 }));
}
