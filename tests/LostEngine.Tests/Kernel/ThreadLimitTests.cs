using LostEngine.Kernel;
using LostEngine.Model;
using LostEngine.Pipeline;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// Thread counts have a documented maximum, refused before any thread starts: tens of thousands of threads abort
/// the process (their stacks exhaust memory) rather than fail in a way a host can catch.
/// </summary>
public sealed class ThreadLimitTests
{
    [Theory]
    [InlineData(257)]
    [InlineData(30_000)]
    public void A_workspace_refuses_more_kernel_threads_than_the_maximum(int threads)
    {
        var options = new LostKernelOptions(Threads: threads);
        foreach (var make in new Func<IDisposable>[] { () => new LostWorkspace(300, 64, options), () => new NcutWorkspace(300, 64, options) })
        {
            var error = Assert.Throws<LostInputException>(make);
            Assert.Equal("threads", error.InputName);
            Assert.Equal($"threads: must be at most 256, got {threads}.", error.Message);
        }
    }

    [Fact]
    public void The_maximum_itself_is_accepted()
    {
        using var workspace = new LostWorkspace(300, 8, new LostKernelOptions(Threads: 256));
        Assert.Equal(256, workspace.Workers!.Threads);
    }

    [Theory]
    [InlineData(257)]
    [InlineData(100_000)]
    public void Model_options_refuse_more_intra_op_threads_than_the_maximum(int threads)
    {
        var error = Assert.Throws<LostInputException>(() => new ModelOptions { IntraOpThreads = threads }.Validate());
        Assert.Equal($"intra_op_threads: must be at most 256, got {threads}.", error.Message);
    }

    [Fact]
    public void Localizer_options_check_the_kernel_threads_and_the_models_before_loading_it()
    {
        var kernel = Assert.Throws<LostInputException>(() => new LocalizerOptions
        {
            ModelPath = "absent.onnx", Kernel = new LostKernelOptions(Threads: 300),
        }.Validate());
        Assert.Equal("threads", kernel.InputName);
        var model = Assert.Throws<LostInputException>(() => new LocalizerOptions { ModelPath = "absent.onnx", IntraOpThreads = 300 }.Validate());
        Assert.Equal("intra_op_threads", model.InputName);
    }
}
