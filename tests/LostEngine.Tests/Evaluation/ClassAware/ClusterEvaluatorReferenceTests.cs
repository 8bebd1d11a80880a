using System.Text.Json;
using LostEngine.Evaluation.ClassAware;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary>The engine's class-aware scores against the reference's on the generated fixtures.</summary>
public sealed class ClusterEvaluatorReferenceTests
{
    private const double Tolerance = 0;

    [Theory]
    [MemberData(nameof(ApEvalFixtures.Scenarios), MemberType = typeof(ApEvalFixtures))]
    public void Every_class_cluster_AP50_is_the_references(string scenario)
    {
        JsonElement expected = ApEvalFixtures.Expected(scenario);
        ClusterEvaluation result = ApEvalFixtures.Evaluate(scenario);
        var rows = expected.GetProperty("reward_ap50").EnumerateArray().Select(ApEvalFixtures.Doubles).ToArray();
        Assert.Equal(rows.Length, result.MatchingAp50.Count);
        for (int c = 0; c < rows.Length; c++)
        {
            Assert.Equal(rows[c].Length, result.MatchingAp50[c].Count);
            for (int k = 0; k < rows[c].Length; k++)
            {
                Assert.True(Math.Abs(rows[c][k] - result.MatchingAp50[c][k]) <= Tolerance,
                    $"class {c} cluster {k}: reference {rows[c][k]:R}, engine {result.MatchingAp50[c][k]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ApEvalFixtures.Scenarios), MemberType = typeof(ApEvalFixtures))]
    public void The_matching_and_the_per_class_APs_are_the_references(string scenario)
    {
        JsonElement expected = ApEvalFixtures.Expected(scenario);
        ClusterEvaluation result = ApEvalFixtures.Evaluate(scenario);
        Assert.Equal(ApEvalFixtures.Ints(expected.GetProperty("class_to_cluster")), result.PerClass.Select(p => p.Cluster));
        JsonElement byIoU = expected.GetProperty("per_class_ap_by_iou");
        for (int t = 0; t < 10; t++)
        {
            double[] column = ApEvalFixtures.Doubles(byIoU.GetProperty((50 + 5 * t).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            for (int c = 0; c < column.Length; c++)
            {
                Assert.True(Math.Abs(column[c] - result.PerClass[c].ApByIoU[t]) <= Tolerance,
                    $"class {c} IoU {50 + 5 * t}: reference {column[c]:R}, engine {result.PerClass[c].ApByIoU[t]:R}");
            }
        }
        double[] perClassAp = ApEvalFixtures.Doubles(expected.GetProperty("per_class_ap"));
        Assert.All(perClassAp.Select((ap, c) => (ap, c)), pair => Assert.Equal(pair.ap, result.PerClass[pair.c].Ap, Tolerance));
    }

    [Theory]
    [MemberData(nameof(ApEvalFixtures.Scenarios), MemberType = typeof(ApEvalFixtures))]
    public void The_headline_numbers_are_the_references(string scenario)
    {
        JsonElement expected = ApEvalFixtures.Expected(scenario);
        ClusterEvaluation result = ApEvalFixtures.Evaluate(scenario);
        Assert.Equal(expected.GetProperty("hungarian_ap50").GetDouble(), result.HungarianAp50, Tolerance);
        Assert.Equal(expected.GetProperty("ap50").GetDouble(), result.Ap50, Tolerance);
        Assert.Equal(expected.GetProperty("ap75").GetDouble(), result.Ap75, Tolerance);
        Assert.Equal(expected.GetProperty("ap").GetDouble(), result.Ap, Tolerance);
    }

    [Fact]
    public void One_thread_and_many_give_the_same_bits()
    {
        ClusterEvaluation one = ApEvalFixtures.Evaluate("voc07", threads: 1);
        ClusterEvaluation many = ApEvalFixtures.Evaluate("voc07", threads: 7);
        Assert.Equal(one.MatchingAp50.SelectMany(r => r), many.MatchingAp50.SelectMany(r => r));
        Assert.Equal(one.PerClass.SelectMany(p => p.ApByIoU), many.PerClass.SelectMany(p => p.ApByIoU));
        Assert.Equal(one.Ap, many.Ap);
    }
}
