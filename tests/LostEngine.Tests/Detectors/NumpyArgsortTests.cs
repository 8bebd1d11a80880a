using System.Text.Json;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Tests.Detectors;

public class NumpyArgsortTests
{
    [Fact]
    public void Every_order_is_the_one_numpy_argsort_gives_ties_included()
    {
        using JsonDocument fixture = DetectorFixtures.Json("argsort.json");
        int cases = 0, unstable = 0;
        foreach (JsonElement item in fixture.RootElement.GetProperty("cases").EnumerateArray())
        {
            double[] values = item.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            int[] expected = item.GetProperty("order").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            int[] order = Enumerable.Range(0, values.Length).ToArray();
            NumpyArgsort.Sort(values, order);
            Assert.True(expected.SequenceEqual(order), $"case {cases} ({values.Length} values): numpy {string.Join(",", expected)}, engine {string.Join(",", order)}");
            Assert.Equal(expected[0], NumpyArgsort.FirstIndex(values));
            int stableFirst = Array.IndexOf(values, values.Min());
            unstable += expected[0] != stableFirst ? 1 : 0;
            cases++;
        }
        // The fixture must hold ties numpy does not break by position, or it would not tell this sort from a stable one.
        Assert.True(unstable > 10, $"only {unstable} cases where numpy's first index is not the first minimum");
    }
}
