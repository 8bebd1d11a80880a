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
        var generator = new Mt19937(ClusteringFixtures.Seeds[seedIndex]);

        AssertDrawsAreNumpys(seedIndex, 0, () => generator.NextUInt32());
    }

    [Theory]
    [MemberData(nameof(SeedIndices))]
    public void Random_sample_is_numpys_bit_for_bit(int seedIndex)
    {
        var random = new LegacyRandomState(ClusteringFixtures.Seeds[seedIndex]);

        AssertDrawsAreNumpys(seedIndex, 1, random.NextDouble);
    }

    [Theory]
    [MemberData(nameof(SeedIndices))]
    public void Standard_normal_is_numpys_bit_for_bit(int seedIndex)
    {
        var random = new LegacyRandomState(ClusteringFixtures.Seeds[seedIndex]);

        AssertDrawsAreNumpys(seedIndex, 2, random.NextStandardNormal);
    }

    private static void AssertDrawsAreNumpys(int seedIndex, int kind, Func<double> next)
    {
        double[] expected = ClusteringFixtures.Draws(seedIndex, kind);
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = next();
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual),
                $"seed {ClusteringFixtures.Seeds[seedIndex]}, draw {i}: numpy {expected[i]:R}, engine {actual:R}");
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
