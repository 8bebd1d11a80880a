using LostEngine.Kernel;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Pipeline;

/// <summary>
/// <see cref="LostLocalizer"/> with TokenCut and MaskCut on the tiny model: the kernel's own answer on the features
/// the model wrote, with each method's defaults or the options' values, in a workspace that grows and is disposed
/// with the localizer.
/// </summary>
public sealed class NcutLocalizerTests
{
    public static TheoryData<string, LocalizationMethod> ImagesAndMethods()
    {
        var data = new TheoryData<string, LocalizationMethod>();
        foreach (string name in Fixtures.PngNames())
        {
            data.Add(name, LocalizationMethod.TokenCut);
            data.Add(name, LocalizationMethod.MaskCut);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ImagesAndMethods))]
    public void The_result_is_the_kernels_on_the_bound_features_with_the_methods_defaults(string name, LocalizationMethod method)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method });

        var result = localizer.LocalizeFile(Fixtures.Tiny($"{name}.png"));

        Assert.Equal(method, result.Method);
        var binding = localizer.LastBinding;
        var grid = PatchGrid.ForVit(binding.Rows, binding.Cols, 16, result.ImageHeight, result.ImageWidth);
        var features = binding.Features(FeatureKind.K).ToArray();
        using var workspace = new NcutWorkspace(grid.PatchCount, binding.Dim);
        var details = localizer.NcutDetails!;
        if (method == LocalizationMethod.TokenCut)
        {
            var expected = TokenCutKernel.Run(features, binding.Dim, new TokenCutParameters(grid, Tau: 0.2f), workspace);
            Assert.Equal(expected, result.TokenCut);
            Assert.Equal(expected.HasObject, result.HasObject);
            Assert.Equal(expected.Box, result.Box);
            Assert.Equal(expected.HasObject ? expected.Seed : -1, result.Seed ?? -1);
            Assert.Equal(workspace.Eigenvector.ToArray(), details.Eigenvector.ToArray());
            Assert.Equal(workspace.Partition.ToArray(), details.Partition.ToArray());
        }
        else
        {
            var expected = MaskCutKernel.Run(features, binding.Dim, new MaskCutParameters(grid, Tau: 0.15f, Rounds: 3), workspace);
            Assert.Equal(expected, result.MaskCut);
            Assert.Equal(expected.HasObject, result.HasObject);
            Assert.Equal(expected.FirstObject.Box, result.Box);
            Assert.Null(result.Seed);
            Assert.Equal(workspace.Objects.ToArray(), details.Objects.ToArray());
            Assert.Equal(workspace.ObjectMap.ToArray(), details.ObjectMap.ToArray());
        }
    }

    [Fact]
    public void Tau_eps_and_rounds_reach_the_kernel()
    {
        var options = new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = LocalizationMethod.MaskCut, Tau = 0.5f, Eps = 0.01, Rounds = 1 };
        using var localizer = new LostLocalizer(options);

        var result = localizer.LocalizeFile(Fixtures.Tiny("object_96x80.png"));

        var binding = localizer.LastBinding;
        var grid = PatchGrid.ForVit(binding.Rows, binding.Cols, 16, 80, 96);
        Assert.Equal(new MaskCutParameters(grid, 0.5f, 0.01, 1), options.MaskCutParametersFor(grid));
        using var workspace = new NcutWorkspace(grid.PatchCount, binding.Dim);
        Assert.Equal(MaskCutKernel.Run(binding.Features(FeatureKind.K).ToArray(), binding.Dim, new MaskCutParameters(grid, 0.5f, 0.01, 1), workspace),
            result.MaskCut);
        Assert.Equal(1, result.MaskCut.RoundCount);
    }

    [Fact]
    public void Unset_values_take_each_methods_defaults()
    {
        var grid = PatchGrid.ForGrid(3, 4, 16);
        var options = new LocalizerOptions { ModelPath = "m.onnx" };
        Assert.Equal(new TokenCutParameters(grid, 0.2f, 1e-5), options.TokenCutParametersFor(grid));
        Assert.Equal(new MaskCutParameters(grid, 0.15f, 1e-5, 3), options.MaskCutParametersFor(grid));
        Assert.Equal(new TokenCutParameters(grid, 0.3f, 1e-5), (options with { Tau = 0.3f }).TokenCutParametersFor(grid));
    }

    [Theory]
    [InlineData(LocalizationMethod.Lost, 0.3f, null, null, "tau", "applies to tokencut and maskcut, not to method lost.")]
    [InlineData(LocalizationMethod.DinoSeg, null, 0.1, null, "eps", "applies to tokencut and maskcut, not to method dinoseg.")]
    [InlineData(LocalizationMethod.TokenCut, null, null, 2, "rounds", "applies to maskcut, not to method tokencut.")]
    [InlineData(LocalizationMethod.TokenCut, 1.5f, null, null, "tau", "must be a number in [-1, 1]")]
    [InlineData(LocalizationMethod.MaskCut, null, 0.0, null, "eps", "must be in (0, 1]")]
    [InlineData(LocalizationMethod.MaskCut, null, null, 0, "rounds", "must be between 1 and 64")]
    public void Bad_or_misplaced_values_are_refused_before_the_model_loads(
        LocalizationMethod method, float? tau, double? eps, int? rounds, string input, string problem)
    {
        // A model path that does not exist: the options must fail first.
        var options = new LocalizerOptions { ModelPath = "no-such-model.onnx", Method = method, Tau = tau, Eps = eps, Rounds = rounds };
        var e = Assert.Throws<LostInputException>(() => new LostLocalizer(options));
        Assert.Equal(input, e.InputName);
        Assert.StartsWith(problem, e.Problem);
    }

    [Fact]
    public void The_workspace_grows_for_a_larger_image_is_kept_for_smaller_ones_and_is_disposed_with_the_localizer()
    {
        var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = LocalizationMethod.TokenCut });
        localizer.LocalizeFile(Fixtures.Tiny("grey_45x30.png"));
        var small = localizer.NcutDetails!;
        localizer.LocalizeFile(Fixtures.Tiny("object_96x80.png"));
        var large = localizer.NcutDetails!;
        localizer.LocalizeFile(Fixtures.Tiny("grey_45x30.png"));

        Assert.NotSame(small, large);
        Assert.Equal(30, large.MaxPatches);
        Assert.Same(large, localizer.NcutDetails);
        Assert.Throws<ObjectDisposedException>(() => TokenCutKernel.Run(new float[6 * 48], 48, TokenCutParameters.ForGrid(2, 3, 16), small));

        localizer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => TokenCutKernel.Run(new float[6 * 48], 48, TokenCutParameters.ForGrid(2, 3, 16), large));
    }

    [Fact]
    public void Lost_leaves_no_ncut_workspace()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        localizer.LocalizeFile(Fixtures.Tiny("grey_45x30.png"));
        Assert.Null(localizer.NcutDetails);
        Assert.NotNull(localizer.LostDetails);
    }
}
