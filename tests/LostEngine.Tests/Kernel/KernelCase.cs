using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>How a case's integer keys are laid out.</summary>
public enum KeyPattern
{
    /// <summary>Independent values in -3..3.</summary>
    Uniform,

    /// <summary>A rectangle of keys near one direction on a background near the opposite one.</summary>
    PlantedObject,

    /// <summary>Uniform, with about half of the keys the zero vector (many ties and zero similarities).</summary>
    SparseZeros,

    /// <summary>Every key one of three vectors, so degrees tie in large groups.</summary>
    FewDistinct,
}

/// <summary>
/// One random kernel input: a grid (never a multiple of any tile by design of the ranges), a key width, k and
/// small-integer keys (exact in float32, so every correct implementation agrees bit for bit), built
/// deterministically from <see cref="Seed"/>.
/// </summary>
public sealed record KernelCase(int Rows, int Cols, int Dim, int K, KeyPattern Pattern, int Seed, int PatchSize, int ImageHeight, int ImageWidth)
{
    /// <summary>Keeps the N²·d work of the slow reference small enough for a suite that runs in seconds.</summary>
    private const double MaxReferenceWork = 4e7;

    public int N => Rows * Cols;

    public LostParameters Parameters => new(Rows, Cols, PatchSize, PatchSize, ImageHeight, ImageWidth, K);

    public float[] Keys(float scale = 1f)
    {
        var random = new Random(Seed);
        var keys = new float[N * Dim];
        var direction = new int[Dim];
        for (int t = 0; t < Dim; t++)
        {
            direction[t] = random.Next(-2, 3);
        }
        var palette = new int[3][];
        for (int v = 0; v < 3; v++)
        {
            palette[v] = Enumerable.Range(0, Dim).Select(_ => random.Next(-3, 4)).ToArray();
        }
        int top = random.Next(Rows), left = random.Next(Cols);
        int bottom = random.Next(top, Rows) + 1, right = random.Next(left, Cols) + 1;
        for (int i = 0; i < N; i++)
        {
            int r = i / Cols, c = i % Cols;
            bool inside = r >= top && r < bottom && c >= left && c < right;
            bool zero = Pattern == KeyPattern.SparseZeros && random.Next(2) == 0;
            int which = random.Next(3);
            for (int t = 0; t < Dim; t++)
            {
                int value = Pattern switch
                {
                    KeyPattern.PlantedObject => Math.Clamp((inside ? direction[t] : -direction[t]) + random.Next(-1, 2), -3, 3),
                    KeyPattern.FewDistinct => palette[which][t],
                    _ => zero ? 0 : random.Next(-3, 4),
                };
                keys[i * Dim + t] = value * scale;
            }
        }
        return keys;
    }

    public static Gen<KernelCase> Generator { get; } =
        from rows in Gen.Choose(1, 60)
        from cols in Gen.Choose(1, 80)
        from wide in Gen.Choose(0, 7)
        from narrow in Gen.Choose(1, 100)
        from k in Gen.Choose(1, rows * cols + 20)
        from pattern in Gen.Elements(KeyPattern.Uniform, KeyPattern.PlantedObject, KeyPattern.SparseZeros, KeyPattern.FewDistinct)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from patchSize in Gen.Elements(8, 14, 16)
        from cropY in Gen.Choose(0, 13)
        from cropX in Gen.Choose(0, 13)
        select Create(rows, cols, wide == 0 ? 384 : narrow, k, pattern, seed, patchSize, cropY, cropX);

    private static KernelCase Create(int rows, int cols, int dim, int k, KeyPattern pattern, int seed, int patchSize, int cropY, int cropX)
    {
        double n = (double)rows * cols;
        int cappedDim = (int)Math.Max(1, Math.Min(dim, MaxReferenceWork / (n * n)));
        // Cropping less than one patch keeps the image inside the padded grid's last cell.
        int height = rows * patchSize - cropY % patchSize;
        int width = cols * patchSize - cropX % patchSize;
        return new KernelCase(rows, cols, cappedDim, k, pattern, seed, patchSize, height, width);
    }
}

/// <summary>Registers <see cref="KernelCase.Generator"/> for properties that take a <see cref="KernelCase"/>.</summary>
public static class KernelArbitraries
{
    public static Arbitrary<KernelCase> Cases() => KernelCase.Generator.ToArbitrary();
}
