using LostEngine.Diagnostics;
using LostEngine.Kernel;

namespace LostEngine.Tests.Diagnostics;

public class FmaPeakProbeTests
{
    [Fact]
    public void The_probe_reports_the_width_and_threads_it_ran_with_and_a_positive_rate()
    {
        var result = FmaPeakProbe.Measure(KernelWidth.Scalar, 2, TimeSpan.FromMilliseconds(20));
        Assert.Equal(KernelWidth.Scalar, result.Width);
        Assert.Equal(2, result.Threads);
        Assert.True(result.GflopsPerSecond > 0, $"rate {result.GflopsPerSecond}");
        Assert.Equal(result.GflopsPerSecond / 2, result.GflopsPerSecondPerThread);
    }

    [Fact]
    public void Auto_resolves_to_a_concrete_width()
    {
        var result = FmaPeakProbe.Measure(KernelWidth.Auto, 1, TimeSpan.FromMilliseconds(10));
        Assert.Equal(KernelWidthSelector.Default, result.Width);
    }

    [Fact]
    public void Bad_arguments_are_input_errors_naming_the_argument()
    {
        Assert.Equal("threads", Assert.Throws<LostInputException>(() => FmaPeakProbe.Measure(KernelWidth.Scalar, 0, TimeSpan.FromMilliseconds(1))).InputName);
        Assert.Equal("duration", Assert.Throws<LostInputException>(() => FmaPeakProbe.Measure(KernelWidth.Scalar, 1, TimeSpan.Zero)).InputName);
    }
}
