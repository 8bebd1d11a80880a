using System.Text.Json;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary>The index sort against NumPy 1.24's argsort on tie-heavy arrays (argsort.json).</summary>
public sealed class NumpyArgsortTests
{
    [Fact]
    public void Ties_come_out_in_numpys_quicksort_order()
    {
        foreach ((double[] values, JsonElement expected) in Cases())
        {
            var order = new int[values.Length];
            NumpyArgsort.Sort(values, order);
            Assert.Equal(ApEvalFixtures.Ints(expected.GetProperty("quicksort")), order);
        }
    }

    [Fact]
    public void The_heapsort_fallback_is_numpys_heapsort()
    {
        foreach ((double[] values, JsonElement expected) in Cases())
        {
            int[] order = Enumerable.Range(0, values.Length).ToArray();
            NumpyArgsort.Heapsort(values, order);
            Assert.Equal(ApEvalFixtures.Ints(expected.GetProperty("heapsort")), order);
        }
    }

    [Fact]
    public void The_fixtures_hold_ties_a_stable_sort_would_order_otherwise()
    {
        int differing = Cases().Count(c =>
        {
            double[] values = c.Values;
            int[] stable = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
            return !stable.SequenceEqual(ApEvalFixtures.Ints(c.Expected.GetProperty("quicksort")));
        });
        Assert.True(differing > 10, $"only {differing} cases tell NumPy's order from a stable one");
    }

    private static IEnumerable<(double[] Values, JsonElement Expected)> Cases() =>
        ApEvalFixtures.Json("argsort.json").GetProperty("cases").EnumerateArray()
            .Select(c => (ApEvalFixtures.Doubles(c.GetProperty("values")), c));
}
