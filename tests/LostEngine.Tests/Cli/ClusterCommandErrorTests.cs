using LostEngine.Tests.IO;

namespace LostEngine.Tests.Cli;

/// <summary>Bad input to <c>lost cluster</c>: exit 2, one line naming the option, and no output written.</summary>
public sealed class ClusterCommandErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ClusterFiles _files;
    private readonly string _predictions;
    private readonly string _features;
    private readonly string _output;

    public ClusterCommandErrorTests()
    {
        _files = new ClusterFiles(_folder);
        _predictions = _files.Predictions(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]);
        _features = _files.Float64([1, 2, 3, 1, 0, 5, 2, 2, 4, 1, 3, 0], "(4, 3)");
        _output = _folder.File("clusters.json");
    }

    public void Dispose() => _folder.Dispose();

    private string[] Arguments => ["cluster", "--predictions", _predictions, "--features", _features, "--k", "2", "--output", _output];

    private string AssertRefused(string[] args, string option, string problem)
    {
        string line = CliRunner.Run(args).AssertBadInput();
        Assert.StartsWith($"lost: {option}: ", line);
        Assert.Contains(problem, line);
        Assert.False(File.Exists(_output), "nothing is written on bad input");
        return line;
    }

    [Fact]
    public void The_arguments_used_by_every_error_test_are_accepted()
    {
        var run = CliRunner.Run(Arguments);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(_output));
    }

    [Theory]
    [InlineData("0", "must be at least 1, not 0")]
    [InlineData("-3", "must be at least 1, not -3")]
    [InlineData("5", "must be from 1 to the number of images (4), not 5")]
    public void K_out_of_range_is_refused(string k, string problem) =>
        AssertRefused(Arguments.With("--k", k), "--k", problem);

    [Theory]
    [InlineData("-1")]
    [InlineData("4294967296")]
    public void A_seed_numpy_refuses_is_refused(string seed) =>
        AssertRefused(Arguments.With("--seed", seed), "--seed", "must be from 0 to 4294967295");

    [Fact]
    public void An_unknown_init_is_refused() =>
        AssertRefused(Arguments.With("--init", "forgy"), "--init", "'forgy' is not an initialisation; use kmeans++ or scipy");

    [Fact]
    public void Restarts_with_the_scipy_init_are_refused() =>
        AssertRefused(Arguments.With("--init", "scipy").With("--restarts", "3"), "--restarts", "does not apply to --init scipy");

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public void Restarts_out_of_range_are_refused(string restarts) =>
        AssertRefused(Arguments.With("--restarts", restarts), "--restarts", "must be from 1 to 100000");

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_features_are_refused_naming_row_and_column(double bad, string shown)
    {
        string features = _files.Float64([1, 2, 3, 1, 0, 5, 2, bad, 4, 1, 3, 0], "(4, 3)", "bad.npy");

        AssertRefused(Arguments.With("--features", features), "--features", $"row 2, column 1 is {shown}");
    }

    [Theory]
    [InlineData("(12,)", "1 axes (12)")]
    [InlineData("(2, 2, 3)", "3 axes (2 × 2 × 3)")]
    public void Features_of_another_rank_are_refused(string shape, string problem)
    {
        string features = _files.Float64(new double[12], shape, "rank.npy");

        AssertRefused(Arguments.With("--features", features), "--features", problem);
    }

    [Fact]
    public void A_row_count_other_than_the_images_with_a_box_is_refused_naming_both()
    {
        string predictions = _files.Predictions([("a.jpg", [0, 0, 1, 1]), ("b.jpg", null), ("c.jpg", [0, 0, 2, 2]), ("d.jpg", [1, 1, 3, 3]),
            ("e.jpg", [0, 0, 4, 4]), ("f.jpg", [0, 0, 5, 5])], "six.json");

        AssertRefused(Arguments.With("--predictions", predictions), "--features", "has 4 rows, but --predictions has 5 images with a box");
    }

    [Fact]
    public void A_zero_row_is_refused_naming_it()
    {
        string features = _files.Float64([1, 2, 3, 0, 0, 0, 2, 2, 4, 1, 3, 0], "(4, 3)", "zero.npy");

        AssertRefused(Arguments.With("--features", features), "--features", "row 1 is all zeros");
    }

    [Fact]
    public void Float16_features_are_refused()
    {
        string features = _files.Bytes("half.npy", NpyBytes.Build(NpyBytes.Dict("<f2", "(4, 3)"), new byte[24]));

        AssertRefused(Arguments.With("--features", features), "--features", "holds float16; save the features as float32 or float64");
    }

    [Theory]
    [InlineData("truncated", "data truncated")]
    [InlineData("bad-magic", "bad magic")]
    public void A_malformed_features_file_is_refused(string kind, string problem)
    {
        string features = _files.Bytes(kind + ".npy", NpyBytes.MalformedExample(kind));

        AssertRefused(Arguments.With("--features", features), "--features", problem);
    }

    [Fact]
    public void A_missing_features_file_is_refused() =>
        AssertRefused(Arguments.With("--features", _folder.File("absent.npy")), "--features", "file not found");

    [Theory]
    [InlineData("{\"a.jpg\": [1, 2, 3]}", "expected [x1, y1, x2, y2]")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"a.jpg\": ", "not valid JSON")]
    public void Malformed_predictions_are_refused(string text, string problem)
    {
        string predictions = _folder.Write("bad.json", text);

        AssertRefused(Arguments.With("--predictions", predictions), "--predictions", problem);
    }

    [Fact]
    public void Predictions_without_a_box_are_refused()
    {
        string predictions = _files.Predictions([("a.jpg", null), ("b.jpg", null)], "none.json");

        AssertRefused(Arguments.With("--predictions", predictions), "--predictions", "holds no image with a box (2 entries)");
    }

    [Fact]
    public void A_missing_predictions_file_is_refused() =>
        AssertRefused(Arguments.With("--predictions", _folder.File("absent.json")), "--predictions", "cannot be read");

    [Fact]
    public void An_output_that_is_a_folder_is_refused()
    {
        string folder = Directory.CreateDirectory(_folder.File("out")).FullName;

        AssertRefused(Arguments.With("--output", folder), "--output", "is a folder");
    }

    [Fact]
    public void An_output_that_is_an_input_is_refused_and_the_input_kept()
    {
        byte[] before = File.ReadAllBytes(_features);

        string line = CliRunner.Run(Arguments.With("--output", _features)).AssertBadInput();

        Assert.StartsWith("lost: --output: ", line);
        Assert.Contains("is an input of this run", line);
        Assert.Equal(before, File.ReadAllBytes(_features));
    }

    [Fact]
    public void An_existing_output_is_kept_when_the_input_is_bad()
    {
        File.WriteAllText(_output, "earlier");

        CliRunner.Run(Arguments.With("--k", "9")).AssertBadInput();

        Assert.Equal("earlier", File.ReadAllText(_output));
    }

    [Fact]
    public void Linearly_dependent_features_are_refused_for_the_scipy_init_naming_it()
    {
        string predictions = _files.Predictions(["a.jpg", "b.jpg", "c.jpg"], "three.json");
        string features = _files.Float64([3, 1, 4], "(3, 1)", "line.npy");

        AssertRefused(Arguments.With("--predictions", predictions).With("--features", features).With("--init", "scipy"),
            "--init", "not positive definite");
    }
}
