namespace LostEngine.Tests.Import;

/// <summary>The keys tolerance: max |actual - expected| / max |expected| over a whole tensor, at most 1e-4.</summary>
internal static class OutputComparison
{
    public const double Tolerance = 1e-4;

    public static double RelativeError(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0, error = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            error = Math.Max(error, Math.Abs((double)actual[i] - expected[i]));
        }
        return error / (scale > 0 ? scale : 1);
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        double relative = RelativeError(expected, actual);
        Assert.True(relative <= Tolerance, $"{what}: relative error {relative:E2} exceeds {Tolerance:E0}");
    }
}
