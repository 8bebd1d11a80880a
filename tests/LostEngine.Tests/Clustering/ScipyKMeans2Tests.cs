using LostEngine.Clustering;

namespace LostEngine.Tests.Clustering;

/// <summary><c>--init scipy</c> against SciPy's kmeans2 called as cluster_for_OD.py calls it, on the committed fixtures.</summary>
public sealed class ScipyKMeans2Tests
{
    public static TheoryData<string> AllCases => ClusteringFixtures.CaseNames(_ => true);

    /// <summary>The cases with at least as many rows as dimensions, where SciPy draws through the Cholesky factor.</summary>
    public static TheoryData<string> CholeskyCases => ClusteringFixtures.CaseNames(c => c.Dims <= c.Rows);

    private static ClusteringResult Run(Kmeans2Case fixture) => BoxClustering.Run(fixture.Features,
        new ClusteringOptions { K = fixture.K, Seed = fixture.Seed, Initialization = ClusterInitialization.Scipy });

    [Theory]
    [MemberData(nameof(CholeskyCases))]
    public void Labels_are_scipys(string name)
    {
        var fixture = ClusteringFixtures.Case(name);

        Assert.Equal(fixture.Labels, Run(fixture).Labels);
    }

    [Theory]
    [MemberData(nameof(CholeskyCases))]
    public void Centres_are_scipys_to_rounding(string name)
    {
        var fixture = ClusteringFixtures.Case(name);
        double tolerance = fixture.SinglePrecision ? 1e-5 : 1e-12;

        double[] actual = Run(fixture).Centres;

        double[] expected = fixture.Centres;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{name}: centre value {i}: SciPy {expected[i]:R}, engine {actual[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void An_empty_cluster_is_met_exactly_where_scipy_warned_of_one(string name)
    {
        var fixture = ClusteringFixtures.Case(name);

        Assert.Equal(fixture.EmptyCluster, Run(fixture).EmptyClusterSteps > 0);
    }

    [Fact]
    public void Inertia_is_the_sum_of_squared_distances_to_the_centres_returned()
    {
        var fixture = ClusteringFixtures.Case("blobs_f64_k10");
        double[] data = fixture.Prepared;
        int[] labels = fixture.Labels;
        double[] centres = fixture.Centres;
        double expected = 0;
        for (int i = 0; i < fixture.Rows; i++)
        {
            for (int f = 0; f < fixture.Dims; f++)
            {
                double difference = data[i * fixture.Dims + f] - centres[labels[i] * fixture.Dims + f];
                expected += difference * difference;
            }
        }

        Assert.Equal(expected, Run(fixture).Inertia, 1e-9);
    }

    [Fact]
    public void Features_of_one_direction_are_refused_naming_the_init()
    {
        // One positive column: normalised, every row is exactly 1, of covariance exactly zero (numpy's cholesky raises LinAlgError).
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];

        var error = Assert.Throws<LostInputException>(() => BoxClustering.Run(FeatureRows.FromDouble(values, 10, 1),
            new ClusteringOptions { K = 2, Initialization = ClusterInitialization.Scipy }));

        Assert.Equal("init", error.InputName);
        Assert.Contains("not positive definite", error.Message);
    }

    [Theory]
    [InlineData(1, 3, "at least 2 images")]
    [InlineData(5000, 2049, "above the limit of 2048 dimensions")]
    [InlineData(1025, 1026, "above the limit of 1024 images")]
    public void Sizes_whose_start_cannot_be_drawn_in_reasonable_time_are_refused_naming_the_init(int rows, int dims, string problem)
    {
        var error = Assert.Throws<LostInputException>(() => LostEngine.Clustering.Scipy.RandomInitialCentres.CheckSize(rows, dims));

        Assert.Equal("init", error.InputName);
        Assert.Contains(problem, error.Message);
    }
}
