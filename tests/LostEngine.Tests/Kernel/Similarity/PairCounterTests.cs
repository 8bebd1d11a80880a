using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// The pair counters on their own, through the one dispatch: degrees and graph bits equal the obvious count for
/// thresholds at, above and below zero (a negative one makes the zero keys that pad the last panel into "edges",
/// which must never show), and any split of the rows adds up to the whole. The 512-bit counter's tiling runs here
/// even on a CPU without AVX-512, through .NET's software Vector512, so its tails and diagonal are tested on every machine.
/// </summary>
public class PairCounterTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 0 }, { 2, 1, 1 }, { 17, 3, 5 }, { 31, 9, 12 }, { 33, 16, 20 }, { 65, 17, 40 }, { 97, 33, 48 }, { 130, 7, 49 },
    };

    // Integer keys give integer similarities: 0 has ties (where > matters), the half-integers have none.
    private static readonly float[] Thresholds = [0f, 2.5f, -1.5f];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_512_bit_counter_matches_the_reference_in_any_row_split(int n, int dim, int split)
        => MatchesReference(PairCounterKind.Vector512, n, dim, split);

    [WidthFact(KernelWidth.Vector256)]
    public void The_256_bit_counter_matches_the_reference_in_any_row_split()
    {
        foreach (var row in Shapes)
        {
            MatchesReference(PairCounterKind.Vector256, (int)row[0], (int)row[1], (int)row[2]);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_scalar_counter_matches_the_reference_in_any_row_split(int n, int dim, int split)
        => MatchesReference(PairCounterKind.Scalar, n, dim, split);

    [Native.BlasFact]
    public void The_cblas_counter_matches_the_reference_in_any_row_split()
    {
        foreach (var row in Shapes)
        {
            MatchesReference(PairCounterKind.Cblas, (int)row[0], (int)row[1], (int)row[2]);
        }
    }

    private static void MatchesReference(PairCounterKind kind, int n, int dim, int split)
    {
        var keys = PairHarness.IntegerKeys(new Random(n * 1000 + dim), n, dim);
        foreach (float threshold in Thresholds)
        {
            var expected = PairHarness.Reference(keys, n, dim, threshold);
            var graph = PairHarness.Count(kind, keys, n, dim, threshold, graph: true, split);
            // LOST's degree-only sink serves thresholds of 0 and up, where no padding lane can be set.
            if (threshold >= 0)
            {
                var degreesOnly = PairHarness.Count(kind, keys, n, dim, threshold, graph: false, split);
                Assert.True(expected.Degrees.AsSpan().SequenceEqual(degreesOnly.Degrees), $"{kind} degrees, threshold {threshold}");
            }
            Assert.True(expected.Degrees.AsSpan().SequenceEqual(graph.Degrees), $"{kind} graph degrees, threshold {threshold}");
            Assert.True(expected.Bits.AsSpan().SequenceEqual(graph.Bits), $"{kind} graph bits, threshold {threshold}");
        }
    }
}
