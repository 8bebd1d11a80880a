using LostEngine.Kernel;
using LostEngine.Tests.Native;

namespace LostEngine.Tests.Kernel;

/// <summary>Every bad input is a <see cref="LostInputException"/> that names the input.</summary>
public class KernelInputErrorTests
{
    private const int Dim = 5;
    private static readonly LostParameters Grid = LostParameters.ForGrid(3, 4, 16);

    private static float[] GoodKeys() => Enumerable.Range(0, 12 * Dim).Select(i => (float)(i % 7 - 3)).ToArray();

    private static LostInputException RunExpectingError(float[] keys, int dim, LostParameters parameters, LostWorkspace? workspace = null)
    {
        using var owned = workspace is null ? new LostWorkspace(64, 16) : null;
        return Assert.Throws<LostInputException>(() => LostKernel.Run(keys, dim, parameters, workspace ?? owned!));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_key_is_rejected_with_its_position(float bad)
    {
        var keys = GoodKeys();
        keys[2 * Dim + 3] = bad;
        var error = RunExpectingError(keys, Dim, Grid);
        Assert.Equal("keys", error.InputName);
        Assert.Contains("patch 2, component 3", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-Dim)]
    public void Keys_whose_length_is_not_rows_cols_dim_are_rejected(int extra)
    {
        var keys = new float[12 * Dim + extra];
        var error = RunExpectingError(keys, Dim, Grid);
        Assert.Equal("keys", error.InputName);
        Assert.Contains("N·d", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_key_width_below_one_is_rejected(int dim)
    {
        var error = RunExpectingError(GoodKeys(), dim, Grid);
        Assert.Equal("dim", error.InputName);
    }

    [Theory]
    [InlineData("rows")]
    [InlineData("cols")]
    [InlineData("scale_y")]
    [InlineData("scale_x")]
    [InlineData("image_height")]
    [InlineData("image_width")]
    [InlineData("k_patches")]
    public void Zero_or_negative_sizes_are_rejected_by_name(string field)
    {
        foreach (int value in new[] { 0, -1 })
        {
            var p = field switch
            {
                "rows" => Grid with { Rows = value },
                "cols" => Grid with { Cols = value },
                "scale_y" => Grid with { ScaleY = value },
                "scale_x" => Grid with { ScaleX = value },
                "image_height" => Grid with { ImageHeight = value },
                "image_width" => Grid with { ImageWidth = value },
                "k_patches" => Grid with { KPatches = value },
                _ => throw new ArgumentOutOfRangeException(nameof(field)),
            };
            var error = RunExpectingError(GoodKeys(), Dim, p);
            Assert.Equal(field, error.InputName);
            Assert.Contains("at least 1", error.Message);
        }
    }

    [Fact]
    public void An_image_that_does_not_pad_to_the_grid_is_rejected()
    {
        var error = RunExpectingError(GoodKeys(), Dim, Grid with { ImageWidth = 3 * 16 });
        Assert.Equal("image_width", error.InputName);
    }

    [Theory]
    [InlineData(11, 16)]
    [InlineData(64, 4)]
    public void A_workspace_too_small_for_the_call_is_rejected(int maxPatches, int maxDim)
    {
        using var workspace = new LostWorkspace(maxPatches, maxDim);
        var error = RunExpectingError(GoodKeys(), Dim, Grid, workspace);
        Assert.Equal("workspace", error.InputName);
        Assert.Contains("N = 12, d = 5", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Fewer_than_one_thread_is_rejected(int threads)
    {
        var error = Assert.Throws<LostInputException>(() => new LostWorkspace(10, 10, new LostKernelOptions(Threads: threads)));
        Assert.Equal("threads", error.InputName);
    }

    [Theory]
    [InlineData(0, 10, "maxPatches")]
    [InlineData(10, 0, "maxDim")]
    public void A_workspace_of_no_size_is_rejected(int maxPatches, int maxDim, string name)
    {
        var error = Assert.Throws<LostInputException>(() => new LostWorkspace(maxPatches, maxDim));
        Assert.Equal(name, error.InputName);
    }

    [BlasFact]
    public void The_cblas_backend_builds_where_a_cblas_library_loads()
    {
        using var workspace = new LostWorkspace(10, 10, new LostKernelOptions(Backend: SimilarityBackend.Cblas));
        Assert.Equal(SimilarityBackend.Cblas, workspace.Options.Backend);
    }

    [Fact]
    public void An_unsupported_explicit_width_is_rejected_and_an_unknown_variable_value_too()
    {
        if (!KernelWidthSelector.IsSupported(KernelWidth.Vector512))
        {
            var error = Assert.Throws<LostInputException>(() => new LostWorkspace(10, 10, new LostKernelOptions(KernelWidth.Vector512)));
            Assert.Equal("kernel_width", error.InputName);
        }
        var unknown = Assert.Throws<LostInputException>(() => KernelWidthSelector.FromEnvironment("v1024"));
        Assert.Equal(KernelWidthSelector.EnvironmentVariable, unknown.InputName);
    }

    [Fact]
    public void A_disposed_workspace_refuses_to_run_instead_of_waiting_for_stopped_workers()
    {
        var workspace = new LostWorkspace(64, 16, new LostKernelOptions(Threads: 2));
        workspace.Dispose();
        Assert.Throws<ObjectDisposedException>(() => LostKernel.Run(GoodKeys(), Dim, Grid, workspace));
    }
}
