using LostEngine.Evaluation.ClassAware;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary>The assignment against SciPy 1.10's linear_sum_assignment(-reward) on tie-heavy matrices (lsap.json).</summary>
public sealed class LinearSumAssignmentTests
{
    [Fact]
    public void Every_assignment_is_scipys_ties_included()
    {
        foreach (var item in ApEvalFixtures.Json("lsap.json").GetProperty("cases").EnumerateArray())
        {
            double[][] reward = item.GetProperty("reward").EnumerateArray().Select(ApEvalFixtures.Doubles).ToArray();
            int rows = reward.Length, columns = reward[0].Length;
            double[] cost = reward.SelectMany(row => row.Select(v => -v)).ToArray();
            Assert.Equal(ApEvalFixtures.Ints(item.GetProperty("assignment")), LinearSumAssignment.Solve(cost, rows, columns));
        }
    }

    [Fact]
    public void A_constant_matrix_gives_the_identity_as_scipy_does()
    {
        Assert.Equal([0, 1, 2], LinearSumAssignment.Solve(new double[12], 3, 4));
    }

    [Fact]
    public void More_rows_than_columns_and_NaN_costs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LinearSumAssignment.Solve(new double[6], 3, 2));
        Assert.Throws<ArgumentException>(() => LinearSumAssignment.Solve([0, double.NaN, 1, 2], 2, 2));
    }
}
