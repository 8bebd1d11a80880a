using LostEngine.Clustering.Preparation;
using LostEngine.Clustering.Scipy;
using LostEngine.Numerics;

namespace LostEngine.Tests.Clustering;

/// <summary>
/// With more dimensions than rows SciPy draws the initial centres through the rows of S·Vh / √(n−1) of the centred
/// data. The engine's rows equal LAPACK's up to each row's sign, which is LAPACK's arbitrary choice.
/// </summary>
public sealed class SingularRowsTests
{
    public static TheoryData<string> WideCases => ClusteringFixtures.CaseNames(c => c.Dims > c.Rows);

    [Theory]
    [MemberData(nameof(WideCases))]
    public void Rows_are_lapacks_up_to_sign(string name)
    {
        var fixture = ClusteringFixtures.Case(name);
        double[] expected = ClusteringFixtures.ReadFloat64("kmeans2", $"{name}.singular_rows.npy");
        double[] actual = fixture.SinglePrecision
            ? Rows(Array.ConvertAll(fixture.Prepared, v => (float)v), fixture)
            : Rows(fixture.Prepared, fixture);
        double tolerance = fixture.SinglePrecision ? 1e-5 : 1e-10;

        for (int r = 0; r < fixture.Rows; r++)
        {
            var want = expected.AsSpan(r * fixture.Dims, fixture.Dims);
            var got = actual.AsSpan(r * fixture.Dims, fixture.Dims);
            double same = 0, flipped = 0;
            for (int f = 0; f < fixture.Dims; f++)
            {
                same = Math.Max(same, Math.Abs(want[f] - got[f]));
                flipped = Math.Max(flipped, Math.Abs(want[f] + got[f]));
            }
            Assert.True(Math.Min(same, flipped) <= tolerance, $"{name}: row {r} differs by {Math.Min(same, flipped)} from LAPACK's (either sign)");
        }
    }

    private static double[] Rows<T>(T[] data, Kmeans2Case fixture)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        RandomInitialCentres.SingularRows<T>(data, NumpySums.ColumnMeans<T>(data, fixture.Rows, fixture.Dims), fixture.Rows, fixture.Dims);
}
