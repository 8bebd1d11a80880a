using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>The ways the TokenCut and MaskCut tests run the kernel: every width this CPU runs, one and two threads.</summary>
internal static class NcutPaths
{
    public static KernelWidth[] Widths { get; } =
        new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 }.Where(KernelWidthSelector.IsSupported).ToArray();

    public static LostKernelOptions[] All { get; } =
        Widths.SelectMany(w => new[] { 1, 2 }.Select(threads => new LostKernelOptions(w, SimilarityBackend.Managed, threads))).ToArray();
}

/// <summary>Comparisons of the kernel's cut with the reference's, shared by the TokenCut and MaskCut properties.</summary>
internal static class NcutAssert
{
    /// <summary>
    /// The last cut in <paramref name="workspace"/> is <paramref name="expected"/>: the seed one of its ties, the
    /// partition exact, the degrees, λ₂ and λ₃ and the eigenvector (within 1e-6 of its largest entry, same orientation).
    /// </summary>
    public static void SameCut(ReferenceCut expected, int seed, NcutSpectrum spectrum, NcutWorkspace workspace, string where)
    {
        Assert.True(expected.SeedCandidates.Contains(seed), $"seed {seed} is not one of [{string.Join(", ", expected.SeedCandidates)}]: {where}");
        Assert.Equal(Bytes(expected.Partition), workspace.Partition.ToArray());
        var degrees = workspace.Degrees;
        for (int i = 0; i < expected.N; i++)
        {
            Close(expected.Degrees[i], degrees[i], 1e-12 * expected.Degrees[i], $"degree {i}: {where}");
        }
        Close(expected.Lambda2, spectrum.Lambda2, 1e-9, $"λ₂: {where}");
        Close(expected.Lambda3, spectrum.Lambda3, 1e-6, $"λ₃: {where}");
        double largest = expected.X.Max(Math.Abs);
        var x = workspace.Eigenvector;
        Assert.Equal(expected.N, x.Length);
        for (int i = 0; i < expected.N; i++)
        {
            Close(expected.X[i], x[i], 1e-6 * largest, $"eigenvector[{i}] (largest {largest}): {where}");
        }
    }

    public static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:E1})");

    public static byte[] Bytes(bool[] marks) => marks.Select(b => (byte)(b ? 1 : 0)).ToArray();
}
