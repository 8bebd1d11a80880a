using LostEngine.IO;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Options of one method given with another, and bad values of TokenCut's and MaskCut's options, in every command
/// that chooses a method: exit 2, nothing on stdout, one line on stderr naming the option and what is wrong.
/// </summary>
public sealed class MethodOptionErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Keys()
    {
        string path = _folder.File("k.npy");
        NpyWriter.WriteFloat32(path, Enumerable.Range(0, 24).Select(i => (float)(i % 5)).ToArray(), [12, 2]);
        return path;
    }

    [Theory]
    [InlineData("tokencut", "--k", "5", "--k: does not apply to --method tokencut; it is an option of lost.")]
    [InlineData("maskcut", "--k", "5", "--k: does not apply to --method maskcut; it is an option of lost.")]
    [InlineData("tokencut", "--rounds", "2", "--rounds: does not apply to --method tokencut; it is an option of maskcut.")]
    [InlineData("lost", "--rounds", "2", "--rounds: does not apply to --method lost; it is an option of maskcut.")]
    [InlineData("lost", "--tau", "0.3", "--tau: does not apply to --method lost; it is an option of tokencut and maskcut.")]
    [InlineData("lost", "--eps", "0.001", "--eps: does not apply to --method lost; it is an option of tokencut and maskcut.")]
    [InlineData("tokencut", "--tau", "1.5", "--tau: must be a number in [-1, 1] (a cosine similarity), got 1.5.")]
    [InlineData("maskcut", "--tau", "-2", "--tau: must be a number in [-1, 1] (a cosine similarity), got -2.")]
    [InlineData("tokencut", "--eps", "0", "--eps: must be in (0, 1], got 0.")]
    [InlineData("maskcut", "--eps", "2", "--eps: must be in (0, 1], got 2.")]
    [InlineData("maskcut", "--rounds", "0", "--rounds: must be between 1 and 64, got 0.")]
    [InlineData("maskcut", "--rounds", "65", "--rounds: must be between 1 and 64, got 65.")]
    public void Keys_refuses_an_option_of_another_method_or_a_bad_value(string method, string option, string value, string message)
    {
        string line = CliRunner.Run("keys", Keys(), "--grid", "3x4", "--method", method, option, value).AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }

    [Theory]
    [InlineData("dinoseg", "--method: dinoseg reads the CLS attention, which a keys file does not hold; keys runs lost, tokencut or maskcut.")]
    [InlineData("normcut", "--method: 'normcut' is not one of lost, tokencut, maskcut, dinoseg.")]
    public void Keys_refuses_a_method_it_cannot_run(string method, string message)
    {
        string line = CliRunner.Run("keys", Keys(), "--grid", "3x4", "--method", method).AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }

    [Fact]
    public void Keys_checks_the_options_before_reading_the_file()
    {
        string line = CliRunner.Run("keys", _folder.File("absent.npy"), "--grid", "3x4", "--method", "tokencut", "--tau", "7").AssertBadInput();
        Assert.StartsWith("lost: --tau: ", line);
    }

    [Theory]
    [InlineData("tokencut", "--k", "5", "--k: does not apply to --method tokencut; it is an option of lost.")]
    [InlineData("maskcut", "--dinoseg-head", "0", "--dinoseg-head: does not apply to --method maskcut; it is an option of dinoseg.")]
    [InlineData("lost", "--dinoseg-reference-compat", null, "--dinoseg-reference-compat: does not apply to --method lost; it is an option of dinoseg.")]
    [InlineData("dinoseg", "--features", "q", "--features: does not apply to --method dinoseg; it is an option of lost, tokencut and maskcut.")]
    [InlineData("dinoseg", "--tau", "0.1", "--tau: does not apply to --method dinoseg; it is an option of tokencut and maskcut.")]
    [InlineData("tokencut", "--rounds", "2", "--rounds: does not apply to --method tokencut; it is an option of maskcut.")]
    [InlineData("maskcut", "--rounds", "100", "--rounds: must be between 1 and 64, got 100.")]
    [InlineData("tokencut", "--eps", "-1", "--eps: must be in (0, 1], got -1.")]
    [InlineData("lost", "--k", "0", "--k: must be at least 1, got 0.")]
    [InlineData("tokencut", "--visualize", "fms", "--visualize: 'fms' is not a figure of method tokencut; it draws pred,attn.")]
    [InlineData("maskcut", "--visualize", "pred,attn", "--visualize: 'attn' is not a figure of method maskcut; it draws pred.")]
    [InlineData("lost", "--visualize", "attn", "--visualize: 'attn' is not a figure of method lost; it draws fms,seed_expansion,pred.")]
    [InlineData("dinoseg", "--visualize", "pred", "--visualize: draws no figure for method dinoseg.")]
    public void Localize_and_evaluate_refuse_an_option_of_another_method_or_a_bad_value(string method, string option, string? value, string message)
    {
        string[] extra = [option, .. value is null ? Array.Empty<string>() : [value], .. option == "--visualize" ? new[] { "--vis-dir", _folder.File("vis") } : []];
        string localize = CliRunner.Run(["localize", Fixtures.Tiny("odd_37x53.png"), "--model", Fixtures.TinyModel, "--method", method, .. extra]).AssertBadInput();
        Assert.Equal($"lost: {message}", localize);

        string root = _folder.File("voc");
        Directory.CreateDirectory(Path.Combine(root, "ImageSets", "Main"));
        File.WriteAllText(Path.Combine(root, "ImageSets", "Main", "trainval.txt"), "");
        string evaluate = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--method", method, .. extra])
            .AssertBadInput();
        Assert.Equal($"lost: {message}", evaluate);
    }
}
