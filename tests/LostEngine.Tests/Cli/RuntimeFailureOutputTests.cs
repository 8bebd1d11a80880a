using System.Text.Json;
using LostEngine.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary>
/// What a user sees when ONNX Runtime fails: one <c>lost:</c> line, never the runtime's own multi-line, colour-coded
/// log on stderr, and running out of memory is told apart from a bad model. The tool runs as a child process because
/// ONNX Runtime's environment, and so its log, is set up once per process.
/// </summary>
public sealed class RuntimeFailureOutputTests
{
    private const char Escape = '\u001b';

    private static string MemoryHungryModel => Fixtures.BrokenModel("wide-images-exhaust-memory.onnx");

    private static void AssertNoRuntimeLog(CliRun run)
    {
        Assert.DoesNotContain(Escape, run.Error);
        Assert.DoesNotContain(":onnxruntime:", run.Error);
        Assert.DoesNotContain(Escape, run.Output);
    }

    [Fact]
    public void A_model_that_fails_while_running_is_one_line_naming_the_model_and_no_runtime_log()
    {
        string model = Fixtures.BrokenModel("only-q.onnx");
        var run = CliProcess.Run(null, "features", Fixtures.Tiny("odd_37x53.png"), "--model", model, "--features", "q",
            "--output", Path.Combine(Fixtures.TempFolder(), "q.npy"));

        AssertNoRuntimeLog(run);
        string line = run.AssertBadInput();
        Assert.StartsWith($"lost: model '{model}': running it on a 4x3 patch grid failed", line);
    }

    [Fact]
    public void Running_out_of_memory_is_exit_1_with_one_line_saying_what_ran_out_and_what_to_do()
    {
        string model = MemoryHungryModel;
        var run = CliProcess.Run(null, "features", Fixtures.Tiny("wide_100x75.png"), "--model", model,
            "--output", Path.Combine(Fixtures.TempFolder(), "k.npy"));

        AssertNoRuntimeLog(run);
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Equal("", run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"lost: model '{model}' ran out of host memory on a 5x7 patch grid (ONNX Runtime asked for 256 PiB)", line);
        Assert.Contains("--max-side", line);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public void Running_out_of_memory_on_one_image_fails_that_image_and_the_run_goes_on()
    {
        string folder = Fixtures.TempFolder();
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(folder, "a_narrow.png"));
        File.Copy(Fixtures.Tiny("wide_100x75.png"), Path.Combine(folder, "b_wide.png"));
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(folder, "c_narrow.png"));
        string predictions = Path.Combine(folder, "predictions.json");

        var run = CliProcess.Run(null, "localize", folder, "--model", MemoryHungryModel, "--output", predictions, "--quiet");

        AssertNoRuntimeLog(run);
        Assert.NotEqual(ExitCodes.BadInput, run.ExitCode);
        Assert.NotEqual(ExitCodes.Failure, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.True(lines[0].TryGetProperty("box", out _), lines[0].GetRawText());
        Assert.StartsWith($"model '{MemoryHungryModel}' ran out of host memory on a 5x7 patch grid", lines[1].GetProperty("error").GetString());
        Assert.True(lines[2].TryGetProperty("box", out _), lines[2].GetRawText());
        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        Assert.Equal(["a_narrow.png", "c_narrow.png"], map.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
