using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Kernel;
using LostEngine.Tests.Model;
using Xunit.Abstractions;

namespace LostEngine.Tests.Soak;

/// <summary>
/// Tens of thousands of warm calls, cycling through several grid or frame sizes so that every call reuses buffers
/// sized for another: not one allocates on the calling thread, and the managed heap after a full collection does not
/// grow from one window of calls to the next. The collection runs alone, so the heap is this test's; the resident set
/// is written to the output rather than asserted, since the allocator and ONNX Runtime's arena keep pages as they see
/// fit.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class SoakTests(ITestOutputHelper output)
{
    // A settled heap moves by a few KiB between windows (the runner's own threads); a leak of a few bytes a call over
    // a window's thousands of calls is well past it. Over the whole run, the runner's one-off retention stays below
    // the second bound.
    private const long WindowMargin = 64 << 10;
    private const long RunMargin = 1 << 20;

    // Sizes that are not multiples of any tile or vector width, largest first so one workspace serves every size.
    private static readonly (int Rows, int Cols)[] Grids = [(12, 14), (9, 13), (5, 7)];

    [Fact]
    public void Kernel_calls_allocate_nothing_and_leave_the_heap_where_it_was()
    {
        var lostCases = Grids.Select((g, i) => new KernelCase(g.Rows, g.Cols, 45, 100, KeyPattern.PlantedObject, i, 16, g.Rows * 16 - 3, g.Cols * 16)).ToArray();
        var lostKeys = lostCases.Select(c => c.Keys()).ToArray();
        var ncutCases = Grids.Select((g, i) => NcutCase.Create(g.Rows, g.Cols, 23, 1, NcutKeyStyle.Gaussian, 0.6, false, i, 16, 0, 0, 0.2f)).ToArray();
        var tokenCut = ncutCases.Select(c => c.TokenCut).ToArray();
        var maskCut = ncutCases.Select(c => c.MaskCut()).ToArray();
        var lostResults = new LostResult[Grids.Length];
        var tokenCutResults = new TokenCutResult[Grids.Length];
        var maskCutResults = new MaskCutResult[Grids.Length];
        using var lostWorkspace = new LostWorkspace(lostCases[0].N, 45);
        using var ncutWorkspace = new NcutWorkspace(ncutCases[0].N, 23);
        int lostTurn = 0, tokenCutTurn = 0, maskCutTurn = 0;

        Assert.All(new[]
        {
            SoakMeasurement.Of("LOST", () =>
            {
                int i = lostTurn++ % Grids.Length;
                lostResults[i] = LostKernel.Run(lostKeys[i], 45, lostCases[i].Parameters, lostWorkspace);
            }, 30_000),
            SoakMeasurement.Of("TokenCut", () =>
            {
                int i = tokenCutTurn++ % Grids.Length;
                tokenCutResults[i] = TokenCutKernel.Run(ncutCases[i].Keys, 23, tokenCut[i], ncutWorkspace);
            }, 6_000),
            SoakMeasurement.Of("MaskCut", () =>
            {
                int i = maskCutTurn++ % Grids.Length;
                maskCutResults[i] = MaskCutKernel.Run(ncutCases[i].Keys, 23, maskCut[i], ncutWorkspace);
            }, 2_000),
        }, AssertFlat);

        // The last call on each size, after thousands on the others, answers as a workspace that never saw them.
        for (int i = 0; i < Grids.Length; i++)
        {
            using var freshLost = new LostWorkspace(lostCases[i].N, 45);
            Assert.Equal(LostKernel.Run(lostKeys[i], 45, lostCases[i].Parameters, freshLost), lostResults[i]);
            using var freshNcut = new NcutWorkspace(ncutCases[i].N, 23);
            Assert.Equal(TokenCutKernel.Run(ncutCases[i].Keys, 23, tokenCut[i], freshNcut), tokenCutResults[i]);
            Assert.Equal(MaskCutKernel.Run(ncutCases[i].Keys, 23, maskCut[i], freshNcut), maskCutResults[i]);
        }
    }

    [Fact]
    public void Localizer_frames_allocate_nothing_and_leave_the_heap_where_it_was()
    {
        var frames = new[] { (Width: 100, Height: 75), (Width: 64, Height: 48), (Width: 37, Height: 53) }
            .Select(size => (size.Width, size.Height, Pixels: ReferencePreprocessing.RandomRgb(size.Width, size.Height, size.Width)))
            .ToArray();
        var measurements = new List<SoakMeasurement>();
        foreach (var (method, calls) in new[] { (LocalizationMethod.Lost, 3_000), (LocalizationMethod.TokenCut, 1_000), (LocalizationMethod.MaskCut, 1_000) })
        {
            var options = new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method };
            var results = new LocalizationResult[frames.Length];
            int turn = 0;
            using (var localizer = new LostLocalizer(options))
            {
                measurements.Add(SoakMeasurement.Of($"localizer, {method}", () =>
                {
                    int i = turn++ % frames.Length;
                    results[i] = localizer.Localize(frames[i].Pixels, frames[i].Width, frames[i].Height, frames[i].Width * 3, PixelFormat.Rgb24);
                }, calls));
            }
            for (int i = 0; i < frames.Length; i++)
            {
                using var fresh = new LostLocalizer(options);
                var expected = fresh.Localize(frames[i].Pixels, frames[i].Width, frames[i].Height, frames[i].Width * 3, PixelFormat.Rgb24);
                Assert.Equal((expected.Box, expected.Seed), (results[i].Box, results[i].Seed));
            }
        }
        Assert.All(measurements, AssertFlat);
    }

    private void AssertFlat(SoakMeasurement measurement)
    {
        output.WriteLine(measurement.ToString());
        Assert.True(measurement.AllocatedBytes == 0, measurement.ToString());
        Assert.True(measurement.SmallestWindowGrowth <= WindowMargin, measurement.ToString());
        Assert.True(measurement.Heap[^1] - measurement.Heap[0] <= RunMargin, measurement.ToString());
    }
}
