using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>The spec's cheap invariants (section 2), checked on every width the CPU runs.</summary>
public class KernelInvariantProperties
{
    private static readonly KernelWidth[] SupportedWidths = Enum.GetValues<KernelWidth>()
        .Where(w => w != KernelWidth.Auto && KernelWidthSelector.IsSupported(w)).ToArray();

    public static TheoryData<KernelWidth> Widths => new(SupportedWidths);

    [KernelProperty(KernelWidth.Scalar, MaxTest = 40)]
    public void The_box_is_consistent_with_the_seed_grid_and_component(KernelCase c)
    {
        foreach (var width in SupportedWidths)
        {
            using var workspace = new LostWorkspace(c.N, c.Dim, new LostKernelOptions(width));
            var result = LostKernel.Run(c.Keys(), c.Dim, c.Parameters, workspace);
            if (!result.HasObject)
            {
                continue;
            }
            var box = result.Box;
            var cells = result.BoxPatches;
            int seedRow = result.Seed / c.Cols, seedCol = result.Seed % c.Cols;
            Assert.True(cells.Contains(seedRow, seedCol), $"seed {result.Seed} outside {cells}: {c}");
            Assert.True(box.X1 < box.X2 && box.Y1 < box.Y2, $"empty box {box}: {c}");
            Assert.Equal(0, box.X1 % c.PatchSize);
            Assert.Equal(0, box.Y1 % c.PatchSize);
            Assert.True(box.X2 % c.PatchSize == 0 || box.X2 == c.ImageWidth, $"x2 {box.X2} is neither a cell edge nor W: {c}");
            Assert.True(box.Y2 % c.PatchSize == 0 || box.Y2 == c.ImageHeight, $"y2 {box.Y2} is neither a cell edge nor H: {c}");
            Assert.True(box.X2 <= c.ImageWidth && box.Y2 <= c.ImageHeight, $"box {box} leaves the image: {c}");

            // The box is the bounding box of the seed's 4-connected component of M > 0, found here afresh.
            var positive = workspace.ExpansionMap.ToArray().Select(v => v > 0).ToArray();
            var component = FloodFill(positive, c.Rows, c.Cols, result.Seed);
            Assert.Equal(ReferenceLost.BoundingBox(component, c.Cols), cells);
            Assert.Equal(component.Count(b => b), result.ComponentSize);
        }
    }

    [KernelProperty(KernelWidth.Scalar, MaxTest = 15)]
    public void Scaling_every_key_by_a_power_of_two_changes_nothing(KernelCase c)
    {
        var keys = c.Keys();
        foreach (var width in SupportedWidths)
        {
            using var workspace = new LostWorkspace(c.N, c.Dim, new LostKernelOptions(width));
            var plain = LostKernel.Run(keys, c.Dim, c.Parameters, workspace);
            var degrees = workspace.Degrees.ToArray();
            foreach (float scale in new[] { 0.25f, 8f })
            {
                var scaled = LostKernel.Run(c.Keys(scale), c.Dim, c.Parameters, workspace);
                Assert.Equal(plain, scaled);
                Assert.Equal(degrees, workspace.Degrees.ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Zero_keys_give_no_object_on_every_path(KernelWidth width)
    {
        foreach (int threads in new[] { 1, 2, 3 })
        {
            foreach (var (rows, cols, dim) in new[] { (1, 1, 1), (7, 11, 13), (20, 31, 384) })
            {
                using var workspace = new LostWorkspace(rows * cols, dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
                var result = LostKernel.Run(new float[rows * cols * dim], dim, LostParameters.ForGrid(rows, cols, 16), workspace);
                Assert.False(result.HasObject);
                Assert.Equal(NoObjectReason.SeedInBackground, result.Reason);
                Assert.Equal(0, result.Seed);
                Assert.Equal(default, result.Box);
                Assert.All(workspace.Degrees.ToArray(), d => Assert.Equal(0, d));
                Assert.NotEmpty(result.ReasonText);
            }
        }
    }

    private static bool[] FloodFill(bool[] mask, int rows, int cols, int seed)
    {
        var inside = new bool[mask.Length];
        var queue = new Queue<int>([seed]);
        inside[seed] = true;
        while (queue.TryDequeue(out int cell))
        {
            int r = cell / cols, c = cell % cols;
            int[] neighbours = [r > 0 ? cell - cols : -1, r < rows - 1 ? cell + cols : -1, c > 0 ? cell - 1 : -1, c < cols - 1 ? cell + 1 : -1];
            foreach (int next in neighbours.Where(x => x >= 0 && mask[x] && !inside[x]))
            {
                inside[next] = true;
                queue.Enqueue(next);
            }
        }
        return inside;
    }
}
