using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// Finite keys so large that LOST's float32 similarities would overflow are bad input, for every method alike;
/// keys just inside the limit run, and every value LOST computes from them is finite.
/// </summary>
public sealed class KeyMagnitudeTests
{
    private const int Rows = 5, Cols = 6, Dim = 8, N = Rows * Cols;

    public enum Method
    {
        Lost,
        TokenCut,
        MaskCut,
    }

    private static readonly PatchGrid Grid = PatchGrid.ForGrid(Rows, Cols, 16);

    public static TheoryData<Method, KernelWidth> Paths()
    {
        var data = new TheoryData<Method, KernelWidth>();
        foreach (var method in Enum.GetValues<Method>())
        {
            foreach (var width in NcutPaths.Widths)
            {
                data.Add(method, width);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Keys_near_float32s_largest_value_are_rejected_naming_the_patch(Method method, KernelWidth width)
    {
        var keys = new float[N * Dim];
        var random = new Random(1);
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(2) == 0 ? 3e38f : -3e38f;
        }
        Rejected(method, keys, width, "patch 0 has squared norm 7.2E+77, above 5.67E+36 (float32's largest value over 2N): its similarities could overflow float32.");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void One_large_key_among_small_ones_is_found(Method method, KernelWidth width)
    {
        var keys = SmallKeys();
        keys[17 * Dim + 5] = 1e20f;
        Rejected(method, keys, width, "patch 17 has squared norm 1E+40,");
    }

    /// <summary>
    /// Squared norms of 1.8e37 are far below float32's largest value, so no single similarity overflows; but the
    /// expansion map sums the similarities of every similar patch, and with thirty of them it would reach 5e38.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Keys_whose_expansion_map_would_overflow_are_rejected(Method method, KernelWidth width)
    {
        var keys = Enumerable.Repeat(1.5e18f, N * Dim).ToArray();
        Rejected(method, keys, width, "patch 0 has squared norm 1.8E+37,");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Keys_just_inside_the_limit_run_and_every_lost_value_is_finite(Method method, KernelWidth width)
    {
        // Every key the same, at the largest squared norm accepted: every similarity is that norm, and the expansion
        // map N times it, the most any keys of that norm can give.
        double limit = float.MaxValue / (2.0 * N);
        float component = (float)(Math.Sqrt(limit / Dim) * (1 - 1e-6));
        var keys = Enumerable.Repeat(component, N * Dim).ToArray();
        if (method != Method.Lost)
        {
            Run(method, keys, width);
            return;
        }
        using var workspace = new LostWorkspace(N, Dim, new LostKernelOptions(width));
        var result = LostKernel.Run(keys, Dim, LostParameters.ForGrid(Rows, Cols, 16, kPatches: N), workspace);
        Assert.True(result.HasObject);
        Assert.Equal(N, result.SimilarCount);
        Assert.All(workspace.ExpansionMap.ToArray(), m => Assert.True(float.IsFinite(m) && m > 0, $"M = {m}"));
    }

    private static void Rejected(Method method, float[] keys, KernelWidth width, string problem)
    {
        var error = Assert.Throws<LostInputException>(() => Run(method, keys, width));
        Assert.Equal("keys", error.InputName);
        Assert.StartsWith(problem, error.Problem);
    }

    private static float[] SmallKeys() => Enumerable.Range(0, N * Dim).Select(i => (float)(i % 7 - 3)).ToArray();

    private static void Run(Method method, float[] keys, KernelWidth width)
    {
        var options = new LostKernelOptions(width);
        switch (method)
        {
            case Method.Lost:
                using (var workspace = new LostWorkspace(N, Dim, options))
                {
                    LostKernel.Run(keys, Dim, LostParameters.ForGrid(Rows, Cols, 16), workspace);
                }
                break;
            case Method.TokenCut:
                using (var workspace = new NcutWorkspace(N, Dim, options))
                {
                    TokenCutKernel.Run(keys, Dim, new TokenCutParameters(Grid, 0.2f, 1e-5), workspace);
                }
                break;
            default:
                using (var workspace = new NcutWorkspace(N, Dim, options))
                {
                    MaskCutKernel.Run(keys, Dim, new MaskCutParameters(Grid, 0.2f, 1e-5, 3), workspace);
                }
                break;
        }
    }
}
