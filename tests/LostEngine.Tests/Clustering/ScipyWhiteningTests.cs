using LostEngine.Clustering;
using LostEngine.Clustering.Preparation;

namespace LostEngine.Tests.Clustering;

/// <summary>The features as cluster_for_OD.py hands them to kmeans2, against numpy's, bit for bit in their own precision.</summary>
public sealed class ScipyWhiteningTests
{
    public static TheoryData<string> AllCases => ClusteringFixtures.CaseNames(_ => true);

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Whitened_normalised_rows_are_numpys_bit_for_bit(string name)
    {
        var fixture = ClusteringFixtures.Case(name);
        FeatureRows features = fixture.Features;
        double[] actual = features.IsSinglePrecision
            ? Array.ConvertAll(ScipyWhitening.Prepare<float>(features.SingleValues, features.Rows, features.Dims), v => (double)v)
            : ScipyWhitening.Prepare<double>(features.DoubleValues, features.Rows, features.Dims);
        double[] expected = fixture.Prepared;

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"{name}: element {i}: numpy {expected[i]:R}, engine {actual[i]:R}");
        }
    }

    [Fact]
    public void A_zero_row_is_refused_naming_it()
    {
        var features = new double[] { 1, 2, 0, 0, 3, 1 };

        var error = Assert.Throws<LostInputException>(() => ScipyWhitening.Prepare<double>(features, 3, 2));

        Assert.Equal("features", error.InputName);
        Assert.Contains("row 1 is all zeros", error.Message);
    }
}
