using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// The degree counters on their own: any split of the rows adds up to the whole, and the 512-bit counter's
/// tiling runs here even on a CPU without AVX-512, through .NET's software Vector512, so its tail and
/// diagonal handling is tested on every machine.
/// </summary>
public class DegreeCounterTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 0 }, { 2, 1, 1 }, { 17, 3, 5 }, { 31, 9, 12 }, { 33, 16, 20 }, { 65, 17, 40 }, { 97, 33, 48 }, { 130, 7, 49 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_512_bit_counter_matches_the_reference_in_any_row_split(int n, int dim, int split)
        => MatchesReferenceInTwoShares(n, dim, split, Vector512Tile8x32.PanelWidth,
            (keys, rowStart, rowEnd, degrees, panels) => PanelDegreeCounter<Vector512Tile8x32>.CountRows(keys, n, dim, rowStart, rowEnd, degrees, panels));

    [WidthFact(KernelWidth.Vector256)]
    public void The_256_bit_counter_matches_the_reference_in_any_row_split()
    {
        foreach (var row in Shapes)
        {
            int n = (int)row[0], dim = (int)row[1], split = (int)row[2];
            MatchesReferenceInTwoShares(n, dim, split, Vector256Tile6x16.PanelWidth,
                (keys, rowStart, rowEnd, degrees, panels) => PanelDegreeCounter<Vector256Tile6x16>.CountRows(keys, n, dim, rowStart, rowEnd, degrees, panels));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_scalar_counter_matches_the_reference_in_any_row_split(int n, int dim, int split)
        => MatchesReferenceInTwoShares(n, dim, split, 0,
            (keys, rowStart, rowEnd, degrees, _) => ScalarDegreeCounter.CountRows(keys, n, dim, rowStart, rowEnd, degrees));

    private delegate void Counter(float[] keys, int rowStart, int rowEnd, Span<int> degrees, ReadOnlySpan<float> panels);

    private static void MatchesReferenceInTwoShares(int n, int dim, int split, int panelWidth, Counter count)
    {
        var random = new Random(n * 1000 + dim);
        var keys = Enumerable.Range(0, n * dim).Select(_ => (float)random.Next(-3, 4)).ToArray();
        var panels = new float[panelWidth == 0 ? 0 : KeyPanels.Length(n, dim, panelWidth)];
        if (panelWidth > 0)
        {
            KeyPanels.Pack(keys, n, dim, panelWidth, panels);
        }
        var degrees = new int[n];
        count(keys, 0, split, degrees, panels);
        count(keys, split, n, degrees, panels);

        var expected = ReferenceLost.Degrees(keys, n, dim);
        Assert.Equal(expected, degrees);
    }
}
