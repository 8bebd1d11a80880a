using LostEngine.Cli;
using LostEngine.Kernel;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary>
/// A bad <c>LOSTENGINE_KERNEL</c> is bad input like any other: exit 2 and one line naming the variable. It runs
/// the tool in a child process because the variable is read once per process.
/// </summary>
public sealed class KernelEnvironmentTests
{
    private static CliRun RunWithKernel(string value, params string[] args) =>
        CliProcess.Run(new Dictionary<string, string> { [KernelWidthSelector.EnvironmentVariable] = value }, args);

    private static string AnyCase => Fixtures.Tiny("object_96x80.k.npy");

    [Theory]
    [InlineData("bogus")]
    [InlineData("v1024")]
    public void An_unknown_width_is_bad_input_naming_the_variable(string value)
    {
        var (code, output, error) = RunWithKernel(value, "keys", AnyCase, "--grid", "5x6", "--drop-cls");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"lost: {KernelWidthSelector.EnvironmentVariable}: '{value}'", line);
    }

    [Fact]
    public void A_supported_width_is_used()
    {
        var (code, output, _) = RunWithKernel("scalar", "bench", "kernel", "--n", "60", "--d", "8", "--runs", "2", "--warmup", "1", "--probe-ms", "10", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"kernel\": \"scalar\"", output.Replace("\":\"", "\": \""));
    }
}
