using LostEngine.Clustering;

namespace LostEngine.Tests.Clustering;

/// <summary>The default <c>--init kmeans++</c>: restarts, convergence, the least inertia.</summary>
public sealed class KMeansPlusPlusTests
{
    [Theory]
    [InlineData(5, 200, 16, 1)]
    [InlineData(8, 240, 32, 2)]
    [InlineData(12, 360, 24, 3)]
    public void Planted_blobs_are_recovered(int blobs, int rows, int dims, int seed)
    {
        var planted = PlantedBlobs.Make(blobs, rows, dims, seed);

        var result = BoxClustering.Run(planted.Features, new ClusteringOptions { K = blobs, Seed = 123 });

        Assert.True(planted.Recovered(result.Labels), $"labels {string.Join(",", result.Labels)}");
    }

    [Theory]
    [InlineData(5, 200, 16, 1)]
    [InlineData(8, 240, 32, 2)]
    [InlineData(12, 360, 24, 3)]
    [InlineData(20, 400, 48, 4)]
    public void Inertia_is_at_most_that_of_the_scipy_init(int blobs, int rows, int dims, int seed)
    {
        var planted = PlantedBlobs.Make(blobs, rows, dims, seed, spread: 0.3);

        var plusPlus = BoxClustering.Run(planted.Features, new ClusteringOptions { K = blobs });
        var scipy = BoxClustering.Run(planted.Features, new ClusteringOptions { K = blobs, Initialization = ClusterInitialization.Scipy });

        Assert.True(plusPlus.Inertia <= scipy.Inertia, $"k-means++ {plusPlus.Inertia}, scipy {scipy.Inertia}");
    }

    [Fact]
    public void Inertia_is_that_of_the_labels_and_centres_returned()
    {
        var fixture = ClusteringFixtures.Case("cls_like_f32");
        var result = BoxClustering.Run(fixture.Features, new ClusteringOptions { K = fixture.K, Restarts = 3 });
        double[] data = fixture.Prepared;
        double expected = 0;
        for (int i = 0; i < fixture.Rows; i++)
        {
            for (int f = 0; f < fixture.Dims; f++)
            {
                double difference = data[i * fixture.Dims + f] - result.Centres[result.Labels[i] * fixture.Dims + f];
                expected += difference * difference;
            }
        }

        Assert.Equal(expected, result.Inertia, 1e-9);
    }

    [Fact]
    public void More_restarts_never_find_a_worse_clustering()
    {
        var fixture = ClusteringFixtures.Case("cls_like_f32");

        double one = BoxClustering.Run(fixture.Features, new ClusteringOptions { K = fixture.K, Restarts = 1 }).Inertia;
        double ten = BoxClustering.Run(fixture.Features, new ClusteringOptions { K = fixture.K, Restarts = 10 }).Inertia;

        Assert.True(ten <= one, $"10 restarts {ten}, 1 restart {one}");
    }

    [Fact]
    public void A_seed_gives_the_same_clustering_every_time_and_another_seed_may_not()
    {
        var fixture = ClusteringFixtures.Case("cls_like_f32");
        var options = new ClusteringOptions { K = fixture.K, Seed = 7, Restarts = 2 };

        var first = BoxClustering.Run(fixture.Features, options);
        var second = BoxClustering.Run(fixture.Features, options);
        var other = BoxClustering.Run(fixture.Features, options with { Seed = 8 });

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Centres, second.Centres);
        Assert.NotEqual(first.Labels, other.Labels);
    }

    [Theory]
    [InlineData(0, 10, 300, "k")]
    [InlineData(11, 10, 300, "k")]
    [InlineData(2, 0, 300, "restarts")]
    [InlineData(2, 100_001, 300, "restarts")]
    [InlineData(2, 10, 0, "max_iterations")]
    public void Options_out_of_range_are_refused_naming_them(int k, int restarts, int maxIterations, string input)
    {
        var features = FeatureRows.FromDouble(Enumerable.Range(1, 20).Select(i => (double)(i * i % 7 + 1)).ToArray(), 10, 2);

        var error = Assert.Throws<LostInputException>(() => BoxClustering.Run(features,
            new ClusteringOptions { K = k, Restarts = restarts, MaxIterations = maxIterations }));

        Assert.Equal(input, error.InputName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_features_are_refused_naming_row_and_column(double bad)
    {
        var values = new double[12];
        Array.Fill(values, 1.0);
        values[7] = bad;

        var error = Assert.Throws<LostInputException>(() => FeatureRows.FromDouble(values, 4, 3));

        Assert.Contains("row 2, column 1", error.Message);
    }
}
