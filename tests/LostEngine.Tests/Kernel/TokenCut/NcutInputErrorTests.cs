using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>Every bad input to TokenCut and MaskCut is a <see cref="LostInputException"/> that names the input.</summary>
public class NcutInputErrorTests
{
    private const int Rows = 3, Cols = 4, Dim = 5;

    public enum Method
    {
        TokenCut,
        MaskCut,
    }

    private static float[] GoodKeys() => Enumerable.Range(0, Rows * Cols * Dim).Select(i => (float)(i % 7 - 3)).ToArray();

    /// <summary>Runs <paramref name="method"/> with the given inputs (defaults where null) on a workspace of its own unless one is given.</summary>
    private static MaskCutResult? Run(Method method, float[]? keys = null, int dim = Dim, float tau = 0.2f, double eps = 1e-5, int rounds = 3,
        int rows = Rows, NcutWorkspace? workspace = null)
    {
        using var owned = workspace is null ? new NcutWorkspace(64, 16) : null;
        var grid = PatchGrid.ForGrid(rows, Cols, 16);
        if (method == Method.TokenCut)
        {
            TokenCutKernel.Run(keys ?? GoodKeys(), dim, new TokenCutParameters(grid, tau, eps), workspace ?? owned!);
            return null;
        }
        return MaskCutKernel.Run(keys ?? GoodKeys(), dim, new MaskCutParameters(grid, tau, eps, rounds), workspace ?? owned!);
    }

    private static void Rejects(string input, Action call, string? fragment = null)
    {
        var error = Assert.Throws<LostInputException>(call);
        Assert.Equal(input, error.InputName);
        if (fragment is not null)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Theory]
    [InlineData(Method.TokenCut, float.NaN)]
    [InlineData(Method.TokenCut, float.PositiveInfinity)]
    [InlineData(Method.MaskCut, float.NegativeInfinity)]
    [InlineData(Method.MaskCut, float.NaN)]
    public void A_non_finite_key_is_rejected_with_its_position(Method method, float bad)
    {
        var keys = GoodKeys();
        keys[7 * Dim + 2] = bad;
        Rejects("keys", () => Run(method, keys), "patch 7, component 2");
    }

    [Theory]
    [InlineData(Method.TokenCut, -1)]
    [InlineData(Method.TokenCut, 1)]
    [InlineData(Method.MaskCut, -Dim)]
    [InlineData(Method.MaskCut, Dim)]
    public void Keys_whose_length_is_not_rows_cols_dim_are_rejected(Method method, int extra) =>
        Rejects("keys", () => Run(method, new float[Rows * Cols * Dim + extra]), "N·d");

    [Theory]
    [InlineData(Method.TokenCut)]
    [InlineData(Method.MaskCut)]
    public void A_key_width_below_one_and_an_empty_grid_are_rejected(Method method)
    {
        Rejects("dim", () => Run(method, dim: 0));
        Rejects("rows", () => Run(method, keys: [], rows: 0), "at least 1");
    }

    [Theory]
    [InlineData(Method.TokenCut, 1.0001f)]
    [InlineData(Method.TokenCut, -1.5f)]
    [InlineData(Method.TokenCut, float.NaN)]
    [InlineData(Method.MaskCut, 20f)]
    [InlineData(Method.MaskCut, float.NegativeInfinity)]
    [InlineData(Method.MaskCut, float.NaN)]
    public void A_tau_outside_minus_one_to_one_is_rejected(Method method, float tau) =>
        Rejects("tau", () => Run(method, tau: tau), "[-1, 1]");

    [Theory]
    [InlineData(Method.TokenCut, 0)]
    [InlineData(Method.TokenCut, -1e-5)]
    [InlineData(Method.TokenCut, double.NaN)]
    [InlineData(Method.MaskCut, 1.5)]
    [InlineData(Method.MaskCut, double.PositiveInfinity)]
    [InlineData(Method.MaskCut, double.NaN)]
    public void An_eps_outside_zero_to_one_is_rejected(Method method, double eps) =>
        Rejects("eps", () => Run(method, eps: eps), "(0, 1]");

    [Theory]
    [InlineData(Method.TokenCut)]
    [InlineData(Method.MaskCut)]
    public void The_ends_of_the_ranges_are_accepted(Method method)
    {
        foreach (float tau in new[] { -1f, 1f })
        {
            Run(method, tau: tau, eps: 1);
        }
        Run(method, eps: double.Epsilon);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(MaskCutParameters.MaxRounds + 1)]
    public void A_round_count_outside_one_to_max_rounds_is_rejected(int rounds) =>
        Rejects("rounds", () => Run(Method.MaskCut, rounds: rounds), $"between 1 and {MaskCutParameters.MaxRounds}");

    [Fact]
    public void The_most_rounds_allowed_run_and_report_every_round()
    {
        var result = Run(Method.MaskCut, rounds: MaskCutParameters.MaxRounds)!.Value;
        Assert.Equal(MaskCutParameters.MaxRounds, result.RoundCount);
        Assert.InRange(result.ObjectCount, 1, MaskCutParameters.MaxRounds);
    }

    [Theory]
    [InlineData(Method.TokenCut, 11, 16)]
    [InlineData(Method.TokenCut, 64, 4)]
    [InlineData(Method.MaskCut, 11, 16)]
    [InlineData(Method.MaskCut, 64, 4)]
    public void A_workspace_too_small_for_the_call_is_rejected(Method method, int maxPatches, int maxDim)
    {
        using var workspace = new NcutWorkspace(maxPatches, maxDim);
        Rejects("workspace", () => Run(method, workspace: workspace), "N = 12, d = 5");
    }

    [Theory]
    [InlineData(0, 10, 1, "maxPatches")]
    [InlineData(10, 0, 1, "maxDim")]
    [InlineData(10, 10, 0, "threads")]
    [InlineData(10, 10, -2, "threads")]
    public void A_workspace_that_cannot_run_is_rejected(int maxPatches, int maxDim, int threads, string input) =>
        Rejects(input, () => new NcutWorkspace(maxPatches, maxDim, new LostKernelOptions(Threads: threads)));

    [Fact]
    public void A_width_this_cpu_lacks_is_rejected_by_the_workspace()
    {
        foreach (var width in new[] { KernelWidth.Vector256, KernelWidth.Vector512 }.Where(w => !KernelWidthSelector.IsSupported(w)))
        {
            Rejects("kernel_width", () => new NcutWorkspace(10, 10, new LostKernelOptions(width)));
        }
        foreach (var width in NcutPaths.Widths)
        {
            using var workspace = new NcutWorkspace(10, 10, new LostKernelOptions(width));
            Assert.Equal(width, workspace.Width);
        }
    }

    [Theory]
    [InlineData(Method.TokenCut)]
    [InlineData(Method.MaskCut)]
    public void A_disposed_workspace_refuses_to_run(Method method)
    {
        var workspace = new NcutWorkspace(64, 16, new LostKernelOptions(Threads: 2));
        workspace.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Run(method, workspace: workspace));
        workspace.Dispose();
    }
}
