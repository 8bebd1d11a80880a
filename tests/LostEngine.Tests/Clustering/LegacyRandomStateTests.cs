using LostEngine.Clustering.Random;

namespace LostEngine.Tests.Clustering;

/// <summary>MT19937 and numpy's legacy RandomState against numpy's own first 2,000 draws of several seeds.</summary>
public sealed class LegacyRandomStateTests
{
    public static TheoryData<int> SeedIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < ClusteringFixtures.Seeds.Length; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedIndices))]
    public void Raw_outputs_are_numpys(int seedIndex)
    {
        double[] expected = ClusteringFixtures.Draws(seedIndex, 0);
        var generator = new Mt19937(ClusteringFixtures.Seeds[seedIndex]);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == generator.NextUInt32(), $"seed {ClusteringFixtures.Seeds[seedIndex]}, draw {i}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedIndices))]
    public void Random_sample_is_numpys_bit_for_bit(int seedIndex)
    {
        double[] expected = ClusteringFixtures.Draws(seedIndex, 1);
        var random = new LegacyRandomState(ClusteringFixtures.Seeds[seedIndex]);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == random.NextDouble(), $"seed {ClusteringFixtures.Seeds[seedIndex]}, draw {i}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedIndices))]
    public void Standard_normal_is_numpys_bit_for_bit(int seedIndex)
    {
        double[] expected = ClusteringFixtures.Draws(seedIndex, 2);
        var random = new LegacyRandomState(ClusteringFixtures.Seeds[seedIndex]);
        var actual = new double[expected.Length];
        random.FillStandardNormal(actual);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"seed {ClusteringFixtures.Seeds[seedIndex]}, draw {i}: numpy {expected[i]:R}, engine {actual[i]:R}");
        }
    }

    [Fact]
    public void A_normal_pair_shares_its_uniform_draws_so_the_second_value_costs_none()
    {
        var both = new LegacyRandomState(42);
        both.NextStandardNormal();
        both.NextStandardNormal();
        var one = new LegacyRandomState(42);
        one.NextStandardNormal();

        Assert.Equal(one.NextDouble(), both.NextDouble());
    }
}
