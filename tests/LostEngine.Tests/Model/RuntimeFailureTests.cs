using System.Diagnostics.Tracing;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Runs;

namespace LostEngine.Tests.Model;

/// <summary>
/// ONNX Runtime failures as the library reports them: out of memory is a <see cref="ModelOutOfMemoryException"/>
/// (the machine's limit, not the caller's input) after which the localizer still works, a model that cannot run is a
/// <see cref="ModelFormatException"/>, and the runtime's log arrives as engine events.
/// </summary>
public sealed class RuntimeFailureTests
{
    // Runs every image up to 96 pixels wide; a wider one makes the model ask for 2^56 floats.
    private static string MemoryHungryModel => Fixtures.BrokenModel("wide-images-exhaust-memory.onnx");

    [Fact]
    public void Out_of_memory_in_a_run_is_a_resource_error_and_the_localizer_goes_on()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = MemoryHungryModel });

        var error = Assert.Throws<ModelOutOfMemoryException>(() => localizer.LocalizeFile(Fixtures.Tiny("wide_100x75.png")));

        Assert.IsNotAssignableFrom<LostInputException>(error);
        Assert.Equal(MemoryHungryModel, error.ModelPath);
        Assert.Equal("host memory", error.Memory);
        Assert.Equal(1L << 58, error.RequestedBytes);
        Assert.Contains("Failed to allocate memory", error.InnerException!.Message);
        var after = localizer.LocalizeFile(Fixtures.Tiny("object_96x80.png"));
        Assert.Equal(5, after.GridRows);
        Assert.Equal(6, after.GridCols);
    }

    [Fact]
    public void A_dataset_run_fails_only_the_image_that_ran_out_of_memory()
    {
        var images = new[] { "odd_37x53.png", "wide_100x75.png", "object_96x80.png" }
            .Select(name => new RunImage(Fixtures.Tiny(name), name)).ToList();
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = MemoryHungryModel });
        var sink = new FailureSink();

        var summary = new DatasetRunner(localizer).Run(images, sink);

        Assert.Equal(2, summary.Localized);
        Assert.Equal(1, summary.Failed);
        var (key, reason) = Assert.Single(sink.Failures);
        Assert.Equal("wide_100x75.png", key);
        Assert.StartsWith($"model '{MemoryHungryModel}' ran out of host memory on a 5x7 patch grid", reason);
    }

    [Fact]
    public void A_model_whose_outputs_disagree_with_the_grid_is_still_a_bad_model()
    {
        using var model = DinoModel.Load(Fixtures.BrokenModel("only-q.onnx"));
        using var extractor = new KeyExtractor(model, ModelOutputs.Q);
        var binding = extractor.Bind(48, 64);

        var error = Assert.Throws<ModelFormatException>(() => extractor.Run(binding));

        Assert.Contains("running it on a 3x4 patch grid failed", error.Message);
    }

    [Theory]
    [InlineData("bfc_arena.cc:360 Failed to allocate memory for requested buffer of size 288230376151711744", 288230376151711744L)]
    [InlineData("Available memory of 1048576 is smaller than requested bytes of 4194304", 4194304L)]
    [InlineData("CUDA failure 2: out of memory ; GPU=0 ; hostname=node ; expr=cudaMalloc((void**)&p, size);", null)]
    [InlineData("CUDA error cudaErrorMemoryAllocation:out of memory", null)]
    [InlineData("CUDNN failure 4: CUDNN_STATUS_ALLOC_FAILED", null)]
    [InlineData("CUBLAS failure 3: CUBLAS_STATUS_ALLOC_FAILED", null)]
    [InlineData("std::bad_alloc", null)]
    [InlineData("bad allocation", null)]
    public void Allocation_failures_are_recognised_with_the_size_asked_for(string message, long? bytes)
    {
        Assert.True(OnnxRuntimeFailure.IsOutOfMemory(message));
        Assert.Equal(bytes, OnnxRuntimeFailure.RequestedBytes(message));
    }

    [Theory]
    [InlineData("Load model from m.onnx failed:Protobuf parsing failed.")]
    [InlineData("The input tensor cannot be reshaped to the requested shape. Input shape:{1,3,48,64}, requested shape:{1,-1,5}")]
    [InlineData("Non-zero status code returned while running Reshape node. Name:'' Status Message: shape mismatch")]
    public void Other_failures_are_not_out_of_memory(string message)
    {
        Assert.False(OnnxRuntimeFailure.IsOutOfMemory(message));
    }

    [Theory]
    [InlineData(1023L, "1023 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(3L << 30, "3 GiB")]
    [InlineData(1L << 58, "256 PiB")]
    public void Sizes_are_written_in_binary_units(long bytes, string text)
    {
        Assert.Equal(text, OnnxRuntimeFailure.Describe(bytes));
    }

    [Fact]
    public void The_runtime_log_arrives_as_engine_events()
    {
        using var listener = new RuntimeLogListener();
        using var model = DinoModel.Load(Fixtures.BrokenModel("only-q.onnx"));
        using var extractor = new KeyExtractor(model, ModelOutputs.Q);

        Assert.True(OnnxRuntimeEnvironment.RoutesLog, "the engine must create ONNX Runtime's environment with its own log");
        Assert.Throws<ModelFormatException>(() => extractor.Run(extractor.Bind(48, 64)));

        Assert.Contains(listener.Events, e => e.Level == EventLevel.Error && e.Message.Contains("running Reshape node"));
    }

    private sealed class FailureSink : IRunSink
    {
        public List<(string Key, string Reason)> Failures { get; } = [];

        public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
        {
        }

        public void Failed(RunImage image, string reason) => Failures.Add((image.Key, reason));
    }

    private sealed class RuntimeLogListener : EventListener
    {
        private readonly List<(EventLevel Level, string Message)> _events = [];

        public IReadOnlyList<(EventLevel Level, string Message)> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == OnnxRuntimeLogEvents.SourceName)
            {
                EnableEvents(source, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventSource.Name == OnnxRuntimeLogEvents.SourceName)
            {
                lock (_events)
                {
                    _events.Add((e.Level, string.Join(" ", e.Payload ?? [])));
                }
            }
        }
    }
}
